package uk.localgov.reunification.security;

import static org.assertj.core.api.Assertions.assertThat;

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
