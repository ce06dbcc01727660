package uk.localgov.reunification.deployment;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The embedded default keeps cases, tasks and timers in an H2 file that outlives the application. */
class RestartTest {

  @TempDir
  Path dataDir;

  @Test
  void aRunningCaseItsTaskAndItsTimerSurviveARestart() {
    String instanceId;
    Date timerDue;
    List<String> deploymentIds;
    try (ConfigurableApplicationContext first = StandaloneApplication.start(dataDir, "spring.profiles.active=demo",
        "reunification.demo.cases=false")) {
      RuntimeService runtime = first.getBean(RuntimeService.class);
      TaskService tasks = first.getBean(TaskService.class);
      ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn", Map.of(
          "childId", "RESTART-1", "childName", "Alex Example", "dateOfBirth", "2014-06-01",
          "legalStatus", "CARE_ORDER", "weeksAccommodated", 20, "eligibleChild", false,
          "socialWorker", "socialworker1", "iro", "iro1"));
      instanceId = instance.getId();
      complete(tasks, instanceId, "completeAssessment", Map.of("assessmentSummary", "Assessment"));
      complete(tasks, instanceId, "compileReturnPlan", Map.of("returnPlan", "Plan"));
      complete(tasks, instanceId, "preReturnReview", Map.of("reviewOutcome", "PROCEED",
          "reviewReasons", "The plan answers each risk with named support; the child wants to go home"));
      Task ratify = tasks.createTaskQuery().processInstanceBusinessKey("RESTART-1")
          .taskDefinitionKey("ratifyDecision").singleResult();
      tasks.complete(ratify.getId(), Map.of("ratificationDecision", "RATIFIED", "childWishesConsidered", true,
          "iroConsulted", true, "relativesConsulted", true, "carersConsulted", true));
      complete(tasks, instanceId, "confirmReturnHome", Map.of("returnDate", java.time.LocalDate.now().toString()));
      timerDue = timer(first.getBean(ManagementService.class), instanceId).getDuedate();
      assertThat(first.getBean(RepositoryService.class).createDeploymentQuery()
          .deploymentName(CaseModelDeployment.DEPLOYMENT_NAME).count()).isOne();
      // the shared models, and the demo's Southvale's own decisions (authorities/southvale/)
      deploymentIds = first.getBean(RepositoryService.class).createDeploymentQuery().orderByDeploymentId().asc().list()
          .stream().map(deployment -> deployment.getId()).toList();
    }

    try (ConfigurableApplicationContext second = StandaloneApplication.start(dataDir, "spring.profiles.active=demo",
        "reunification.demo.cases=false")) {
      assertThat(second.getBean(RuntimeService.class).createProcessInstanceQuery()
          .processInstanceId(instanceId).singleResult()).isNotNull();
      Task visit = second.getBean(TaskService.class).createTaskQuery().processInstanceBusinessKey("RESTART-1")
          .taskDefinitionKey("firstHomeVisit").singleResult();
      assertThat(visit).isNotNull();
      assertThat(visit.getAssignee()).isEqualTo("socialworker1");
      assertThat(timer(second.getBean(ManagementService.class), instanceId).getDuedate()).isEqualTo(timerDue);
      assertThat(second.getBean(RepositoryService.class).createDeploymentQuery().orderByDeploymentId().asc().list())
          .as("a restart with nothing changed deploys nothing new")
          .extracting(deployment -> deployment.getId()).isEqualTo(deploymentIds);
    }
  }

  private static void complete(TaskService tasks, String instanceId, String taskKey, Map<String, Object> variables) {
    Task task = tasks.createTaskQuery().processInstanceId(instanceId).taskDefinitionKey(taskKey).singleResult();
    tasks.complete(task.getId(), variables);
  }

  /** The first visit's timer, in the case's life at home (childAtHome): the only case of this database. */
  private static Job timer(ManagementService management, String instanceId) {
    return management.createJobQuery().activityId("Timer_FirstVisitOverdue").timers().singleResult();
  }
}
