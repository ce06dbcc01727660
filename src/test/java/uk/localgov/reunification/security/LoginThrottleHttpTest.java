package uk.localgov.reunification.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.WebappLogin;

/**
 * Someone failing a person's password from one address is slowed down there, with 429, on the
 * REST API, the project's API and the webapps' login; the person still logs in from their own
 * address, and Camunda does not lock their account. The application does not trust
 * X-Forwarded-For, so the other address is a real one: the test connects from 127.0.0.2.
 */
@ApplicationTest
class LoginThrottleHttpTest {

  static final String VICTIM = "throttlevictim";
  static final String PASSWORD = "Victim-Passw0rd!";

  @Autowired
  TestRestTemplate http;
  @Autowired
  LoginThrottle throttle;
  @Autowired
  IdentityService identity;
  @LocalServerPort
  int port;

  @BeforeEach
  void aVictimAndNoCounts() {
    throttle.forgetAll();
    User victim = identity.newUser(VICTIM);
    victim.setPassword(PASSWORD);
    identity.saveUser(victim);
    identity.createMembership(VICTIM, "socialworkers");
  }

  @AfterEach
  void forget() {
    throttle.forgetAll();
    identity.deleteUser(VICTIM);
  }

  @Test
  void failedBasicLoginsFromOneAddressAreThrottledAndTheVictimLogsInFromAnother() throws IOException {
    for (int i = 0; i < throttle.maxFailures(); i++) {
      assertThat(http.withBasicAuth(VICTIM, "a-guess-" + i).getForEntity("/engine-rest/task?maxResults=10", String.class)
          .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    ResponseEntity<String> blocked = http.withBasicAuth(VICTIM, PASSWORD).getForEntity("/engine-rest/task?maxResults=10", String.class);
    assertThat(blocked.getStatusCode()).as("even the right password, from that address").isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(blocked.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
    assertThat(blocked.getBody()).contains("Too many failed logins");
    assertThat(http.withBasicAuth("socialworker1", "socialworker1").getForEntity("/api/me/notifications", String.class)
        .getStatusCode()).as("the project's API too").isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(WebappLogin.logIn(http, "default", "tasklist", "socialworker1", "socialworker1", false).getStatusCode()).as("the webapps' login too")
        .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

    assertThat(getFrom("127.0.0.2", "/engine-rest/task?maxResults=10", VICTIM, PASSWORD))
        .as("the victim, from their own address").startsWith("HTTP/1.1 200");
    assertThat(identity.checkPassword(VICTIM, PASSWORD)).as("the account is not locked").isTrue();
  }

  @Test
  void failedWebappLoginsAreThrottledToo() throws IOException {
    for (int i = 0; i < throttle.maxFailures(); i++) {
      assertThat(WebappLogin.logIn(http, "default", "tasklist", VICTIM, "a-guess-" + i, false).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    assertThat(WebappLogin.logIn(http, "default", "tasklist", VICTIM, PASSWORD, false).getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(http.withBasicAuth(VICTIM, PASSWORD).getForEntity("/engine-rest/task?maxResults=10", String.class).getStatusCode())
        .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(getFrom("127.0.0.2", "/engine-rest/task?maxResults=10", VICTIM, PASSWORD)).startsWith("HTTP/1.1 200");
  }

  /** The webapp reads the login's path decoded: "%6Cogin" is "login", and the throttle counts it. */
  @Test
  void failedWebappLoginsThroughAnEncodedPathAreThrottledToo() {
    String encoded = "/camunda/api/admin/auth/user/default/%6Cogin/tasklist";
    for (int i = 0; i < throttle.maxFailures(); i++) {
      assertThat(WebappLogin.logInAt(http, encoded, "tasklist", VICTIM, "a-guess-" + i).getStatusCode())
          .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    assertThat(WebappLogin.logInAt(http, encoded, "tasklist", VICTIM, PASSWORD).getStatusCode())
        .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(WebappLogin.logIn(http, "default", "tasklist", VICTIM, PASSWORD, false).getStatusCode())
        .as("the plain path, from the same address").isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
  }

  /** Camunda's own lockout (10 failures lock a user for good) no longer applies. */
  @Test
  void camundaNoLongerLocksAUserOut() {
    for (int i = 0; i < 15; i++) {
      assertThat(identity.checkPassword(VICTIM, "a-guess-" + i)).isFalse();
    }

    assertThat(identity.checkPassword(VICTIM, PASSWORD)).isTrue();
    assertThat(http.withBasicAuth(VICTIM, PASSWORD).getForEntity("/engine-rest/task?maxResults=10", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void requestsWithoutCredentialsAreNoFailedLogins() {
    for (int i = 0; i < throttle.maxFailures() + 2; i++) {
      assertThat(http.getForEntity("/engine-rest/task?maxResults=10", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    assertThat(http.withBasicAuth(VICTIM, PASSWORD).getForEntity("/engine-rest/task?maxResults=10", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  /** A GET with basic credentials over a connection from the given local address; answers the raw response. */
  private String getFrom(String localAddress, String path, String user, String password) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
      socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5000);
      socket.setSoTimeout(10000);
      String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      String request = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Basic " + credentials
          + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      return answer.toString(StandardCharsets.UTF_8);
    }
  }
}
