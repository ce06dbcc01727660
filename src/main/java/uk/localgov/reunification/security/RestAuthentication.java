package uk.localgov.reunification.security;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * Nothing under {@code /engine-rest} or the project's own {@code /api} answers without HTTP basic
 * credentials checked against Camunda's identity service; the authenticated user's groups then
 * decide, through Camunda's authorizations, what the call may see. The webapps at
 * {@code /camunda} keep their own login, which may also read the oversight figures
 * ({@link CockpitOrBasicAuthentication}), and {@code /actuator/health} alone is open. Failed
 * logins, on all three, are throttled per client address ({@link LoginThrottleFilter}).
 */
@Configuration
public class RestAuthentication {

  /** With profile sso, bearer tokens instead ({@code sso/SsoRestAuthentication}). */
  @Bean
  @Profile("!sso")
  public FilterRegistrationBean<Filter> processEngineAuthenticationFilter(
      @Value("${camunda.bpm.process-engine-name:default}") String engineName) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>();
    registration.setName("camunda-rest-authentication");
    registration.setFilter(new CockpitOrBasicAuthentication(engineName));
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*", "/api/*");
    return registration;
  }

  /** First of all: no request body over the limit is read, by anything (reunification.requests.max-body-size). */
  @Bean
  public FilterRegistrationBean<Filter> requestBodyLimit(
      @Value("${reunification.requests.max-body-size:4MB}") DataSize maxBodySize) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>();
    registration.setName("request-body-limit");
    registration.setFilter(new RequestBodyLimit(maxBodySize));
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Before the authentication filters, so that a blocked client's password is never even checked. */
  @Bean
  public FilterRegistrationBean<Filter> loginThrottleFilter(LoginThrottle throttle,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>();
    registration.setName("login-throttle");
    registration.setFilter(new LoginThrottleFilter(throttle, webappPath));
    registration.addUrlPatterns("/engine-rest/*", "/api/*", webappPath + "/api/admin/auth/user/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
