package uk.localgov.reunification.records;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/** The reads that reach no engine command: the webapps' plugin endpoints ({@link WebappPluginReads}). */
@Configuration
class ReadLogConfiguration {

  @Bean
  FilterRegistrationBean<Filter> webappPluginReads(CaseReads reads, HistoryService history, UnrestrictedLookups lookups,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>();
    registration.setName("webapp-plugin-reads");
    registration.setFilter(new WebappPluginReads(reads, history, lookups));
    registration.addUrlPatterns(webappPath + "/api/cockpit/plugin/*", webappPath + "/api/tasklist/plugin/*",
        webappPath + "/api/admin/plugin/*");
    return registration;
  }
}
