package uk.localgov.reunification.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import uk.localgov.reunification.authority.CaseAuthority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.localgov.reunification.StandaloneApplication;
import uk.localgov.reunification.casework.CaseInputRefused;

/**
 * A database made before the project's own tables were managed by Flyway already holds the
 * engine's tables: Flyway baselines it below V1, so the child lock table is still made and the
 * one-return rule holds on it.
 */
class FlywayBaselineTest {

  @TempDir
  Path dataDir;

  static Map<String, Object> child(String childId) {
    return Map.of("childId", childId, "childName", "Old Example", "dateOfBirth", "2014-06-01",
        "legalStatus", "CARE_ORDER", "weeksAccommodated", 20, "eligibleChild", false,
        "socialWorker", "socialworker1", "iro", "iro1");
  }

  @Test
  void aDatabaseFromBeforeFlywayGetsTheChildLockTableOnTheNextStartUp() {
    try (ConfigurableApplicationContext before = StandaloneApplication.start(dataDir, "spring.profiles.active=demo",
        "reunification.demo.cases=false", "spring.flyway.enabled=false")) {
      JdbcTemplate jdbc = before.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'ACT_RU_EXECUTION'",
          Long.class)).isEqualTo(1);
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'CHILD_CASE_LOCK'",
          Long.class)).isZero();
    }

    try (ConfigurableApplicationContext after = StandaloneApplication.start(dataDir, "spring.profiles.active=demo",
        "reunification.demo.cases=false")) {
      JdbcTemplate jdbc = after.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForList("SELECT \"version\" FROM \"flyway_schema_history\""
          + " WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"", String.class))
          .as("the baseline, then V1 (child lock), V2 (read log), V3 (unit costs), V4 (a lock per authority) and V5"
          + " (the reader's authority)").containsExactly("0", "1", "2", "3", "4", "5");
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'CASE_READ_LOG'",
          Long.class)).isEqualTo(1);
      RuntimeService runtime = after.getBean(RuntimeService.class);
      // the demo's two authorities share the platform: the application's own start names the child's
      CaseAuthority.startingFor("northshire", () -> runtime.startProcessInstanceByKey("plannedReturn", child("BASELINE-1")));
      assertThatThrownBy(() -> CaseAuthority.startingFor("northshire",
          () -> runtime.startProcessInstanceByKey("plannedReturn", child("BASELINE-1"))))
          .isInstanceOf(CaseInputRefused.class).hasMessageContaining("already has an active return home");
    }
  }
}
