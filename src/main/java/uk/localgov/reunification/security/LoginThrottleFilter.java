package uk.localgov.reunification.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every login attempt, HTTP basic on {@code /engine-rest} and {@code /api} or the webapps' login
 * form, from a client the {@link LoginThrottle} has blocked is answered 429 before any password is
 * checked; an attempt answered 401 counts as a failure of its client address. Requests without
 * credentials are not logins and pass untouched (they get their 401 or the webapp session's answer).
 */
public class LoginThrottleFilter extends OncePerRequestFilter {

  private final LoginThrottle throttle;
  private final Pattern webappLogin;

  public LoginThrottleFilter(LoginThrottle throttle, String webappPath) {
    this.throttle = throttle;
    this.webappLogin = Pattern.compile(Pattern.quote(webappPath) + "/api/admin/auth/user/[^/]+/login/[^/]+/?");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!isLoginAttempt(request)) {
      chain.doFilter(request, response);
      return;
    }
    // the address the connection comes from; behind a proxy, Spring's forward-headers-strategy
    // decides whether X-Forwarded-For may replace it (docs/operations.md)
    String client = request.getRemoteAddr();
    Optional<Duration> blocked = throttle.blockedFor(client);
    if (blocked.isPresent()) {
      refuse(response, blocked.get());
      return;
    }
    chain.doFilter(request, response);
    if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
      throttle.failed(client);
    }
  }

  private boolean isLoginAttempt(HttpServletRequest request) {
    if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
      return true;
    }
    // the servlet's decoded, normalised path, as the webapp reads it: the raw URI would let
    // "/%6Cogin/" or "/./login/" past the pattern and still reach the login
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return "POST".equals(request.getMethod()) && webappLogin.matcher(path).matches();
  }

  private static void refuse(HttpServletResponse response, Duration wait) throws IOException {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write("{\"message\":\"Too many failed logins from this address: try again in "
        + seconds + " seconds.\"}");
  }
}
