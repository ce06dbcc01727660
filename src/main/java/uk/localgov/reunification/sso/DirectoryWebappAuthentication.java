package uk.localgov.reunification.sso;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.core.context.SecurityContextHolder;
import uk.localgov.reunification.sso.SignedInStaff.Admitted;
import uk.localgov.reunification.sso.SignedInStaff.Refused;

/**
 * Tasklist, Cockpit and Admin with profile sso: Camunda's container-based authentication, the
 * container being Spring Security's OpenID Connect sign-in. Unlike Camunda's own filter, which
 * keeps the first authentication for the session, the person is admitted afresh on every request,
 * so a leaver or someone taken out of a group is refused, or loses the group, on the next one.
 */
public class DirectoryWebappAuthentication extends ContainerBasedAuthenticationFilter {

  private final SignedInStaff staff;

  public DirectoryWebappAuthentication(SignedInStaff staff) {
    this.staff = staff;
  }

  @Override
  public void init(FilterConfig filterConfig) {
    // the provider is given, not named by class
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse resp = (HttpServletResponse) response;
    String engineName = extractEngineName(req);
    if (engineName == null) {
      chain.doFilter(request, response);
      return;
    }
    ProcessEngine engine = getAddressedEngine(engineName);
    if (engine == null) {
      resp.sendError(404, "Process engine " + engineName + " not available");
      return;
    }
    SignedInStaff.Admission admission = staff.admit(SecurityContextHolder.getContext().getAuthentication());
    UserAuthentication user = admission instanceof Admitted person
        // tenants null: Camunda asks the identity service, whose answer is the directory's (DirectoryAuthorities)
        ? AuthenticationUtil.createAuthentication(engine, person.userId(), person.groupIds(), null) : null;
    if (user == null) {
      refuse(req, resp, admission instanceof Refused refused ? refused : new Refused(401, "Not in the directory"));
      return;
    }
    AuthenticationUtil.getAuthsFromSession(req.getSession()).addOrReplace(user);
    chain.doFilter(request, response);
  }

  /** Ends the session, so that nothing of the person's stays behind in it. */
  private static void refuse(HttpServletRequest request, HttpServletResponse response, Refused refused)
      throws IOException {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    response.sendError(refused.status(), refused.reason());
  }
}
