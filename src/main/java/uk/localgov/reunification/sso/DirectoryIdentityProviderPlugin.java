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

  private java.util.List<uk.localgov.reunification.authority.AuthoritiesProperties.Authority> authorities = java.util.List.of();

  /** The configured authorities, whose people are the members of the directory group of each one's id. */
  public void setAuthorities(java.util.List<uk.localgov.reunification.authority.AuthoritiesProperties.Authority> authorities) {
    this.authorities = java.util.List.copyOf(authorities);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    super.preInit(configuration);
    Factory factory = new Factory(authorities);
    factory.setLdapConfiguration(this);
    configuration.setIdentityProviderSessionFactory(factory);
  }

  static class Factory extends LdapIdentityProviderFactory {
    private final java.util.List<uk.localgov.reunification.authority.AuthoritiesProperties.Authority> authorities;

    Factory(java.util.List<uk.localgov.reunification.authority.AuthoritiesProperties.Authority> authorities) {
      this.authorities = authorities;
    }

    @Override
    public Session openSession() {
      return new CheckedAsTheCommandSays(ldapConfiguration, authorities);
    }
  }

  static class CheckedAsTheCommandSays extends LdapIdentityProviderSession {
    private final java.util.List<uk.localgov.reunification.authority.AuthoritiesProperties.Authority> authorities;

    CheckedAsTheCommandSays(LdapConfiguration configuration,
        java.util.List<uk.localgov.reunification.authority.AuthoritiesProperties.Authority> authorities) {
      super(configuration);
      this.authorities = authorities;
    }

    /** A person's authorities, from the directory's groups ({@link DirectoryAuthorities}). */
    @Override
    public org.camunda.bpm.engine.identity.TenantQuery createTenantQuery() {
      return new DirectoryAuthorities(authorities, this,
          org.camunda.bpm.engine.impl.context.Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
    }

    @Override
    public org.camunda.bpm.engine.identity.TenantQuery createTenantQuery(
        org.camunda.bpm.engine.impl.interceptor.CommandContext commandContext) {
      return new DirectoryAuthorities(authorities, this, null);
    }

    @Override
    protected boolean isAuthorizedToRead(Resource resource, String resourceId) {
      return !Context.getCommandContext().isAuthorizationCheckEnabled() || super.isAuthorizedToRead(resource, resourceId);
    }
  }
}
