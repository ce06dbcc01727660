package uk.localgov.reunification.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.ApplicationTest;

/** A browser asks for HTML or XML first; the project's API still answers JSON. */
@ApplicationTest
class JsonAnswersTest {

  static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  @Autowired
  TestRestTemplate http;

  @Test
  void aBrowsersRequestGetsJson() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.ACCEPT, BROWSER_ACCEPT);
    for (String path : new String[] {"/api/oversight", "/api/deployment/drift", "/api/oversight/unit-costs"}) {
      ResponseEntity<String> answer = http.withBasicAuth("admin", "admin").exchange(path, HttpMethod.GET,
          new HttpEntity<>(headers), String.class);
      assertThat(answer.getHeaders().getContentType()).as(path).isNotNull();
      assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).as(path).isTrue();
      assertThat(answer.getBody()).as(path).startsWith(path.endsWith("drift") ? "[" : "{");
    }
  }
}
