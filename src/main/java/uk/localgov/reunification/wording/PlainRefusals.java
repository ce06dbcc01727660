package uk.localgov.reunification.wording;

import jakarta.servlet.Filter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Refusals in plain words on every REST surface a person or an integrator changes a case through. */
@Configuration
public class PlainRefusals {

  @Bean
  public FilterRegistrationBean<Filter> plainRefusalsFilter(PlainRefusal plain,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>();
    registration.setName("plain-refusals");
    registration.setFilter(new PlainRefusalsFilter(plain));
    registration.addUrlPatterns("/engine-rest/*", webappPath + "/api/engine/*");
    // inside the outage answer (first) and outside authentication, so every refusal is seen
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }
}
