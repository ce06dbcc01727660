package uk.localgov.reunification.sso;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/**
 * A leaver's grants go, as when an administrator deletes a user without sso
 * ({@code identity/GrantsLeaveWithTheUser}): the cases shared with them, their tasks, their
 * filters. The directory deletes nobody here, so the grants of a person no longer in it are deleted
 * when they are next refused and, for those who never come back, by a sweep. Their tasks stay
 * assigned to them, where their line manager finds them (the team's work, reallocation).
 */
@Component
@Profile("sso")
public class LeaverGrants {

  private static final Logger LOG = LoggerFactory.getLogger(LeaverGrants.class);

  private final AuthorizationService authorizations;
  private final IdentityService identity;
  private final UnrestrictedLookups lookups;
  private final JdbcTemplate jdbc;
  private final SsoProperties sso;

  public LeaverGrants(AuthorizationService authorizations, IdentityService identity, UnrestrictedLookups lookups,
      JdbcTemplate jdbc, SsoProperties sso) {
    this.authorizations = authorizations;
    this.identity = identity;
    this.lookups = lookups;
    this.jdbc = jdbc;
    this.sso = sso;
  }

  /** Deletes every grant made to this person, who is no longer in the directory. */
  public void left(String userId) {
    int deleted = lookups.read(() -> {
      List<Authorization> grants = authorizations.createAuthorizationQuery().userIdIn(userId).list();
      grants.forEach(grant -> authorizations.deleteAuthorization(grant.getId()));
      return grants.size();
    });
    if (deleted > 0) {
      LOG.info("'{}' is no longer in the directory: {} grants deleted", userId, deleted);
    }
  }

  /** The people holding grants who are no longer in the directory, whose grants it deletes. */
  @Scheduled(fixedDelayString = "${reunification.directory.leaver-sweep:PT5M}",
      initialDelayString = "${reunification.directory.leaver-sweep:PT5M}")
  public List<String> sweep() {
    List<String> holders = jdbc.queryForList(
        "SELECT DISTINCT USER_ID_ FROM ACT_RU_AUTHORIZATION WHERE USER_ID_ IS NOT NULL AND USER_ID_ <> '*'", String.class)
        .stream().filter(id -> !sso.systems().contains(id)).toList();
    List<String> gone = holders.stream()
        .filter(id -> lookups.read(() -> identity.createUserQuery().userId(id).count() == 0)).toList();
    if (gone.size() > 1 && gone.size() == holders.size()) {
      // a directory that knows nobody is more likely misconfigured or half-answering than empty
      LOG.error("The directory knows none of the {} people holding grants: nothing deleted; check reunification.directory.*",
          holders.size());
      return List.of();
    }
    gone.forEach(this::left);
    return gone;
  }
}
