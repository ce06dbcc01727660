package uk.localgov.reunification.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import uk.localgov.reunification.StandaloneApplication;

/** The demo profile gives every demo login something to do, and starting it twice changes nothing. */
class DemoProfileTest {

  @TempDir
  Path dataDir;

  static java.time.LocalDate dayOf(java.util.Date due) {
    return due.toInstant().atZone(uk.localgov.reunification.casework.CaseCalendar.ENGLAND).toLocalDate();
  }

  @Test
  void theDemoProfileCreatesItsPeopleFiltersAndCasesOnce() {
    long cases;
    long filters;
    try (ConfigurableApplicationContext first = StandaloneApplication.start(dataDir, "spring.profiles.active=demo")) {
      HistoryService history = first.getBean(HistoryService.class);
      TaskService tasks = first.getBean(TaskService.class);
      IdentityService identity = first.getBean(IdentityService.class);

      cases = history.createHistoricProcessInstanceQuery().processInstanceBusinessKeyLike("DEMO-%")
          .processDefinitionKeyIn("plannedReturn", "unplannedReturn").count();
      assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKeyLike("DEMO-%")
          .processDefinitionKeyIn("plannedReturn", "unplannedReturn").tenantIdIn("northshire").count())
          .as("Northshire: twenty open cases, nine from the last two years, and one of them home again").isEqualTo(30L);
      assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKeyLike("DEMO-%")
          .processDefinitionKeyIn("plannedReturn", "unplannedReturn").tenantIdIn("southvale").count())
          .as("Southvale: two children of its own").isEqualTo(2L);
      assertThat(cases).isEqualTo(32L);
      // Southvale's local policy shows in its cases: the first visit within 5 days under a care order
      // (Northshire follows the default, 7), the Child in Need review 4 weeks after the IRO's (default 6)
      java.time.LocalDate today = java.time.LocalDate.now(uk.localgov.reunification.casework.CaseCalendar.ENGLAND);
      assertThat(dayOf(tasks.createTaskQuery().processInstanceBusinessKey("DEMO-3002").taskDefinitionKey("firstHomeVisit")
          .singleResult().getDueDate())).isEqualTo(today.minusDays(1).plusDays(5));
      assertThat(dayOf(tasks.createTaskQuery().processInstanceBusinessKey("DEMO-3001").taskDefinitionKey("supportReview")
          .singleResult().getDueDate())).isEqualTo(today.plusDays(28));
      assertThat(identity.createTenantQuery().userMember("sv.socialworker1").singleResult().getId()).isEqualTo("southvale");
      assertThat(identity.createTenantQuery().userMember("socialworker1").singleResult().getId()).isEqualTo("northshire");
      assertThat(identity.createTenantQuery().userMember("regional1").count()).as("the region holds no cases").isZero();
      assertThat(first.getBean(org.camunda.bpm.engine.RuntimeService.class).createProcessInstanceQuery().processDefinitionKey("caseFollowUp").count())
          .as("two closed cases followed up for their year").isEqualTo(2);
      assertThat(tasks.createTaskQuery().taskDefinitionKey("confirmChildAtHome").taskAssignee("linemanager1").count())
          .as("a check-in for the line manager").isEqualTo(1);
      assertThat(tasks.createTaskQuery().taskDefinitionKey("recordCaseClosure").taskAssignee("socialworker1").count())
          .as("a closure to record").isEqualTo(1);
      assertThat(tasks.createTaskQuery().taskDefinitionKey("ratifyDecision").taskCandidateGroup("directors").count())
          .as("a 16-year-old's leaving section 20 care with the Director (reg 39(5))").isOne();
      assertThat(tasks.createTaskQuery().taskDefinitionKey("statutoryVisit").count())
          .as("children at home under a court order are visited (reg 28)").isEqualTo(2);
      assertThat(tasks.createTaskQuery().taskDefinitionKey("lookedAfterReview").taskAssignee("iro2").count())
          .as("and reviewed (reg 33) from the return, the first visit recorded or not").isEqualTo(4);
      assertThat(tasks.createTaskQuery().taskDefinitionKey("decideNextSteps").taskCandidateGroup("servicemanagers").count())
          .as("a refused ratification with the service managers").isOne();
      assertThat(tasks.createTaskQuery().taskDefinitionKey("revisePlan").taskAssignee("socialworker1").count())
          .as("a plan revision a welfare concern asked for").isOne();
      assertThat(identity.checkPassword("socialworker1", "socialworker1")).isTrue();
      assertThat(identity.createUserQuery().memberOfGroup("teamsouth").count()).isEqualTo(2);
      for (String user : new String[] {"socialworker1", "socialworker2", "socialworker3", "linemanager2", "iro1",
          "iro2", "cincoordinator1"}) {
        assertThat(tasks.createTaskQuery().taskAssignee(user).count()).as("tasks of %s", user).isPositive();
      }
      assertThat(tasks.createTaskQuery().taskCandidateGroup("headofservice").count()).isPositive();
      assertThat(tasks.createTaskQuery().taskDefinitionKey("reviewWelfareConcern").taskAssignee("linemanager2").count())
          .isPositive();
      assertThat(history.createHistoricVariableInstanceQuery().variableName("outcome").count())
          .as("ended demo cases keep their outcome").isPositive();
      filters = first.getBean(FilterService.class).createFilterQuery().count();
      assertThat(filters).isGreaterThanOrEqualTo(7);
    }
    try (ConfigurableApplicationContext second = StandaloneApplication.start(dataDir, "spring.profiles.active=demo")) {
      assertThat(second.getBean(HistoryService.class).createHistoricProcessInstanceQuery()
          .processInstanceBusinessKeyLike("DEMO-%").processDefinitionKeyIn("plannedReturn", "unplannedReturn").count())
          .isEqualTo(cases);
      assertThat(second.getBean(FilterService.class).createFilterQuery().count()).isEqualTo(filters);
    }
  }
}
