package uk.localgov.reunification.sso;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.engine.UnrestrictedLookups;
import uk.localgov.reunification.identity.Roles;

/**
 * Who a signed-in caller is to the engine, decided afresh on every request from the provider's
 * token and the directory. A person must be given this application by the provider (a group or
 * app role in the groups claim that maps to one of its groups) and be in the directory; their
 * groups are then the directory's, so a leaver, or someone taken out of a group, counts from the
 * next request. Another system ({@link SsoProperties#systems()}) is in no directory: its groups are
 * the mapped claim's alone.
 */
@Component
@Profile("sso")
public class SignedInStaff {

  /** The application's own groups, which a provider may also name directly (Keycloak groups, say). */
  static final Set<String> APPLICATION_GROUPS = Set.copyOf(Stream.concat(Roles.CASEWORK.stream(),
      Stream.of(Roles.ADMINISTRATORS, Roles.CASE_SYSTEMS)).toList());

  /** What the engine is told about a caller, or why they are refused. */
  public sealed interface Admission {
  }

  public record Admitted(String userId, List<String> groupIds) implements Admission {
  }

  public record Refused(int status, String reason) implements Admission {
  }

  private final SsoProperties sso;
  private final IdentityService identity;
  private final UnrestrictedLookups lookups;
  private final LeaverGrants leavers;
  private final TeamMoves teamMoves;

  public SignedInStaff(SsoProperties sso, IdentityService identity, UnrestrictedLookups lookups,
      LeaverGrants leavers, TeamMoves teamMoves) {
    this.sso = sso;
    this.identity = identity;
    this.lookups = lookups;
    this.leavers = leavers;
    this.teamMoves = teamMoves;
  }

  public Admission admit(Authentication authentication) {
    Map<String, Object> claims = claimsOf(authentication);
    if (claims == null) {
      return new Refused(401, "Not signed in");
    }
    String id = claims.get(sso.usernameClaim()) instanceof String name ? name : (String) claims.get("sub");
    if (id == null || id.isBlank()) {
      return new Refused(401, "The token names nobody");
    }
    Set<String> given = mappedGroups(claims.get(sso.groupsClaim()));
    if (given.isEmpty()) {
      return new Refused(403, "The provider does not give '" + id + "' this application");
    }
    if (sso.systems().contains(id)) {
      return new Admitted(id, List.copyOf(given));
    }
    List<String> groups = lookups.read(() -> identity.createUserQuery().userId(id).count() == 0 ? null
        : identity.createGroupQuery().groupMember(id).list().stream().map(Group::getId).sorted().toList());
    if (groups == null) {
      leavers.left(id);
      return new Refused(401, "'" + id + "' is not in the directory");
    }
    teamMoves.follow(id);
    return new Admitted(id, groups);
  }

  /** The provider's groups or app roles as the application's groups. */
  Set<String> mappedGroups(Object claim) {
    Collection<?> values = claim instanceof Collection<?> many ? many : claim instanceof String one ? List.of(one) : List.of();
    Set<String> groups = new LinkedHashSet<>();
    for (Object value : values) {
      List<String> mapped = sso.groupMapping().get(String.valueOf(value));
      if (mapped != null) {
        groups.addAll(mapped);
      } else if (APPLICATION_GROUPS.contains(String.valueOf(value))) {
        groups.add(String.valueOf(value));
      }
    }
    return groups;
  }

  private static Map<String, Object> claimsOf(Authentication authentication) {
    if (authentication instanceof JwtAuthenticationToken bearer) {
      return bearer.getToken().getClaims();
    }
    if (authentication != null && authentication.getPrincipal() instanceof OidcUser person) {
      return person.getClaims();
    }
    return null;
  }
}
