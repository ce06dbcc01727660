package uk.localgov.reunification.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.WebappLogin;

/**
 * {@code /api/oversight} answers only with credentials: HTTP basic, or, for reading only, a
 * manager's own Cockpit login, which is how Cockpit's dashboard asks for the figures.
 */
@ApplicationTest
class OversightApiTest {

  @Autowired
  TestRestTemplate http;

  @Test
  void noFiguresWithoutCredentials() {
    assertThat(http.getForEntity("/api/oversight", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aManagerGetsEverySectionAsJson() {
    ResponseEntity<Map> answer = http.withBasicAuth("linemanager1", "linemanager1")
        .getForEntity("/api/oversight?from=2025-01-01&to=2025-12-31", Map.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody()).containsKeys("period", "timeliness", "overdue", "outcomes", "caseload");
    assertThat((List<?>) answer.getBody().get("timeliness")).hasSize(Timescale.values().length);
    assertThat(answer.getBody().get("period")).isEqualTo(Map.of("from", "2025-01-01", "to", "2025-12-31"));
  }

  @Test
  void aBadPeriodIsRefusedNamingWhatWasWrong() {
    ResponseEntity<Map> notADate = http.withBasicAuth("linemanager1", "linemanager1")
        .getForEntity("/api/oversight?from=01/01/2025", Map.class);
    assertThat(notADate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(notADate.getBody().get("message")).asString().contains("'from'").contains("yyyy-MM-dd");

    ResponseEntity<Map> backwards = http.withBasicAuth("linemanager1", "linemanager1")
        .getForEntity("/api/oversight?from=2025-06-01&to=2025-01-01", Map.class);
    assertThat(backwards.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(backwards.getBody().get("message")).asString().contains("'from'").contains("'to'");
  }

  @Test
  void aManagerLoggedIntoCockpitReadsTheFiguresWithThatLoginButChangesNothingWithIt() {
    String session = cockpitLogin("linemanager1", "linemanager1");

    assertThat(withCookie(session, HttpMethod.GET, "/api/oversight").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(withCookie(session, HttpMethod.GET, "/api/cases/DEMO-1001/allocation").getStatusCode())
        .as("only the oversight figures accept a Cockpit login").isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(withCookie(session, HttpMethod.POST, "/api/cases/DEMO-1001/reallocation").getStatusCode())
        .as("a change always needs credentials on the request").isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aTasklistLoginIsNotACockpitLogin() {
    String session = WebappLogin.session(http, "tasklist", "socialworker1", "socialworker1");

    assertThat(withCookie(session, HttpMethod.GET, "/api/oversight").getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  /** The Case tab reads a chronology with the person's own Tasklist login, and nothing else with it. */
  @Test
  void aTasklistLoginReadsAChronologyButNothingElse() {
    String session = WebappLogin.session(http, "tasklist", "socialworker2", "socialworker2");

    assertThat(withCookie(session, HttpMethod.GET, "/api/cases/NO-SUCH-CHILD/chronology").getStatusCode())
        .as("authenticated by the session: no such case").isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(withCookie(session, HttpMethod.GET, "/api/cases/NO-SUCH-CHILD/allocation").getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(withCookie(session, HttpMethod.POST, "/api/cases/NO-SUCH-CHILD/chronology").getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private String cockpitLogin(String user, String password) {
    return WebappLogin.session(http, "cockpit", user, password);
  }

  private ResponseEntity<String> withCookie(String session, HttpMethod method, String path) {
    HttpHeaders headers = new HttpHeaders();
    headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + session);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, method, new HttpEntity<>(method == HttpMethod.POST
        ? "{\"role\":\"socialWorker\",\"userId\":\"socialworker2\"}" : null, headers), String.class);
  }

}
