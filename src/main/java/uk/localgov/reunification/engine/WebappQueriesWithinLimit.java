package uk.localgov.reunification.engine;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The webapps' own lists within the engine's {@code queryMaxResultsLimit}. Cockpit asks for some
 * lists unpaged (a process definition's versions, among others), which the limit refuses with
 * "An unbound number of results is forbidden!" and the page loses its version selector. A request
 * of the webapps' API (/camunda/api/...) that names no page is given the largest one the limit
 * allows; /engine-rest keeps the limit as it is, and a caller that pages is left alone.
 */
@Configuration
public class WebappQueriesWithinLimit {

  @Bean
  public FilterRegistrationBean<Filter> webappQueriesWithinLimitFilter(ProcessEngine engine,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    int limit = (int) Math.min(Integer.MAX_VALUE,
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getQueryMaxResultsLimit());
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>();
    registration.setName("webapp-queries-within-limit");
    registration.setFilter((request, response, chain) -> pageUnpaged(request, response, chain, limit));
    registration.addUrlPatterns(webappPath + "/api/*");
    return registration;
  }

  static void pageUnpaged(ServletRequest request, ServletResponse response, FilterChain chain, int limit)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    // GET only: a POST's form body (the login) is left for the resource to read
    boolean unpaged = limit < Integer.MAX_VALUE && "GET".equals(http.getMethod())
        && http.getParameter("maxResults") == null;
    chain.doFilter(unpaged ? new Paged(http, limit) : request, response);
  }

  /** The request as if it had asked for the first page of {@code limit} rows. */
  private static final class Paged extends HttpServletRequestWrapper {
    private final String maxResults;

    Paged(HttpServletRequest request, int limit) {
      super(request);
      this.maxResults = String.valueOf(limit);
    }

    @Override
    public String getQueryString() {
      String query = super.getQueryString();
      return (query == null || query.isEmpty() ? "" : query + "&") + "maxResults=" + maxResults;
    }

    @Override
    public String getParameter(String name) {
      return "maxResults".equals(name) ? maxResults : super.getParameter(name);
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      Map<String, String[]> parameters = new HashMap<>(super.getParameterMap());
      parameters.put("maxResults", new String[] {maxResults});
      return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
      return "maxResults".equals(name) ? new String[] {maxResults} : super.getParameterValues(name);
    }
  }
}
