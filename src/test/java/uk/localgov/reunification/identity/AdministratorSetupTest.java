package uk.localgov.reunification.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import uk.localgov.reunification.StandaloneApplication;

/** Without the demo profile, no demo user or password exists: the first administrator is configured. */
class AdministratorSetupTest {

  @TempDir
  Path dataDir;

  @Test
  void withoutAnAdministratorTheApplicationRefusesToStartAndSaysWhatToSet() {
    assertThatThrownBy(() -> StandaloneApplication.start(dataDir))
        .hasRootCauseInstanceOf(AdministratorNotConfiguredException.class)
        .rootCause().hasMessageContaining("Set REUNIFICATION_ADMIN_ID and REUNIFICATION_ADMIN_PASSWORD");
  }

  @Test
  void theStartUpReportTellsTheOperatorWhatToDo() {
    FailureAnalysis analysis = new AdministratorFailureAnalyzer()
        .analyze(new AdministratorNotConfiguredException(null));

    assertThat(analysis.getDescription()).contains("No administrator is configured");
    assertThat(analysis.getAction()).contains("REUNIFICATION_ADMIN_ID", "REUNIFICATION_ADMIN_PASSWORD", "demo");
  }

  @Test
  void aConfiguredAdministratorIsCreatedAndNoDemoUserExists() {
    try (ConfigurableApplicationContext application = StandaloneApplication.start(dataDir,
        "reunification.admin.id=opsadmin", "reunification.admin.password=Str0ng&Secret!")) {
      IdentityService identity = application.getBean(IdentityService.class);

      assertThat(identity.createUserQuery().memberOfGroup(Roles.ADMINISTRATORS).list())
          .extracting(user -> user.getId()).containsExactly("opsadmin");
      assertThat(identity.checkPassword("opsadmin", "Str0ng&Secret!")).isTrue();
      assertThat(identity.createUserQuery().userId("admin").count()).isZero();
      assertThat(identity.createUserQuery().userId("socialworker1").count()).isZero();
      assertThat(identity.createGroupQuery().groupId(Roles.SOCIAL_WORKERS).count()).isEqualTo(1);
    }
    try (ConfigurableApplicationContext restarted = StandaloneApplication.start(dataDir)) {
      assertThat(restarted.getBean(IdentityService.class).createUserQuery().userId("opsadmin").count())
          .as("once an administrator exists, the environment need not name one").isEqualTo(1);
    }
  }

  @Test
  void aWeakAdministratorPasswordIsRefusedAtStartUp() {
    assertThatThrownBy(() -> StandaloneApplication.start(dataDir,
        "reunification.admin.id=opsadmin", "reunification.admin.password=admin"))
        .hasRootCauseInstanceOf(AdministratorNotConfiguredException.class)
        .rootCause().hasMessageContaining("The configured administrator 'opsadmin' was refused");
  }
}
