package uk.localgov.reunification.sso;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.localgov.reunification.identity.StaffDirectory;

/**
 * With sign-in from the directory, the directory decides whose staff a person is: a member of the
 * directory group named after an authority (here {@code northshire}, the test profile's one) is of
 * that authority; anyone else is of none. Camunda's LDAP identity provider answers no tenants itself.
 */
class DirectoryAuthoritiesTest extends SsoContext {

  @Autowired
  IdentityService identity;
  @Autowired
  StaffDirectory staff;

  @Test
  void aPersonIsOfTheAuthorityWhoseDirectoryGroupTheyAreIn() {
    assertThat(identity.createTenantQuery().userMember("nia.north").includingGroupsOfUser(true).list())
        .extracting(Tenant::getId, Tenant::getName).containsExactly(org.assertj.core.groups.Tuple.tuple("northshire",
            "Northshire Council"));
    assertThat(identity.createTenantQuery().userMember("sam.north").includingGroupsOfUser(true).count())
        .as("in no authority's group").isZero();
    assertThat(identity.createTenantQuery().groupMember("northshire").count()).isOne();
    assertThat(identity.createTenantQuery().tenantId("southvale").count()).as("not an authority of this platform").isZero();
    assertThat(staff.worksFor("nia.north", "northshire")).isTrue();
    assertThat(staff.worksFor("sam.north", "northshire")).isFalse();
  }
}
