package uk.localgov.reunification.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Each webapp page carries the nonce of its own Content-Security-Policy header.
 *
 * <p>Camunda 7.24's webapps keep the nonce they just made in a servlet-context attribute
 * ({@code org.camunda.bpm.csp.nonce}) that every request through their header filter overwrites;
 * {@code ProcessEnginesFilter} stamps the index page's scripts with whatever it finds there. When
 * another request (a stylesheet, another person's page) passes in between, the page's scripts carry
 * that request's nonce, the browser refuses every one, and Tasklist or Cockpit stays blank until a
 * reload (seen after sign-in, when the browser asks for several things at once; the Operaton fork
 * fixed it the same way, "Scope the CSP nonce to the request"). So an index page is held until it
 * is written, and its nonce attributes are set to the one in its own header.
 */
@Configuration
public class OwnNonceOnEachPage {

  static final Pattern NONCE_IN_HEADER = Pattern.compile("'nonce-([A-Za-z0-9+/=_-]+)'");
  static final Pattern NONCE_IN_PAGE = Pattern.compile("nonce=\"[^\"]*\"");

  @Bean
  public FilterRegistrationBean<Filter> ownNonceOnEachPageFilter(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new IndexPageNonce());
    registration.setName("own-nonce-on-each-page");
    // the index pages (/app/tasklist/default/ and the like); registered before Camunda's own
    // filters, which the webapp starter adds after every bean's, so it wraps the header filter too
    registration.addUrlPatterns(webappPath + "/app/*");
    return registration;
  }

  static final class IndexPageNonce extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (!isIndexPage(request)) {
        chain.doFilter(request, response);
        return;
      }
      ContentCachingResponseWrapper page = new ContentCachingResponseWrapper(response);
      chain.doFilter(request, page);
      String policy = page.getHeader("Content-Security-Policy");
      Matcher own = policy == null ? null : NONCE_IN_HEADER.matcher(policy);
      String type = page.getContentType();
      if (own != null && own.find() && type != null && type.startsWith("text/html")) {
        String html = new String(page.getContentAsByteArray(), StandardCharsets.UTF_8);
        byte[] fixed = NONCE_IN_PAGE.matcher(html).replaceAll(Matcher.quoteReplacement("nonce=\"" + own.group(1) + "\""))
            .getBytes(StandardCharsets.UTF_8);
        page.resetBuffer();
        page.getOutputStream().write(fixed);
      }
      page.copyBodyToResponse();
    }

    /** A webapp's index page: {@code /app/<app>/}, {@code /app/<app>/<engine>/}, or their index.html. */
    static boolean isIndexPage(HttpServletRequest request) {
      if (!"GET".equals(request.getMethod())) {
        return false;
      }
      String path = request.getRequestURI();
      int app = path.indexOf("/app/");
      return app >= 0 && path.substring(app).matches("/app/[\\w-]+/([\\w-]+/)?(index\\.html)?");
    }
  }
}
