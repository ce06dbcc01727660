package uk.localgov.reunification.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.ApplicationTest;

/** Each person turns the non-urgent emails off or on for themselves; escalations always go. */
@ApplicationTest
class NotificationPreferencesTest {

  @Autowired
  TestRestTemplate http;

  @Test
  void aPersonTurnsOffNonUrgentEmailForThemselvesOnly() {
    TestRestTemplate worker = http.withBasicAuth("socialworker3", "socialworker3");

    ResponseEntity<String> changed = worker.exchange("/api/me/notifications", HttpMethod.PUT,
        new HttpEntity<>(Map.of("nonUrgentEmail", false)), String.class);

    assertThat(changed.getBody()).contains("\"nonUrgentEmail\":false", "\"escalations\":\"always sent\"");
    assertThat(worker.getForEntity("/api/me/notifications", String.class).getBody()).contains("\"nonUrgentEmail\":false");
    assertThat(http.withBasicAuth("socialworker2", "socialworker2").getForEntity("/api/me/notifications", String.class)
        .getBody()).contains("\"nonUrgentEmail\":true");
    assertThat(http.getForEntity("/api/me/notifications", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    worker.exchange("/api/me/notifications", HttpMethod.PUT, new HttpEntity<>(Map.of("nonUrgentEmail", true)), String.class);
  }
}
