package uk.localgov.reunification.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.ApplicationTest;

@ApplicationTest
class SecurityBaselineTest {

  @Autowired
  TestRestTemplate http;

  @Autowired
  IdentityService identity;

  @Test
  void theRestApiRefusesAnonymousCallers() {
    assertThat(http.getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/engine-rest/history/process-instance", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  /** Contract (HTTP): nothing under /engine-rest answers without credentials, Camunda's own exemption included. */
  @Test
  void nothingUnderTheRestApiAnswersWithoutCredentials() {
    for (String path : List.of("/engine-rest/engine", "/engine-rest/engine/", "/engine-rest/engine/default/task",
        "/engine-rest/engine/no-such-engine/task", "/engine-rest/version", "/engine-rest/no-such-resource",
        "/engine-rest/")) {
      ResponseEntity<String> answer = http.getForEntity(path, String.class);
      assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(answer.getBody()).as(path).isNullOrEmpty();
    }
    assertThat(http.postForEntity("/engine-rest/identity/verify", Map.of("username", "admin", "password", "admin"),
        String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

    ResponseEntity<String> engines = http.withBasicAuth("socialworker1", "socialworker1")
        .getForEntity("/engine-rest/engine", String.class);
    assertThat(engines.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(engines.getBody()).contains("\"name\":\"default\"");
  }

  @Test
  void theRestApiRefusesAWrongPassword() {
    User probe = identity.newUser("passwordprobe");
    probe.setPassword("the-right-one");
    identity.saveUser(probe);
    try {
      ResponseEntity<String> answer = http.withBasicAuth("passwordprobe", "a-wrong-one")
          .getForEntity("/engine-rest/process-definition", String.class);
      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(answer.getBody()).isNullOrEmpty();
      assertThat(http.withBasicAuth("nobodyatall", "whatever")
          .getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    } finally {
      identity.deleteUser("passwordprobe");
    }
  }

  @Test
  void theRestApiAnswersAKnownUser() {
    ResponseEntity<String> answer = http.withBasicAuth("socialworker1", "socialworker1")
        .getForEntity("/engine-rest/process-definition?key=plannedReturn&maxResults=10", String.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody()).contains("\"key\":\"plannedReturn\"");
  }

  @Test
  void theProjectApiRefusesAnonymousCallers() {
    assertThat(http.getForEntity("/api/anything", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void healthAloneAnswersWithoutCredentials() {
    ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
    assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(health.getBody()).isEqualTo("{\"status\":\"UP\"}");
    assertThat(http.getForEntity("/actuator/env", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity("/actuator/beans", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void theWebappsAskForTheirOwnLogin() {
    ResponseEntity<String> engineApi = http.getForEntity(
        "/camunda/api/engine/engine/default/process-definition", String.class);
    assertThat(engineApi.getStatusCode().value()).isIn(401, 403);
    ResponseEntity<String> user = http.getForEntity("/camunda/api/admin/auth/user/default", String.class);
    assertThat(user.getStatusCode().is2xxSuccessful() && user.getBody() != null && user.getBody().contains("userId"))
        .isFalse();
  }
}
