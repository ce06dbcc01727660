package uk.localgov.reunification.demo;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import uk.localgov.reunification.engine.OrderedPlugin;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.identity.IdentityDirectory;
import uk.localgov.reunification.identity.Roles;
import uk.localgov.reunification.authority.Authorities;

/**
 * The demo people and teams of the contract, created once; each password equals the user id.
 * Exists only under the demo profile, so no demo password is ever made anywhere else.
 */
@Component
@Profile("demo")
public class DemoIdentities extends OrderedPlugin {

  record DemoUser(String id, String firstName, String lastName, List<String> groups, String authority) {
    DemoUser(String id, String firstName, String lastName, List<String> groups) {
      this(id, firstName, lastName, groups, NORTHSHIRE);
    }
  }

  /** The contract's demo authorities (Wave 3): every first-wave demo person is Northshire's. */
  static final String NORTHSHIRE = "northshire";
  static final String SOUTHVALE = "southvale";
  /** Southvale's one team, so its line manager sees and chases its social worker's work. */
  static final String SOUTHVALE_TEAM = "svteam";

  static final List<DemoUser> USERS = List.of(
      new DemoUser("socialworker1", "Sam", "Okafor", List.of(Roles.SOCIAL_WORKERS, "teamnorth")),
      new DemoUser("socialworker2", "Priya", "Shah", List.of(Roles.SOCIAL_WORKERS, "teamnorth")),
      new DemoUser("socialworker3", "Tom", "Hughes", List.of(Roles.SOCIAL_WORKERS, "teamsouth")),
      new DemoUser("linemanager1", "Alex", "Murray", List.of(Roles.LINE_MANAGERS, "teamnorth")),
      new DemoUser("linemanager2", "Jo", "Bennett", List.of(Roles.LINE_MANAGERS, "teamsouth")),
      new DemoUser("servicemanager1", "Chris", "Patel", List.of(Roles.SERVICE_MANAGERS)),
      new DemoUser("iro1", "Morgan", "Reid", List.of(Roles.IROS)),
      new DemoUser("iro2", "Hannah", "Cole", List.of(Roles.IROS)),
      new DemoUser("headofservice1", "Dana", "Whitfield", List.of(Roles.HEAD_OF_SERVICE)),
      new DemoUser("director1", "Ruth", "Adeyemi", List.of(Roles.DIRECTORS)),
      new DemoUser("cincoordinator1", "Lee", "Brennan", List.of(Roles.CIN_COORDINATORS)),
      new DemoUser("admin", "Demo", "Administrator", List.of(Roles.ADMINISTRATORS)),
      new DemoUser("caserecords", "Case-record", "System", List.of(Roles.CASE_SYSTEMS)),
      new DemoUser("sv.socialworker1", "Amara", "Nwosu", List.of(Roles.SOCIAL_WORKERS, SOUTHVALE_TEAM), SOUTHVALE),
      new DemoUser("sv.linemanager1", "Gareth", "Lloyd", List.of(Roles.LINE_MANAGERS, SOUTHVALE_TEAM), SOUTHVALE),
      new DemoUser("sv.iro1", "Niamh", "Doyle", List.of(Roles.IROS), SOUTHVALE),
      new DemoUser("sv.headofservice1", "Imran", "Qureshi", List.of(Roles.HEAD_OF_SERVICE), SOUTHVALE),
      new DemoUser("sv.cincoordinator1", "Beth", "Rowe", List.of(Roles.CIN_COORDINATORS), SOUTHVALE),
      // the region's figures, across authorities, and no child's case (no authority of their own)
      new DemoUser("regional1", "Kofi", "Mensah", List.of(Roles.REGIONAL_MANAGERS), null));

  private final Authorities authorities;

  public DemoIdentities(Authorities authorities) {
    this.authorities = authorities;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityDirectory directory = new IdentityDirectory(engine);
    directory.ensureGroup("teamnorth", "Team North", Roles.TEAM_TYPE);
    directory.ensureGroup("teamsouth", "Team South", Roles.TEAM_TYPE);
    if (authorities.isAuthority(SOUTHVALE)) {
      directory.ensureGroup(SOUTHVALE_TEAM, "Southvale Children's Team", Roles.TEAM_TYPE);
    }
    for (DemoUser user : USERS) {
      if (SOUTHVALE.equals(user.authority()) && !authorities.isAuthority(SOUTHVALE)) {
        continue;   // Southvale's people exist where Southvale shares the platform
      }
      directory.ensureUser(user.id(), user.firstName(), user.lastName(), user.id() + "@demo.invalid", user.id());
      user.groups().forEach(group -> directory.ensureMembership(user.id(), group));
      if (authorities.shared() && user.authority() != null && authorities.isAuthority(user.authority())) {
        directory.ensureTenantMembership(user.authority(), user.id());
      }
    }
  }
}
