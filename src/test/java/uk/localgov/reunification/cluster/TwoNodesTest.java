package uk.localgov.reunification.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import uk.localgov.reunification.PostgresForTests;
import uk.localgov.reunification.StandaloneApplication;

/**
 * Camunda 7 clusters by sharing one database: two application nodes, each with its own job
 * executor, on one PostgreSQL. Work done on one is seen on the other, a burst of due timers fires
 * exactly once across both, and the same task completed on both at once completes once.
 */
class TwoNodesTest {

  /** The first visits\' chases: these cases under a care order have an overdue reg 19 placement plan too. */
  static final String FIRST_VISIT_CHASES = "Chase First home visit%";

  static final int CASES = 30;

  @TempDir
  Path dataDir;

  static ConfigurableApplicationContext node(Path dataDir, String url, String name) {
    return StandaloneApplication.start(dataDir.resolve(name), "spring.profiles.active=demo,postgres",
        "reunification.demo.cases=false", "spring.datasource.url=" + url, "spring.datasource.username=postgres",
        "spring.datasource.password=postgres", "spring.datasource.hikari.connection-timeout=2000",
        "camunda.bpm.database.schema-update=true", "camunda.bpm.process-engine-name=" + name,
        "camunda.bpm.metrics.db-reporter-activate=false", "camunda.bpm.job-execution.enabled=true",
        "camunda.bpm.job-execution.wait-time-in-millis=200", "camunda.bpm.job-execution.max-wait=1000",
        "camunda.bpm.generic-properties.properties.hostname=" + name);
  }

  static Map<String, Object> wentHomeTenDaysAgo(String childId) {
    return Map.of("childId", childId, "childName", "Node Example", "dateOfBirth", "2012-01-01",
        "legalStatus", "CARE_ORDER", "weeksAccommodated", 20, "eligibleChild", false, "socialWorker", "socialworker1",
        "iro", "iro1", "returnDate", LocalDate.now().minusDays(10).toString(), "returnReason", "PLACEMENT_BREAKDOWN");
  }

  @Test
  void twoNodesOnOneDatabaseShareWorkAndFireEachTimerOnce() throws Exception {
    String url = PostgresForTests.newDatabase("cluster");
    try (ConfigurableApplicationContext a = node(dataDir, url, "nodea");
        ConfigurableApplicationContext b = node(dataDir, url, "nodeb")) {
      ProcessEngine engineA = a.getBean(ProcessEngine.class);
      ProcessEngine engineB = b.getBean(ProcessEngine.class);

      // A burst of due timers: every first visit of these cases was due three days ago (the review and plan are not due yet).
      for (int i = 0; i < CASES; i++) {
        (i % 2 == 0 ? engineA : engineB).getRuntimeService()
            .startProcessInstanceByKey("unplannedReturn", wentHomeTenDaysAgo("NODE-" + i));
      }
      HistoryService history = engineA.getHistoryService();
      long deadline = System.currentTimeMillis() + 90_000;
      while (engineA.getTaskService().createTaskQuery().taskDefinitionKey("chaseOverdueWork").taskNameLike(FIRST_VISIT_CHASES).count() < CASES
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(250);
      }
      Thread.sleep(2_000);
      long chases = engineB.getTaskService().createTaskQuery().taskDefinitionKey("chaseOverdueWork").taskNameLike(FIRST_VISIT_CHASES).count();
      long fired = history.createHistoricJobLogQuery().activityIdIn("Timer_FirstVisitOverdue").successLog().count();
      long byA = history.createHistoricJobLogQuery().activityIdIn("Timer_FirstVisitOverdue").successLog()
          .hostname("nodea").count();
      System.out.printf("two nodes: timers due %d, fired %d (node a %d, node b %d), chases %d, duplicates %d, lost %d%n",
          CASES, fired, byA, fired - byA, chases, Math.max(0, chases - CASES), Math.max(0, CASES - chases));
      assertThat(chases).as("one chase per case, none lost").isEqualTo(CASES);
      assertThat(fired).as("each timer fired exactly once across both nodes").isEqualTo(CASES);

      // Work done on one node is gone on the other.
      TaskService tasksA = engineA.getTaskService();
      TaskService tasksB = engineB.getTaskService();
      Task plan = tasksB.createTaskQuery().processInstanceBusinessKey("NODE-0").taskDefinitionKey("completeReturnPlan")
          .singleResult();
      tasksA.complete(plan.getId(), Map.of("returnPlan", "Plan agreed"));
      assertThat(tasksB.createTaskQuery().taskId(plan.getId()).count()).isZero();
      assertThat(tasksB.createTaskQuery().processInstanceBusinessKey("NODE-0").taskDefinitionKey("returnReview")
          .count()).isEqualTo(1);

      // The same task completed on both nodes at once: one success, one clear conflict.
      Task review = tasksA.createTaskQuery().processInstanceBusinessKey("NODE-1").taskDefinitionKey("completeReturnPlan")
          .singleResult();
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService two = Executors.newFixedThreadPool(2);
      List<Future<String>> outcomes = new ArrayList<>();
      for (TaskService tasks : List.of(tasksA, tasksB)) {
        outcomes.add(two.submit(() -> {
          go.await();
          try {
            tasks.complete(review.getId(), Map.of("returnPlan", "Plan written on two nodes at once"));
            return "completed";
          } catch (RuntimeException conflict) {
            return "refused: " + conflict.getClass().getSimpleName() + ": " + conflict.getMessage();
          }
        }));
      }
      go.countDown();
      List<String> results = new ArrayList<>();
      for (Future<String> outcome : outcomes) {
        results.add(outcome.get());
      }
      two.shutdown();
      System.out.println("two nodes completing one task: " + results);
      assertThat(results).filteredOn("completed"::equals).hasSize(1);
      assertThat(results).filteredOn(result -> result.startsWith("refused")).hasSize(1);
      assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey("NODE-1")
          .taskDefinitionKey("completeReturnPlan").finished().count()).isEqualTo(1);
      assertThat(tasksB.createTaskQuery().processInstanceBusinessKey("NODE-1").taskDefinitionKey("returnReview").count())
          .as("the next step began once").isEqualTo(1);
    }
  }
}
