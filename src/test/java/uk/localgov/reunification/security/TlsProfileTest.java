package uk.localgov.reunification.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import uk.localgov.reunification.WebappLogin;

/**
 * The "tls" profile, as behind a TLS-terminating proxy: a webapp page asked for over https (as the
 * proxy says in X-Forwarded-Proto) answers with Strict-Transport-Security and sets its cookies
 * Secure. A context of its own, on an in-memory database and under an engine name of its own so
 * that it never meets the shared test context's engine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:reunification-tls;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "camunda.bpm.process-engine-name=tls"})
@ActiveProfiles({"demo", "test", "tls"})
class TlsProfileTest {

  @Autowired
  TestRestTemplate http;

  ResponseEntity<String> get(String path, boolean https) {
    HttpHeaders headers = new HttpHeaders();
    if (https) {
      headers.set("X-Forwarded-Proto", "https");
    }
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  @Test
  void aWebappPageOverHttpsAnswersWithHstsAndSecureCookies() {
    ResponseEntity<String> page = get("/camunda/app/tasklist/tls/", true);

    assertThat(page.getStatusCode().is2xxSuccessful()).isTrue();
    assertThat(page.getHeaders().getFirst("Strict-Transport-Security")).isEqualTo("max-age=31536000");
    List<String> cookies = page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
    assertThat(cookies).as("the CSRF cookie at least").isNotEmpty()
        .allSatisfy(cookie -> assertThat(cookie).containsPattern(";\\s*Secure"));
  }

  @Test
  void theSessionCookieOfALoginIsSecure() {
    ResponseEntity<String> login = WebappLogin.logIn(http, "tls", "tasklist", "admin", "admin", true);

    assertThat(login.getStatusCode().is2xxSuccessful()).isTrue();
    assertThat(login.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)).isNotEmpty().allSatisfy(cookie ->
        assertThat(cookie).containsPattern(";\\s*Secure"));
  }
}
