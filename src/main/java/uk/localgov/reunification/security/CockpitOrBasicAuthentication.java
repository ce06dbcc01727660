package uk.localgov.reunification.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * HTTP basic against Camunda's identity service, as for {@code /engine-rest}, with two additions:
 * a manager logged into Cockpit may read the oversight figures with that login, so Cockpit's
 * dashboard can show them, and a person logged into Tasklist or Cockpit may read a case's
 * chronology, so the Case tab can show it. Only those reads ({@code GET}), and only for a user
 * Camunda lets into that app; every change still needs credentials on the request itself, so
 * another site cannot act through an open webapp session.
 *
 * <p>Camunda's filter lets {@code /engine-rest/engine} (the list of engines) through without
 * credentials; here nothing under the REST API answers without them (contract: HTTP).
 */
public class CockpitOrBasicAuthentication extends ProcessEngineAuthenticationFilter {

  static final String OVERSIGHT = "/api/oversight";
  static final java.util.regex.Pattern CHRONOLOGY = java.util.regex.Pattern.compile("/api/cases/[^/]+/chronology");
  private final String engineName;

  /** @param engineName the application's one engine ({@code camunda.bpm.process-engine-name}) */
  public CockpitOrBasicAuthentication(String engineName) {
    this.engineName = engineName;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    UserAuthentication cockpitUser = cockpitUserReading((HttpServletRequest) request, engineName);
    if (cockpitUser == null) {
      super.doFilter(request, response, chain);
      return;
    }
    ProcessEngine engine = getAddressedEngine(engineName);
    setAuthenticatedUser(engine, cockpitUser.getIdentityId(), cockpitUser.getGroupIds(), cockpitUser.getTenantIds());
    try {
      chain.doFilter(request, response);
    } finally {
      clearAuthentication(engine);
    }
  }

  /** No exemption: Camunda's own filter exempts the list of engines. */
  @Override
  protected boolean requiresEngineAuthentication(String requestUrl) {
    return true;
  }

  /**
   * The one engine authenticates every request, so a request naming an engine that does not
   * exist gets 401 without credentials (and Camunda's 404 with them), never an answer.
   */
  @Override
  protected String extractEngineName(String requestUrl) {
    return engineName;
  }

  private static UserAuthentication cockpitUserReading(HttpServletRequest request, String engineName) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    // the figures, their CSV (the dashboard's download link) and what is under them
    boolean oversight = path.equals(OVERSIGHT) || path.equals(OVERSIGHT + ".csv") || path.startsWith(OVERSIGHT + "/");
    boolean chronology = CHRONOLOGY.matcher(path).matches();
    if (!"GET".equals(request.getMethod()) || !(oversight || chronology) || request.getHeader("Authorization") != null) {
      return null;
    }
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentication login = AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(engineName);
    if (!(login instanceof UserAuthentication user)) {
      return null;
    }
    boolean allowed = user.isAuthorizedForApp("cockpit") || chronology && user.isAuthorizedForApp("tasklist");
    return allowed ? user : null;
  }
}
