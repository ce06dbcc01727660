package uk.localgov.reunification.access;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/**
 * The process instances the signed-in person was granted to read one by one ({@link CaseAccess}
 * grants each case to its people), read from the engine's own grants: for a read that covers every
 * case a person may see, which can then read those instances by their ids. The engine's check of a
 * whole history compares every instance with every grant of the person, which on PostgreSQL took
 * most of the oversight report's time; with revokes never written ({@link GrantsOnly}), a person
 * reads an instance exactly when one of these grants names it, or one of the wider grants below.
 *
 * <p>Empty when the person may read more than instances granted one by one, so that only the
 * engine's check over the whole history can say which: nobody signed in, authorization off, an
 * administrator, or a grant on every historic instance or on the history of one of these processes.
 */
@Component
public class GrantedInstances {

  private final ProcessEngineConfigurationImpl configuration;
  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final UnrestrictedLookups lookups;

  public GrantedInstances(ProcessEngine engine, UnrestrictedLookups lookups) {
    this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    this.identity = engine.getIdentityService();
    this.authorizations = engine.getAuthorizationService();
    this.lookups = lookups;
  }

  /** The ids of the instances of these processes' history granted to the caller one by one; empty: see the class. */
  public Optional<Set<String>> ofCaller(String... processKeys) {
    Authentication caller = identity.getCurrentAuthentication();
    if (!configuration.isAuthorizationEnabled() || caller == null || caller.getUserId() == null) {
      return Optional.empty();
    }
    String user = caller.getUserId();
    List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
    if (isAdministrator(user, groups)) {
      return Optional.empty();
    }
    return lookups.read(() -> {
      if (authorizations.isUserAuthorized(user, groups, HistoricProcessInstancePermissions.READ,
          Resources.HISTORIC_PROCESS_INSTANCE, ANY)) {
        return Optional.<Set<String>>empty();
      }
      for (String key : processKeys) {
        if (authorizations.isUserAuthorized(user, groups, ProcessDefinitionPermissions.READ_HISTORY,
            Resources.PROCESS_DEFINITION, key)) {
          return Optional.<Set<String>>empty();
        }
      }
      List<Authorization> grants = new ArrayList<>(authorizations.createAuthorizationQuery()
          .authorizationType(AUTH_TYPE_GRANT).resourceType(Resources.HISTORIC_PROCESS_INSTANCE).userIdIn(user).list());
      if (!groups.isEmpty()) {
        grants.addAll(authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
            .resourceType(Resources.HISTORIC_PROCESS_INSTANCE).groupIdIn(groups.toArray(String[]::new)).list());
      }
      Set<String> ids = new HashSet<>();
      grants.stream().filter(grant -> grant.isPermissionGranted(HistoricProcessInstancePermissions.READ))
          .forEach(grant -> ids.add(grant.getResourceId()));
      return Optional.of(ids);
    });
  }

  private boolean isAdministrator(String user, List<String> groups) {
    List<String> adminUsers = configuration.getAdminUsers() == null ? List.of() : configuration.getAdminUsers();
    List<String> adminGroups = configuration.getAdminGroups() == null ? List.of() : configuration.getAdminGroups();
    return adminUsers.contains(user) || groups.stream().anyMatch(adminGroups::contains);
  }
}
