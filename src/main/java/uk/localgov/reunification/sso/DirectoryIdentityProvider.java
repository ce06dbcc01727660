package uk.localgov.reunification.sso;

import org.camunda.bpm.identity.impl.ldap.plugin.LdapIdentityProviderPlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * With {@code sso} the engine's people and groups are the council directory's, read only, through
 * Camunda's LDAP identity provider. Everything that asks the identity service (the staff look-ups
 * of {@code identity/StaffDirectory}, Tasklist's names, Admin) then reads the directory; nothing
 * here keeps a copy, so a change there counts from the next question.
 */
@Configuration(proxyBeanMethods = false)
@Profile("sso")
public class DirectoryIdentityProvider {

  @Bean
  public LdapIdentityProviderPlugin directoryIdentityProviderPlugin(DirectoryProperties directory,
      uk.localgov.reunification.authority.Authorities authorities) {
    directory.requireDirectory();
    DirectoryIdentityProviderPlugin plugin = new DirectoryIdentityProviderPlugin();
    plugin.setAuthorities(authorities.all());
    plugin.setServerUrl(directory.url());
    plugin.setManagerDn(directory.managerDn() == null ? "" : directory.managerDn());
    plugin.setManagerPassword(directory.managerPassword() == null ? "" : directory.managerPassword());
    plugin.setBaseDn(directory.baseDn());
    plugin.setUserSearchBase(directory.userSearchBase());
    plugin.setUserSearchFilter(directory.userSearchFilter());
    plugin.setUserIdAttribute(directory.userIdAttribute());
    plugin.setUserFirstnameAttribute(directory.userFirstnameAttribute());
    plugin.setUserLastnameAttribute(directory.userLastnameAttribute());
    plugin.setUserEmailAttribute(directory.userEmailAttribute());
    plugin.setGroupSearchBase(directory.groupSearchBase());
    plugin.setGroupSearchFilter(directory.groupSearchFilter());
    plugin.setGroupIdAttribute(directory.groupIdAttribute());
    plugin.setGroupNameAttribute(directory.groupNameAttribute());
    plugin.setGroupTypeAttribute(directory.groupTypeAttribute());
    plugin.setGroupMemberAttribute(directory.groupMemberAttribute());
    plugin.setSortControlSupported(directory.sortControlSupported());
    plugin.setUseSsl(directory.url().startsWith("ldaps:"));
    // people's reads of users and groups (Tasklist, Admin) stay subject to Camunda's authorizations
    plugin.setAuthorizationCheckEnabled(true);
    return plugin;
  }
}
