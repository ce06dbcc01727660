package uk.localgov.reunification.outage;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;

/**
 * While the database is away, the REST APIs answer 503 with a JSON message instead of a 500 (or
 * Tomcat's HTML error page): in Camunda's REST API through a Jersey exception mapper, everywhere
 * else (the project's /api, the authentication filters, which check passwords against the
 * database, and the webapps' REST) through a servlet filter in front of everything.
 */
@Configuration
public class OutageAnswers {

  private static final Logger LOG = LoggerFactory.getLogger(OutageAnswers.class);

  @Bean
  public ResourceConfigCustomizer databaseUnavailableInEngineRest() {
    return config -> config.register(DatabaseUnavailableMapper.class);
  }

  /** First of all filters, so that a failure in the authentication filter is answered too. */
  @Bean
  public FilterRegistrationBean<Filter> databaseUnavailableFilter(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>();
    registration.setName("database-unavailable");
    registration.setFilter(OutageAnswers::answerOutage);
    registration.addUrlPatterns("/engine-rest/*", "/api/*", webappPath + "/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  static void answerOutage(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException failure) {
      if (!DatabaseUnavailable.causedBy(failure) || response.isCommitted()) {
        throw failure;
      }
      LOG.warn("Database unavailable, answered 503: {}", failure.toString());
      response.resetBuffer();
      HttpServletResponse http = (HttpServletResponse) response;
      http.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      http.setHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER);
      http.setContentType(MediaType.APPLICATION_JSON_VALUE);
      http.setCharacterEncoding("UTF-8");
      http.getWriter().write(DatabaseUnavailable.json());
    }
  }
}
