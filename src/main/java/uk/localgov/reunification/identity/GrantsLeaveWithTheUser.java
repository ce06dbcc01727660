package uk.localgov.reunification.identity;

import java.util.List;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.AuthorizationQueryImpl;
import uk.localgov.reunification.engine.OrderedPlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * A deleted user's grants go with them. Camunda deletes a user's memberships and the grants on
 * the user itself, but keeps every grant made TO the user id: the cases shared with them
 * ({@code access/CaseAccess}), their tasks, their filters. Whoever is later created with the same
 * id (a new starter given a leaver's login) would read the leaver's children's cases. So the
 * engine's own identity provider is replaced by one that deletes those grants in the same
 * transaction, whoever deletes the user: {@code IdentityService.deleteUser}, REST
 * {@code DELETE /engine-rest/user/{id}} or Admin. With profile sso the directory is the identity
 * provider and nobody deletes users here: {@code sso/LeaverGrants} deletes a leaver's grants.
 */
@Component
@Profile("!sso")
public class GrantsLeaveWithTheUser extends OrderedPlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setIdentityProviderSessionFactory(new GenericManagerFactory(Provider.class));
  }

  /** Camunda's database identity provider, deleting a user's grants with the user. */
  public static class Provider extends DbIdentityServiceProvider {

    @Override
    public IdentityOperationResult deleteUser(String userId) {
      // checks the caller's DELETE permission on the user first, and throws if it lacks it
      IdentityOperationResult result = super.deleteUser(userId);
      deleteGrantsTo(userId);
      return result;
    }

    private void deleteGrantsTo(String userId) {
      AuthorizationQueryImpl query = new AuthorizationQueryImpl();
      query.userIdIn(userId);
      // the caller may delete the user without being allowed to read every grant made to them
      List<Authorization> grants = Context.getCommandContext()
          .runWithoutAuthorization(() -> getAuthorizationManager().selectAuthorizationByQueryCriteria(query));
      grants.forEach(grant -> getAuthorizationManager().delete((AuthorizationEntity) grant));
    }
  }
}
