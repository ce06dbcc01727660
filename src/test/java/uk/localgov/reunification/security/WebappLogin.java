package uk.localgov.reunification.security;

import java.util.List;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A Tasklist login over HTTP as the browser makes it: a page first for the CSRF token, then the form. */
final class WebappLogin {

  private WebappLogin() {
  }

  static ResponseEntity<String> logIn(TestRestTemplate http, String engine, String user, String password, boolean https) {
    HttpHeaders headers = new HttpHeaders();
    if (https) {
      headers.set("X-Forwarded-Proto", "https");
    }
    ResponseEntity<String> page = http.exchange("/camunda/app/tasklist/" + engine + "/", HttpMethod.GET,
        new HttpEntity<>(headers), String.class);
    List<String> cookies = page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
        .map(cookie -> cookie.substring(0, cookie.indexOf(';'))).toList();
    String token = cookies.stream().filter(cookie -> cookie.startsWith("XSRF-TOKEN="))
        .map(cookie -> cookie.substring("XSRF-TOKEN=".length())).findFirst().orElseThrow();
    headers.set(HttpHeaders.COOKIE, String.join("; ", cookies));
    headers.set("X-XSRF-TOKEN", token);
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return http.exchange("/camunda/api/admin/auth/user/" + engine + "/login/tasklist", HttpMethod.POST,
        new HttpEntity<>("username=" + user + "&password=" + password, headers), String.class);
  }
}
