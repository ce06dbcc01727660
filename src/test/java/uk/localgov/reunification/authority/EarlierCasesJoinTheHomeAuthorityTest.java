package uk.localgov.reunification.authority;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import uk.localgov.reunification.StandaloneApplication;
import uk.localgov.reunification.casework.Cases;

/**
 * A council's install with one authority, as every install was before Wave 3, keeps working as it
 * did: no case carries a tenant. When a second authority joins the platform, every case started
 * before is put in the first, the home authority, on the next start: its people still see it, the
 * newcomer's do not, and nothing of it is left without an authority.
 */
class EarlierCasesJoinTheHomeAuthorityTest {

  static final String[] ONE_AUTHORITY = {"spring.profiles.active=demo", "reunification.demo.cases=false",
      "reunification.authorities[0].id=northshire", "reunification.authorities[0].name=Northshire Council"};
  static final String[] TWO_AUTHORITIES = {"spring.profiles.active=demo", "reunification.demo.cases=false"};

  @TempDir
  Path dataDir;

  @Test
  void aSingleAuthoritysCasesArePutInItWhenASecondAuthorityJoins() {
    String instanceId;
    try (ConfigurableApplicationContext before = StandaloneApplication.start(dataDir, ONE_AUTHORITY)) {
      RuntimeService runtime = before.getBean(RuntimeService.class);
      instanceId = runtime.startProcessInstanceByKey("unplannedReturn", Cases.with(Cases.careOrderChild("EARLY-1"),
          "returnDate", LocalDate.now(ZoneId.of("Europe/London")).minusDays(10).toString(),
          "returnReason", "PLACEMENT_BREAKDOWN")).getId();
      assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("EARLY-1").withoutTenantId().count())
          .as("one authority: no case carries a tenant").isEqualTo(runtime.createProcessInstanceQuery()
              .processInstanceBusinessKey("EARLY-1").count());
    }

    try (ConfigurableApplicationContext after = StandaloneApplication.start(dataDir, TWO_AUTHORITIES)) {
      RuntimeService runtime = after.getBean(RuntimeService.class);
      TaskService tasks = after.getBean(TaskService.class);
      HistoryService history = after.getBean(HistoryService.class);
      ManagementService management = after.getBean(ManagementService.class);
      IdentityService identity = after.getBean(IdentityService.class);

      assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("EARLY-1").list())
          .allMatch(instance -> "northshire".equals(instance.getTenantId())).isNotEmpty();
      assertThat(tasks.createTaskQuery().processInstanceBusinessKey("EARLY-1").list())
          .allMatch(task -> "northshire".equals(task.getTenantId())).isNotEmpty();
      assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey("EARLY-1").withoutTenantId()
          .count()).isZero();
      assertThat(history.createHistoricVariableInstanceQuery().processInstanceIdIn(instanceId).withoutTenantId().count())
          .isZero();
      assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instanceId).withoutTenantId().count())
          .isZero();
      assertThat(management.createJobQuery().withoutTenantId().list()).as("only a platform process's jobs stay without")
          .allMatch(job -> job.getProcessInstanceId() == null);

      identity.setAuthentication("socialworker1", List.of("socialworkers", "teamnorth"), List.of("northshire"));
      try {
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey("EARLY-1").count()).as("its people still see it")
            .isPositive();
      } finally {
        identity.clearAuthentication();
      }
      identity.setAuthentication("sv.socialworker1", List.of("socialworkers", "svteam"), List.of("southvale"));
      try {
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey("EARLY-1").count()).as("the newcomer's do not")
            .isZero();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey("EARLY-1").count()).isZero();
      } finally {
        identity.clearAuthentication();
      }
    }
  }
}
