package uk.localgov.reunification.sso;

import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.identity.impl.ldap.LdapConfiguration;
import org.camunda.bpm.identity.impl.ldap.LdapIdentityProviderFactory;
import org.camunda.bpm.identity.impl.ldap.LdapIdentityProviderSession;
import org.camunda.bpm.identity.impl.ldap.plugin.LdapIdentityProviderPlugin;
import org.springframework.core.Ordered;
import uk.localgov.reunification.engine.EngineHooks;

/**
 * Camunda's LDAP identity provider, with one difference: the application's own look-ups of staff
 * ({@code engine/UnrestrictedLookups}, which switch the command's authorization check off) are
 * answered whoever the caller is. Camunda's LDAP session checks the caller's READ permission on
 * each user and group it returns even then, so the case-record system, which may not read users,
 * would find no social worker in any team; a person's own reads (Tasklist, Admin, REST) are still
 * checked.
 */
public class DirectoryIdentityProviderPlugin extends LdapIdentityProviderPlugin implements Ordered {

  @Override
  public int getOrder() {
    return EngineHooks.orderOf(getClass());
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    super.preInit(configuration);
    Factory factory = new Factory();
    factory.setLdapConfiguration(this);
    configuration.setIdentityProviderSessionFactory(factory);
  }

  static class Factory extends LdapIdentityProviderFactory {
    @Override
    public Session openSession() {
      return new CheckedAsTheCommandSays(ldapConfiguration);
    }
  }

  static class CheckedAsTheCommandSays extends LdapIdentityProviderSession {
    CheckedAsTheCommandSays(LdapConfiguration configuration) {
      super(configuration);
    }

    @Override
    protected boolean isAuthorizedToRead(Resource resource, String resourceId) {
      return !Context.getCommandContext().isAuthorizationCheckEnabled() || super.isAuthorizedToRead(resource, resourceId);
    }
  }
}
