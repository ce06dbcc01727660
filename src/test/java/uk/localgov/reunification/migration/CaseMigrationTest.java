package uk.localgov.reunification.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import uk.localgov.reunification.StandaloneApplication;

/**
 * A process owner's changed diagram becomes a new version that leaves running cases where they
 * are; an administrator then moves them, with their tasks and timers, or is told why they cannot.
 */
class CaseMigrationTest {

  @TempDir
  Path dataDir;

  @Test
  void runningCasesStayOnTheirVersionUntilMigratedWithTasksAndTimersIntact() throws Exception {
    try (ConfigurableApplicationContext app = StandaloneApplication.start(dataDir, "spring.profiles.active=demo",
        "reunification.demo.cases=false")) {
      RuntimeService runtime = app.getBean(RuntimeService.class);
      TaskService tasks = app.getBean(TaskService.class);
      RepositoryService repository = app.getBean(RepositoryService.class);
      ManagementService jobs = app.getBean(ManagementService.class);
      CaseMigration migration = app.getBean(CaseMigration.class);

      ProcessInstance support = runtime.startProcessInstanceByKey("ongoingSupport", "MIG-1", Map.of(
          "childId", "MIG-1", "childName", "Kit Example", "socialWorker", "socialworker1", "iro", "iro1",
          "team", "teamnorth"));
      Task allocate = tasks.createTaskQuery().processInstanceId(support.getId())
          .taskDefinitionKey("allocateCinCoordinator").singleResult();
      tasks.complete(allocate.getId(), Map.of("cinCoordinator", "cincoordinator1"));
      List<String> taskIds = tasks.createTaskQuery().processInstanceId(support.getId()).list().stream()
          .map(Task::getId).sorted().toList();
      List<Date> timers = jobs.createJobQuery().processInstanceId(support.getId()).timers().list().stream()
          .map(Job::getDuedate).sorted().toList();
      assertThat(timers).hasSize(2);

      String diagram = Files.readString(Path.of("processes/ongoing-support.bpmn"));
      repository.createDeployment().name("reunification").addString("processes/ongoing-support.bpmn",
          diagram.replace("Support child at home", "Support the child at home")).deploy();
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(support.getId()).singleResult()
          .getProcessDefinitionId()).as("a new version leaves running cases on theirs").contains("ongoingSupport:1:");

      Map<String, Object> migrated = migration.migrate("ongoingSupport", 1, 2);

      assertThat(migrated).containsEntry("migratedCases", 1);
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(support.getId()).singleResult()
          .getProcessDefinitionId()).contains("ongoingSupport:2:");
      assertThat(tasks.createTaskQuery().processInstanceId(support.getId()).list().stream().map(Task::getId).sorted())
          .containsExactlyElementsOf(taskIds);
      assertThat(jobs.createJobQuery().processInstanceId(support.getId()).timers().list().stream()
          .map(Job::getDuedate).sorted()).containsExactlyElementsOf(timers);

      // version 3 reviews the plan with no task of the co-ordinator's: a case waiting at the review cannot move there
      repository.createDeployment().name("reunification").addString("processes/ongoing-support.bpmn", diagram
          .replaceFirst("(?s)<bpmn:userTask id=\"supportReview\"(.*?)</bpmn:userTask>",
              "<bpmn:manualTask id=\"supportReview\"$1</bpmn:manualTask>"))
          .deploy();
      assertThatThrownBy(() -> migration.migrate("ongoingSupport", 2, 3))
          .isInstanceOfSatisfying(uk.localgov.reunification.api.Refused.class, refused -> assertThat(refused.status()).isEqualTo(400))
          .hasMessageContaining("cannot move to version 3").hasMessageContaining("supportReview");
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(support.getId()).singleResult()
          .getProcessDefinitionId()).as("a refused migration moves nothing").contains("ongoingSupport:2:");
      assertThatThrownBy(() -> migration.migrate("ongoingSupport", 9, 2)).hasMessage("No version 9 of process 'ongoingSupport'");
    }
  }
}
