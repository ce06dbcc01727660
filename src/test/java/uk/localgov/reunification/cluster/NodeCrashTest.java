package uk.localgov.reunification.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import uk.localgov.reunification.PostgresForTests;
import uk.localgov.reunification.StandaloneApplication;

/**
 * A node killed with SIGKILL in the middle of work loses nothing: on PostgreSQL the surviving
 * node, and on H2 in a file the restarted node, pick up the jobs the dead node had locked, and
 * every case, task and timer is still there.
 */
public class NodeCrashTest {

  /** The first visits\' chases: these cases under a care order have an overdue reg 19 placement plan too. */
  static final String FIRST_VISIT_CHASES = "Chase First home visit%";

  static final int CASES = 100;
  static final String LOCK_TIME = "4000";
  /** The doomed node works one job at a time, so that it is surely killed half-way. */
  static final String[] ONE_AT_A_TIME = {"camunda.bpm.job-execution.core-pool-size=1",
      "camunda.bpm.job-execution.max-pool-size=1", "camunda.bpm.job-execution.max-jobs-per-acquisition=1"};

  @TempDir
  Path dataDir;

  /** The application in a JVM of its own, so that it can be killed like a real node. */
  public static Process nodeProcess(Path log, String... properties) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "uk.localgov.reunification.ReunificationApplication"));
    for (String property : properties) {
      command.add("--" + property);
    }
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  static Map<String, Object> wentHomeTenDaysAgo(String childId) {
    return Map.of("childId", childId, "childName", "Crash Example", "dateOfBirth", "2012-01-01",
        "legalStatus", "CARE_ORDER", "weeksAccommodated", 20, "eligibleChild", false, "socialWorker", "socialworker1",
        "iro", "iro1", "returnDate", LocalDate.now().minusDays(10).toString(), "returnReason", "PLACEMENT_BREAKDOWN");
  }

  static long waitFor(TaskService tasks, long atLeast, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    long chases;
    while ((chases = tasks.createTaskQuery().taskDefinitionKey("chaseOverdueWork").taskNameLike(FIRST_VISIT_CHASES).count()) < atLeast
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    return chases;
  }

  void crashAndRecover(String label, String[] shared, String[] survivor) throws Exception {
    Process doomed;
    long beforeKill;
    try (ConfigurableApplicationContext starter = StandaloneApplication.start(dataDir, concat(shared,
        "camunda.bpm.process-engine-name=starter", "camunda.bpm.job-execution.enabled=false"))) {
      ProcessEngine engine = starter.getBean(ProcessEngine.class);
      for (int i = 0; i < CASES; i++) {
        engine.getRuntimeService().startProcessInstanceByKey("unplannedReturn", wentHomeTenDaysAgo(label + "-" + i));
      }
    }
    List<String> doomedProperties = new ArrayList<>(List.of(shared));
    doomedProperties.addAll(List.of("server.port=0", "camunda.bpm.job-execution.enabled=true",
        "camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME, "camunda.bpm.job-execution.wait-time-in-millis=100",
        "camunda.bpm.generic-properties.properties.hostname=doomed"));
    doomedProperties.addAll(List.of(ONE_AT_A_TIME));
    doomed = nodeProcess(dataDir.resolve(label + "-doomed.log"), doomedProperties.toArray(String[]::new));
    try (ConfigurableApplicationContext watcher = StandaloneApplication.start(dataDir, concat(survivor,
        "camunda.bpm.process-engine-name=watcher", "camunda.bpm.job-execution.enabled=false"))) {
      beforeKill = waitFor(watcher.getBean(ProcessEngine.class).getTaskService(), 5, 120_000);
    } finally {
      doomed.destroyForcibly().waitFor();
    }
    assertThat(beforeKill).as("the node was killed in the middle of the work").isBetween(5L, CASES - 1L);

    try (ConfigurableApplicationContext rescuer = StandaloneApplication.start(dataDir, concat(survivor,
        "camunda.bpm.process-engine-name=rescuer", "camunda.bpm.job-execution.enabled=true",
        "camunda.bpm.job-execution.wait-time-in-millis=100", "camunda.bpm.generic-properties.properties.hostname=rescuer"))) {
      ProcessEngine engine = rescuer.getBean(ProcessEngine.class);
      long chases = waitFor(engine.getTaskService(), CASES, 120_000);
      Thread.sleep(1_000);
      HistoryService history = engine.getHistoryService();
      long fired = history.createHistoricJobLogQuery().activityIdIn("Timer_FirstVisitOverdue").successLog().count();
      long byRescuer = history.createHistoricJobLogQuery().activityIdIn("Timer_FirstVisitOverdue").successLog()
          .hostname("rescuer").count();
      long cases = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("unplannedReturn").count();
      System.out.printf("%s crash: %d chases before kill -9, %d after recovery (%d by the rescuer), timers fired %d,"
          + " cases %d, lost %d, duplicates %d%n", label, beforeKill, chases, byRescuer, fired, cases,
          Math.max(0, CASES - chases), Math.max(0, chases - CASES));
      assertThat(cases).isEqualTo(CASES);
      assertThat(chases).as("no chase lost, none twice").isEqualTo(CASES);
      assertThat(fired).isEqualTo(CASES);
      assertThat(engine.getTaskService().createTaskQuery().taskDefinitionKey("completeReturnPlan").count())
          .as("no task lost").isEqualTo(CASES);
    }
  }

  @Test
  void aKilledNodeLosesNothingOnPostgres() throws Exception {
    String url = PostgresForTests.newDatabase("crash");
    String[] shared = {"spring.profiles.active=demo,postgres", "reunification.demo.cases=false",
        "spring.datasource.url=" + url, "spring.datasource.username=postgres", "spring.datasource.password=postgres",
        "camunda.bpm.database.schema-update=true", "spring.datasource.hikari.connection-timeout=2000",
        "camunda.bpm.metrics.db-reporter-activate=false", "spring.main.banner-mode=off"};
    crashAndRecover("PG", shared, shared);
  }

  @Test
  void aKilledNodeLosesNothingOnH2InAFile() throws Exception {
    String[] shared = {"spring.profiles.active=demo", "reunification.demo.cases=false",
        "reunification.data-dir=" + dataDir.resolve("h2"), "spring.main.banner-mode=off"};
    crashAndRecoverH2(shared);
  }

  /** H2 in a file allows one node at a time: the killed node's file is reopened by the next. */
  void crashAndRecoverH2(String[] shared) throws Exception {
    try (ConfigurableApplicationContext starter = StandaloneApplication.start(dataDir, concat(shared,
        "camunda.bpm.process-engine-name=starter"))) {
      ProcessEngine engine = starter.getBean(ProcessEngine.class);
      for (int i = 0; i < CASES; i++) {
        engine.getRuntimeService().startProcessInstanceByKey("unplannedReturn", wentHomeTenDaysAgo("H2-" + i));
      }
    }
    Path log = dataDir.resolve("h2-doomed.log");
    Process doomed = nodeProcess(log, concat(concat(shared, ONE_AT_A_TIME), "server.port=0",
        "camunda.bpm.job-execution.enabled=true", "camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME,
        "camunda.bpm.job-execution.wait-time-in-millis=100"));
    long deadline = System.currentTimeMillis() + 120_000;
    while (!java.nio.file.Files.readString(log).contains("ENGINE-14014") && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(2_500);
    doomed.destroyForcibly().waitFor();
    try (ConfigurableApplicationContext inspector = StandaloneApplication.start(dataDir, concat(shared,
        "camunda.bpm.process-engine-name=inspector"))) {
      ProcessEngine engine = inspector.getBean(ProcessEngine.class);
      long done = engine.getTaskService().createTaskQuery().taskDefinitionKey("chaseOverdueWork").taskNameLike(FIRST_VISIT_CHASES).count();
      long locked = engine.getManagementService().createJobQuery().timers().list().stream()
          .filter(job -> ((org.camunda.bpm.engine.impl.persistence.entity.JobEntity) job).getLockOwner() != null).count();
      System.out.printf("H2 crash: %d chases and %d jobs still locked by the killed node%n", done, locked);
      assertThat(done).as("killed before the work was done").isLessThan(CASES);
      assertThat(done + locked).as("killed while at work").isPositive();
    }
    try (ConfigurableApplicationContext rescuer = StandaloneApplication.start(dataDir, concat(shared,
        "camunda.bpm.process-engine-name=rescuer", "camunda.bpm.job-execution.enabled=true",
        "camunda.bpm.job-execution.wait-time-in-millis=100"))) {
      ProcessEngine engine = rescuer.getBean(ProcessEngine.class);
      long chases = waitFor(engine.getTaskService(), CASES, 120_000);
      Thread.sleep(1_000);
      long fired = engine.getHistoryService().createHistoricJobLogQuery().activityIdIn("Timer_FirstVisitOverdue")
          .successLog().count();
      System.out.printf("H2 crash: %d chases after restart, timers fired %d, lost %d, duplicates %d%n", chases, fired,
          Math.max(0, CASES - chases), Math.max(0, chases - CASES));
      assertThat(chases).isEqualTo(CASES);
      assertThat(fired).isEqualTo(CASES);
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("unplannedReturn").count())
          .isEqualTo(CASES);
    }
  }

  static String[] concat(String[] first, String... more) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
