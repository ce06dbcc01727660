package uk.localgov.reunification.demo;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import uk.localgov.reunification.engine.OrderedPlugin;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.identity.IdentityDirectory;
import uk.localgov.reunification.identity.Roles;

/**
 * The demo people and teams of the contract, created once; each password equals the user id.
 * Exists only under the demo profile, so no demo password is ever made anywhere else.
 */
@Component
@Profile("demo")
public class DemoIdentities extends OrderedPlugin {

  record DemoUser(String id, String firstName, String lastName, List<String> groups) {
  }

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
      new DemoUser("caserecords", "Case-record", "System", List.of(Roles.CASE_SYSTEMS)));

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityDirectory directory = new IdentityDirectory(engine);
    directory.ensureGroup("teamnorth", "Team North", Roles.TEAM_TYPE);
    directory.ensureGroup("teamsouth", "Team South", Roles.TEAM_TYPE);
    for (DemoUser user : USERS) {
      directory.ensureUser(user.id(), user.firstName(), user.lastName(), user.id() + "@demo.invalid", user.id());
      user.groups().forEach(group -> directory.ensureMembership(user.id(), group));
    }
  }
}
