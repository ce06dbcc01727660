package uk.localgov.reunification.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.ApplicationTest;

/** {@code POST /api/migrations}: administrators only, with refusals that say what was wrong. */
@ApplicationTest
class CaseMigrationApiTest {

  @Autowired
  TestRestTemplate http;

  ResponseEntity<String> post(String user, Map<String, Object> body) {
    return http.withBasicAuth(user, user).postForEntity("/api/migrations", body, String.class);
  }

  @Test
  void onlyAdministratorsMigrateAndRefusalsNameTheProblem() {
    Map<String, Object> unknownVersion = Map.of("processDefinitionKey", "ongoingSupport", "fromVersion", 9, "toVersion", 1);

    assertThat(http.postForEntity("/api/migrations", unknownVersion, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(post("linemanager1", unknownVersion).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> notFound = post("admin", unknownVersion);
    assertThat(notFound.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(notFound.getBody()).contains("No version 9 of process 'ongoingSupport'");
    ResponseEntity<String> incomplete = post("admin", Map.of("processDefinitionKey", "ongoingSupport"));
    assertThat(incomplete.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(incomplete.getBody()).contains("'fromVersion' and 'toVersion' are required");
  }
}
