package uk.localgov.reunification.sso;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The council's directory (LDAP or Active Directory) behind the engine in profile {@code sso},
 * read by Camunda's LDAP identity provider; every setting is described in docs/operations.md.
 * The defaults fit an OpenLDAP-style tree ({@code inetOrgPerson}, {@code groupOfNames}).
 *
 * @param url {@code ldap://host:389} or {@code ldaps://host:636}
 * @param managerDn the read-only account the application binds as
 * @param managerPassword its password
 * @param baseDn the root of the searches
 * @param userSearchBase under {@code baseDn}, where people are
 * @param userSearchFilter what a person is
 * @param userIdAttribute the attribute holding a person's id (the token's username claim)
 * @param groupSearchBase under {@code baseDn}, where the application's groups are
 * @param groupSearchFilter what a group is
 * @param groupIdAttribute the attribute holding a group's id ({@code socialworkers}, {@code teamnorth}, …)
 * @param groupTypeAttribute the attribute whose value {@code team} marks a team
 * @param leaverSweep how often the grants of people no longer in the directory are deleted
 */
@ConfigurationProperties("reunification.directory")
public record DirectoryProperties(
    String url,
    String managerDn,
    String managerPassword,
    String baseDn,
    @DefaultValue("") String userSearchBase,
    @DefaultValue("(objectClass=inetOrgPerson)") String userSearchFilter,
    @DefaultValue("uid") String userIdAttribute,
    @DefaultValue("givenName") String userFirstnameAttribute,
    @DefaultValue("sn") String userLastnameAttribute,
    @DefaultValue("mail") String userEmailAttribute,
    @DefaultValue("") String groupSearchBase,
    @DefaultValue("(objectClass=groupOfNames)") String groupSearchFilter,
    @DefaultValue("cn") String groupIdAttribute,
    @DefaultValue("description") String groupNameAttribute,
    @DefaultValue("businessCategory") String groupTypeAttribute,
    @DefaultValue("member") String groupMemberAttribute,
    @DefaultValue("false") boolean sortControlSupported,
    @DefaultValue("PT5M") Duration leaverSweep) {

  void requireDirectory() {
    if (url == null || url.isBlank() || baseDn == null || baseDn.isBlank()) {
      throw new IllegalStateException("The sso profile needs reunification.directory.url and "
          + "reunification.directory.base-dn (docs/operations.md, \"The directory\")");
    }
  }
}
