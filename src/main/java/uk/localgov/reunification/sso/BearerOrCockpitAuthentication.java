package uk.localgov.reunification.sso;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import uk.localgov.reunification.security.CockpitOrBasicAuthentication;
import uk.localgov.reunification.sso.SignedInStaff.Admitted;
import uk.localgov.reunification.sso.SignedInStaff.Refused;

/**
 * {@code /engine-rest} and {@code /api} with profile sso: the caller of a bearer token that Spring
 * Security has validated, admitted by {@link SignedInStaff}, is the engine's authenticated user
 * for the request. Everything else of {@link CockpitOrBasicAuthentication} holds: nothing answers
 * without credentials, and Cockpit's and Tasklist's session may read the oversight figures and a
 * case's chronology. HTTP basic is not among the credentials: no local password works.
 */
public class BearerOrCockpitAuthentication extends CockpitOrBasicAuthentication {

  static final String ADMITTED = BearerOrCockpitAuthentication.class.getName() + ".admitted";

  private final SignedInStaff staff;

  public BearerOrCockpitAuthentication(SignedInStaff staff, String engineName) {
    super(engineName);
    this.staff = staff;
  }

  @Override
  public void init(FilterConfig config) {
    authenticationProvider = new AdmittedCaller();
    servletPathPrefix = config.getInitParameter(SERVLET_PATH_PREFIX);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Authentication bearer = SecurityContextHolder.getContext().getAuthentication();
    if (bearer instanceof JwtAuthenticationToken) {
      SignedInStaff.Admission admission = staff.admit(bearer);
      if (admission instanceof Refused refused) {
        HttpServletResponse answer = (HttpServletResponse) response;
        if (refused.status() == HttpServletResponse.SC_UNAUTHORIZED) {
          answer.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        answer.sendError(refused.status(), refused.reason());
        return;
      }
      request.setAttribute(ADMITTED, admission);
    }
    super.doFilter(request, response, chain);
  }

  /** Hands Camunda's filter the caller admitted above, or nobody. */
  static class AdmittedCaller implements AuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
      if (!(request.getAttribute(ADMITTED) instanceof Admitted caller)) {
        return AuthenticationResult.unsuccessful();
      }
      AuthenticationResult result = AuthenticationResult.successful(caller.userId());
      result.setGroups(caller.groupIds());
      // no tenants given: Camunda's filter asks the identity service, whose answer is the directory's
      // (the authority groups a person is in, DirectoryAuthorities)
      result.setTenants(null);
      return result;
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
  }
}
