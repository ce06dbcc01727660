package uk.localgov.reunification.security;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Nothing under {@code /engine-rest} or the project's own {@code /api} answers without HTTP basic
 * credentials checked against Camunda's identity service; the authenticated user's groups then
 * decide, through Camunda's authorizations, what the call may see. The webapps at
 * {@code /camunda} keep their own login, which may also read the oversight figures
 * ({@link CockpitOrBasicAuthentication}), and {@code /actuator/health} alone is open.
 */
@Configuration
public class RestAuthentication {

  @Bean
  public FilterRegistrationBean<Filter> processEngineAuthenticationFilter() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>();
    registration.setName("camunda-rest-authentication");
    registration.setFilter(new CockpitOrBasicAuthentication());
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*", "/api/*");
    return registration;
  }
}
