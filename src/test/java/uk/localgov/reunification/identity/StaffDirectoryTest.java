package uk.localgov.reunification.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/** Salford §4: a social worker's line manager is the line manager in the worker's team, as Admin says now. */
@ApplicationTest
class StaffDirectoryTest {

  @Autowired
  StaffDirectory staff;
  @Autowired
  IdentityService identity;
  @Autowired
  UnrestrictedLookups lookups;

  @BeforeEach
  void aLargeTeamWithOneLineManager() {
    for (int i = 0; i < 30; i++) {
      User user = identity.newUser("staffworker" + i);
      user.setPassword("Staff-Worker-2026-" + i);
      identity.saveUser(user);
      identity.createMembership(user.getId(), Roles.SOCIAL_WORKERS);
      identity.createMembership(user.getId(), "teamsouth");
    }
  }

  @AfterEach
  void leave() {
    for (int i = 0; i < 30; i++) {
      identity.deleteUser("staffworker" + i);
    }
    if (identity.createUserQuery().userId("linemanager1").memberOfGroup("teamsouth").count() > 0) {
      identity.deleteMembership("linemanager1", "teamsouth");
    }
  }

  @Test
  void theLineManagerIsTheTeamsMemberOfLineManagers() {
    assertThat(staff.teamOf("staffworker7")).contains("teamsouth");
    assertThat(staff.lineManagerOf("staffworker7")).isEqualTo("linemanager2");
    assertThat(staff.lineManagerOf("socialworker1")).isEqualTo("linemanager1");
  }

  @Test
  void withinOneCommandTheAnswerIsKeptAndTheNextCommandSeesAdminsChange() {
    List<String> answers = lookups.read(() -> {
      String before = staff.lineManagerOf("staffworker3");
      identity.deleteMembership("linemanager2", "teamsouth");
      identity.createMembership("linemanager1", "teamsouth");
      return List.of(before, staff.lineManagerOf("staffworker3"));
    });
    try {
      assertThat(answers).containsExactly("linemanager2", "linemanager2");
      assertThat(staff.lineManagerOf("staffworker3")).isEqualTo("linemanager1");
    } finally {
      identity.createMembership("linemanager2", "teamsouth");
    }
  }
}
