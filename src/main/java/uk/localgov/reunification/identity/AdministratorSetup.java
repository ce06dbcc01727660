package uk.localgov.reunification.identity;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import uk.localgov.reunification.engine.OrderedPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Outside the demo profile, after {@link RoleSetup} has made the administrators' group, makes
 * sure the application has an administrator: the one configured
 * in the environment, created once, or one who already exists. With neither, start-up fails and
 * says what to set; no default password ever exists.
 */
@Component
@Profile("!demo")
public class AdministratorSetup extends OrderedPlugin {

  private static final Logger LOG = LoggerFactory.getLogger(AdministratorSetup.class);

  private final AdministratorProperties administrator;

  public AdministratorSetup(AdministratorProperties administrator) {
    this.administrator = administrator;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityDirectory directory = new IdentityDirectory(engine);
    if (!administrator.isConfigured()) {
      if (directory.hasMembers(Roles.ADMINISTRATORS)) {
        return;
      }
      throw new AdministratorNotConfiguredException(null);
    }
    try {
      directory.ensureUser(administrator.id(), "Administrator", administrator.id(),
          administrator.id() + "@localhost", administrator.password());
    } catch (ProcessEngineException e) {
      throw new AdministratorNotConfiguredException(
          "The configured administrator '" + administrator.id() + "' was refused: " + e.getMessage());
    }
    directory.ensureMembership(administrator.id(), Roles.ADMINISTRATORS);
    LOG.info("Administrator '{}' is ready", administrator.id());
  }
}
