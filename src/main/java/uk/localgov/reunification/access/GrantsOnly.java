package uk.localgov.reunification.access;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_REVOKE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;
import uk.localgov.reunification.engine.OrderedPlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Who may see what is decided by grants alone: the application grants each case to its people
 * ({@link CaseAccess}) and takes access away by deleting grants, never by a REVOKE. So the engine
 * checks no revokes ({@code camunda.bpm.authorization.authorization-check-revokes: never}), and a
 * REVOKE made in Admin, which would then be ignored, is refused with a message saying so.
 *
 * <p>And a user's groups are checked as given. Before every command with authorization, Camunda
 * otherwise runs {@code SELECT distinct(GROUP_ID_) FROM ACT_RU_AUTHORIZATION}, a read of the whole
 * table (25 to 50 ms on PostgreSQL at 10,000 cases; twice per Tasklist page, for the list and the
 * count), only to drop the user's groups that hold no grant (camunda-bpm-platform issue 5485). No
 * index can answer it. A group without any grant matches no row of {@code GROUP_ID_ IN (...)}
 * anyway, so the answer is the same. Beyond {@link #GROUPS_AS_GIVEN_UP_TO} groups Camunda's own
 * filter runs, to keep the SQL short.
 */
@Component
public class GrantsOnly extends OrderedPlugin {

  /** Beyond this many groups a user's groups are filtered as Camunda does. */
  static final int GROUPS_AS_GIVEN_UP_TO = 50;
  static final String REVOKES_REFUSED = "This application grants access and never revokes it: a REVOKE"
      + " authorization would be ignored (authorization-check-revokes is 'never'). Delete the grant instead.";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new ArrayList<>());
    }
    // a custom session factory replaces the engine's own for the same session type
    configuration.getCustomSessionFactories().add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new Checks(ProcessEngineConfigurationImpl.AUTHORIZATION_CHECK_REVOKE_NEVER
            .equals(configuration.getAuthorizationCheckRevokes()));
      }
    });
  }

  /** Camunda's authorization manager, with the user's groups as given and no REVOKE where none is checked. */
  static class Checks extends AuthorizationManager {

    private final boolean revokesIgnored;

    Checks(boolean revokesIgnored) {
      this.revokesIgnored = revokesIgnored;
    }

    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
        return Collections.emptyList();
      }
      if (authenticatedGroupIds.size() > GROUPS_AS_GIVEN_UP_TO) {
        return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
      }
      return new ArrayList<>(authenticatedGroupIds.stream().filter(Objects::nonNull)
          .collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    /** Checked by the engine before it saves any authorization, new or changed. */
    @Override
    public void validateResourceCompatibility(AuthorizationEntity authorization) {
      if (revokesIgnored && authorization.getAuthorizationType() == AUTH_TYPE_REVOKE) {
        throw new BadUserRequestException(REVOKES_REFUSED);
      }
      super.validateResourceCompatibility(authorization);
    }
  }
}
