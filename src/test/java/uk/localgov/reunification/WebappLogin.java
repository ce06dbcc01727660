package uk.localgov.reunification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A webapp login over HTTP as the browser makes it: the app's page first for the CSRF token and session, then the form. */
public final class WebappLogin {

  private WebappLogin() {
  }

  /** The login's answer, with the page's cookies sent along; {@code https} as a TLS proxy forwards it. */
  public static ResponseEntity<String> logIn(TestRestTemplate http, String engine, String app, String user, String password,
      boolean https) {
    return pageAndLogin(http, engine, app, user, password, https).login();
  }

  /** Logs in to the default engine's app and answers the logged-in session cookie. */
  public static String session(TestRestTemplate http, String app, String user, String password) {
    return session(http, "default", app, user, password);
  }

  /** Logs in to an engine's app and answers the logged-in session cookie. */
  public static String session(TestRestTemplate http, String engine, String app, String user, String password) {
    PageAndLogin both = pageAndLogin(http, engine, app, user, password, false);
    assertThat(both.login().getStatusCode()).as(both.login().getBody()).isEqualTo(HttpStatus.OK);
    String renewed = cookie(both.login(), "JSESSIONID");
    return renewed == null ? cookie(both.page(), "JSESSIONID") : renewed;
  }

  private record PageAndLogin(ResponseEntity<String> page, ResponseEntity<String> login) {
  }

  /**
   * A login posted to a path as the caller spells it (percent-encoded, say), with the page's
   * cookies and CSRF token as the login page sends them.
   */
  public static ResponseEntity<String> logInAt(TestRestTemplate http, String rawLoginPath, String app, String user,
      String password) {
    return pageAndLogin(http, "default", app, user, password, false, rawLoginPath).login();
  }

  private static PageAndLogin pageAndLogin(TestRestTemplate http, String engine, String app, String user, String password,
      boolean https) {
    return pageAndLogin(http, engine, app, user, password, https, "/camunda/api/admin/auth/user/" + engine + "/login/" + app);
  }

  private static PageAndLogin pageAndLogin(TestRestTemplate http, String engine, String app, String user, String password,
      boolean https, String loginPath) {
    HttpHeaders headers = new HttpHeaders();
    if (https) {
      headers.set("X-Forwarded-Proto", "https");
    }
    ResponseEntity<String> page = http.exchange("/camunda/app/" + app + "/" + engine + "/", HttpMethod.GET,
        new HttpEntity<>(headers), String.class);
    List<String> cookies = page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
        .map(cookie -> cookie.substring(0, cookie.indexOf(';'))).toList();
    headers.set(HttpHeaders.COOKIE, String.join("; ", cookies));
    headers.set("X-XSRF-TOKEN", cookie(page, "XSRF-TOKEN"));
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> login = http.exchange(java.net.URI.create(http.getRootUri() + loginPath),
        HttpMethod.POST, new HttpEntity<>("username=" + user + "&password=" + password, headers), String.class);
    return new PageAndLogin(page, login);
  }

  /** A cookie a response sets, or {@code null}. */
  public static String cookie(ResponseEntity<?> answer, String name) {
    return answer.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(name.length() + 1).split(";")[0]).findFirst().orElse(null);
  }
}
