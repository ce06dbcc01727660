package uk.localgov.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import uk.localgov.reunification.PostgresForTests;
import uk.localgov.reunification.StandaloneApplication;

/**
 * How fast and how lean the application is, each figure against a bare Camunda engine measured in
 * the same run on the same kind of database, so that a noisy machine changes both sides alike.
 * Run with {@code ./mvnw -Pbench verify}; knobs: {@code -Dbench.cases} (full cases per side, 200),
 * {@code -Dbench.active} (active cases for the task query, "1000,10000"; the largest is also the
 * timer burst), {@code -Dbench.databases} ("h2,postgres"), {@code -Dbench.starts} (start-ups per
 * side, 3). Results: printed, and written to {@code target/benchmark/results.md} and {@code .json}.
 */
class ReunificationBenchmark {

  static final int CASES = Integer.getInteger("bench.cases", 200);
  static final int[] ACTIVE = Arrays.stream(System.getProperty("bench.active", "1000,10000").split(","))
      .mapToInt(Integer::parseInt).toArray();
  static final List<String> DATABASES = List.of(System.getProperty("bench.databases", "h2,postgres").split(","));
  static final int STARTS = Integer.getInteger("bench.starts", 3);
  /** socialworker1's own open cases, whatever the total: a social worker's caseload, not a third of the service. */
  static final int CASELOAD = Integer.getInteger("bench.caseload", 20);
  /** The other social workers who hold the rest of the active cases, half in each team. */
  static final int WORKERS = Integer.getInteger("bench.workers", 200);
  static final int QUERIES = 300;
  /**
   * The social worker of the cases run with authorization checks off. With the checks off the
   * engine also leaves the grants of ended tasks in place, so these cases are kept away from
   * socialworker1, whose task query is measured.
   */
  static final String UNAUTHORIZED_WORKER = "socialworker2";
  /** Full cases run on one side before the other side runs as many. */
  static final int BLOCK = 10;
  static final ZoneId ENGLAND = ZoneId.of("Europe/London");
  static final String BURST_RETURN_DATE = "2026-01-05";

  final Results results = new Results();

  @Test
  void measureAgainstABareEngine() throws Exception {
    for (String database : DATABASES) {
      engineFigures(database);
      if (STARTS > 0) {
        startUpFigures(database);
      }
    }
    results.write(Path.of("target", "benchmark"));
  }

  // ---------------------------------------------------------------- the engine figures

  void engineFigures(String database) throws Exception {
    Path dir = Files.createTempDirectory("bench-" + database);
    List<String> properties = new ArrayList<>(List.of("spring.profiles.active=demo", "reunification.demo.cases=false",
        "logging.level.root=WARN"));
    if (database.equals("postgres")) {
      properties.set(0, "spring.profiles.active=demo,postgres");
      properties.addAll(List.of("spring.datasource.url=" + PostgresForTests.newDatabase("bench_project"),
          "spring.datasource.username=postgres", "spring.datasource.password=postgres",
          "camunda.bpm.database.schema-update=true", "camunda.bpm.metrics.db-reporter-activate=false"));
    }
    try (ConfigurableApplicationContext app = StandaloneApplication.start(dir, properties.toArray(String[]::new))) {
      ProcessEngine project = app.getBean(ProcessEngine.class);
      ProcessEngine bare = bareEngine(database, dir);
      try {
        BareModels.deploy(bare);
        throughput(database, new ProjectCases(project), new BareCases(bare));
        taskQueriesAndTimerBurst(database, new ProjectCases(project), new BareCases(bare));
      } finally {
        bare.close();
        ClockUtil.reset();
      }
    }
  }

  static ProcessEngine bareEngine(String database, Path dir) {
    ProcessEngineConfiguration configuration = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
        .setProcessEngineName("bare")
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setJobExecutorActivate(false);
    if (database.equals("postgres")) {
      configuration.setJdbcUrl(PostgresForTests.newDatabase("bench_bare")).setJdbcUsername("postgres")
          .setJdbcPassword("postgres").setJdbcDriver("org.postgresql.Driver").setDatabaseType("postgres");
    } else {
      configuration.setJdbcUrl("jdbc:h2:file:" + dir.resolve("bare") + ";DB_CLOSE_ON_EXIT=FALSE")
          .setJdbcUsername("sa").setJdbcPassword("").setJdbcDriver("org.h2.Driver");
    }
    ((ProcessEngineConfigurationImpl) configuration).setJdbcMaxActiveConnections(20);
    ((ProcessEngineConfigurationImpl) configuration).setDbMetricsReporterActivate(false);
    return configuration.buildProcessEngine();
  }

  /**
   * 1. Whole cases, start to the first Child in Need review, one after another; and, to show where
   * the difference lies, the project's cases with authorization checks off, and the rows each
   * case leaves in the database on either side.
   */
  void throughput(String database, ProjectCases project, BareCases bare) {
    for (int i = 0; i < 20; i++) { // warm up both
      String warm = "WARM-" + i;
      project.fullCase(warm);
      project.withoutAuthorization(() -> project.fullCase(warm + "-NA", UNAUTHORIZED_WORKER));
      bare.fullCase("WARM-" + i);
    }
    // in alternating blocks, so that whatever else the machine does slows each side alike
    long projectNanos = 0;
    long unauthorizedNanos = 0;
    long bareNanos = 0;
    long projectRows = 0;
    long bareRows = 0;
    for (int from = 0; from < CASES; from += BLOCK) {
      int first = from;
      int last = Math.min(CASES, from + BLOCK);
      long rowsBefore = rows(project.engine);
      projectNanos += time(() -> {
        for (int i = first; i < last; i++) {
          project.fullCase("TP-" + i);
        }
      });
      projectRows += rows(project.engine) - rowsBefore;
      unauthorizedNanos += time(() -> project.withoutAuthorization(() -> {
        for (int i = first; i < last; i++) {
          project.fullCase("TP-NA-" + i, UNAUTHORIZED_WORKER);
        }
      }));
      rowsBefore = rows(bare.engine);
      bareNanos += time(() -> {
        for (int i = first; i < last; i++) {
          bare.fullCase("TP-" + i);
        }
      });
      bareRows += rows(bare.engine) - rowsBefore;
    }
    double projectRate = CASES / (projectNanos / 1e9);
    double unauthorizedRate = CASES / (unauthorizedNanos / 1e9);
    double bareRate = CASES / (bareNanos / 1e9);
    results.add(database, "Full cases per second (start to first CiN review, " + CASES + " cases)",
        projectRate, bareRate, "cases/s", projectRate / bareRate, "at least 0.8 (rate: higher is better)");
    results.add(database, "Full cases per second, the project with authorization checks off",
        unauthorizedRate, bareRate, "cases/s", unauthorizedRate / bareRate, "- (what authorization checks cost)");
    double projectRowsPerCase = (double) projectRows / CASES;
    double bareRowsPerCase = (double) bareRows / CASES;
    results.add(database, "Database rows each full case leaves (history, grants, case data)",
        projectRowsPerCase, bareRowsPerCase, "rows", projectRowsPerCase / bareRowsPerCase, "- (lower is leaner)");
  }

  /** Every row in the engine's tables. */
  static long rows(ProcessEngine engine) {
    return engine.getManagementService().getTableCount().values().stream().mapToLong(Long::longValue).sum();
  }

  /** 3. One social worker's task query as active cases grow; 2. then every first-visit timer falls due at once. */
  void taskQueriesAndTimerBurst(String database, ProjectCases project, BareCases bare) throws Exception {
    project.hireSocialWorkers(WORKERS);
    int seeded = 0;
    for (int active : ACTIVE) {
      for (; seeded < active; seeded++) {
        String worker = seeded < CASELOAD ? "socialworker1" : "benchworker" + (seeded % WORKERS);
        project.activeCase("ACT-" + seeded, BURST_RETURN_DATE, worker);
      }
      double[] on = project.taskQueryLatency(true);
      double[] off = project.taskQueryLatency(false);
      results.add(database, "Task query p50, socialworker1 (" + CASELOAD + " cases), " + active
          + " active cases, authorization on",
          on[0], "authorization off", off[0], "ms", on[0] / off[0], "-");
      results.add(database, "Task query p95, socialworker1 (" + CASELOAD + " cases), " + active
          + " active cases, authorization on",
          on[1], "authorization off", off[1], "ms", on[1] / off[1], "under 50 ms; ratio at most 2");
    }
    if (!Boolean.parseBoolean(System.getProperty("bench.burst", "true"))) {
      return;
    }
    for (int i = 0; i < seeded; i++) {
      bare.timerCase("BURST-" + i, BURST_RETURN_DATE);
    }
    Date afterDue = Date.from(LocalDate.parse(BURST_RETURN_DATE).plusDays(8).atTime(9, 0).atZone(ENGLAND).toInstant());
    ClockUtil.setCurrentTime(afterDue);
    double projectSeconds = burst(project.engine, () -> project.chases());
    double bareSeconds = burst(bare.engine, () -> bare.chases());
    ClockUtil.reset();
    results.add(database, "Timer burst: " + seeded + " timers due at once, seconds until every chase exists",
        projectSeconds, bareSeconds, "s", projectSeconds / bareSeconds, "- (time: lower is better)");
  }

  /** Runs the engine's timers with a job executor like the application's, until every chase exists. */
  static double burst(ProcessEngine engine, LongSupplier chases) throws InterruptedException {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    long due = engine.getManagementService().createJobQuery().timers().duedateLowerThan(ClockUtil.getCurrentTime()).count();
    JobExecutor executor = new DefaultJobExecutor();
    executor.setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler());
    executor.registerProcessEngine(configuration.getProcessEngine());
    configuration.setJobExecutor(executor);
    long started = System.nanoTime();
    executor.start();
    try {
      long deadline = System.nanoTime() + Duration.ofMinutes(40).toNanos();
      while (chases.getAsLong() < due) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("timer burst did not finish in 40 minutes: " + chases.getAsLong() + " of " + due);
        }
        Thread.sleep(200);
      }
      return (System.nanoTime() - started) / 1e9;
    } finally {
      executor.shutdown();
      executor.unregisterProcessEngine(configuration.getProcessEngine());
    }
  }

  // ---------------------------------------------------------------- start-up and memory

  /**
   * 4. The application and a bare Camunda starter, each started in a JVM of its own: first on an
   * empty database (the application creates its schema, deploys its models, roles and filters),
   * then restarted on the same database, as every start after the first one is.
   */
  void startUpFigures(String database) throws Exception {
    Store projectStore = Store.create(database, true);
    Store bareStore = Store.create(database, false);
    double[] projectFirst = startOnce(database, true, projectStore);
    double[] bareFirst = startOnce(database, false, bareStore);
    List<double[]> project = new ArrayList<>();
    List<double[]> bare = new ArrayList<>();
    for (int i = 0; i < STARTS; i++) {
      project.add(startOnce(database, true, projectStore));
      bare.add(startOnce(database, false, bareStore));
    }
    double projectSeconds = median(project.stream().mapToDouble(s -> s[0]).toArray());
    double bareSeconds = median(bare.stream().mapToDouble(s -> s[0]).toArray());
    double projectMb = median(project.stream().mapToDouble(s -> s[1]).toArray());
    double bareMb = median(bare.stream().mapToDouble(s -> s[1]).toArray());
    results.add(database, "First start to healthy, on an empty database", projectFirst[0], bareFirst[0], "s",
        projectFirst[0] / bareFirst[0], "- (once per installation)");
    results.add(database, "Start-up to healthy, restart (median of " + STARTS + ")", projectSeconds, bareSeconds, "s",
        projectSeconds / bareSeconds, "at most 1.2");
    results.add(database, "Resident memory when healthy, restart (median of " + STARTS + ")", projectMb, bareMb, "MB",
        projectMb / bareMb, "at most 1.2");
  }

  /** Where one side's started applications keep their data, start after start. */
  record Store(Path dir, String url) {
    static Store create(String database, boolean project) throws IOException {
      Path dir = Files.createTempDirectory("bench-start");
      String url = database.equals("postgres")
          ? PostgresForTests.newDatabase(project ? "start_project" : "start_bare")
          : "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE";
      return new Store(dir, url);
    }
  }

  static double[] startOnce(String database, boolean project, Store store) throws Exception {
    Path dir = store.dir();
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path")));
    String url = store.url();
    if (project) {
      command.addAll(List.of("uk.localgov.reunification.ReunificationApplication",
          "--reunification.data-dir=" + dir, "--reunification.admin.id=benchadmin",
          "--reunification.admin.password=Bench-Admin-2026-long!"));
      if (database.equals("postgres")) {
        command.addAll(List.of("--spring.profiles.active=postgres", "--camunda.bpm.database.schema-update=true"));
      }
    } else {
      // nothing to deploy: the classpath it shares holds the project's diagrams
      // nor its Flyway migration (the project's own table), which the shared classpath also holds
      command.addAll(List.of(BareStarterApplication.class.getName(), "--spring.config.name=bare",
          "--camunda.bpm.auto-deployment-enabled=false", "--spring.flyway.enabled=false"));
    }
    command.addAll(List.of("--server.port=" + port, "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + (database.equals("postgres") ? "postgres" : "sa"),
        "--spring.datasource.password=" + (database.equals("postgres") ? "postgres" : ""),
        "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
    Path log = dir.resolve("out.log");
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (true) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException((project ? "application" : "bare starter") + " did not become healthy: "
              + String.join("\n", Files.readAllLines(log)));
        }
        try {
          HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
              URI.create("http://localhost:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
          if (answer.statusCode() == 200 && answer.body().contains("UP")) {
            break;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(100);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Thread.sleep(3000); // settle: what is resident once start-up's work is done
      double megabytes = residentKilobytes(process.pid()) / 1024.0;
      return new double[] {seconds, megabytes};
    } finally {
      process.destroy();
      process.waitFor();
    }
  }

  static long residentKilobytes(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
        .filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("[^0-9]", ""))
        .mapToLong(Long::parseLong).findFirst().orElseThrow();
  }

  static int freePort() throws IOException {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  // ---------------------------------------------------------------- the two kinds of case

  interface Cases {
    void fullCase(String childId);
  }

  /** The project's real models, driven as their people would, with authorization on. */
  static final class ProjectCases implements Cases {
    final ProcessEngine engine;
    final Map<String, List<String>> groups = new HashMap<>();

    ProjectCases(ProcessEngine engine) {
      this.engine = engine;
    }

    Map<String, Object> child(String childId, String returnDate, String socialWorker) {
      return uk.localgov.reunification.casework.Cases.with(
          uk.localgov.reunification.casework.Cases.careOrderChild(childId), "socialWorker", socialWorker, "returnDate", returnDate,
          "returnReason", "PLACEMENT_BREAKDOWN");
    }

    @Override
    public void fullCase(String childId) {
      fullCase(childId, "socialworker1");
    }

    /** A whole case whose social worker is this worker. */
    void fullCase(String childId, String worker) {
      String today = LocalDate.now(ENGLAND).toString();
      as(worker, () -> engine.getRuntimeService().startProcessInstanceByKey("unplannedReturn", childId,
          child(childId, today, worker)));
      complete(childId, "completeReturnPlan", worker, Map.of("returnPlan", "Outreach team daily; school"));
      complete(childId, "firstHomeVisit", worker, Map.of("visitDate", today, "childWishesAndFeelings",
          "Glad to be home", "parentView", "Coping", "welfareSafeguarded", true));
      complete(childId, "returnReview", "iro1", Map.of("reviewNotes", "Plan agreed"));
      complete(childId, "ratifyDecision", "headofservice1", Map.of("ratificationDecision", "RATIFIED",
          "childWishesConsidered", true, "iroConsulted", true, "relativesConsulted", true, "carersConsulted", true));
      engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(childId).list()
          .forEach(instance -> engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
              .activityId("CallActivity_OngoingSupport").list().forEach(job -> engine.getManagementService().executeJob(job.getId())));
      complete(childId, "allocateCinCoordinator", "iro1", Map.of("cinCoordinator", "cincoordinator1"));
      complete(childId, "supportReview", "cincoordinator1", Map.of("supportOutcome", "STEP_DOWN_TO_UNIVERSAL",
          "reviewNotes", "Settled"));
    }

    /** Social workers benchworker0, 1, … in Team North and Team South, beside the demo's. */
    void hireSocialWorkers(int count) {
      IdentityService identity = engine.getIdentityService();
      for (int i = 0; i < count; i++) {
        String id = "benchworker" + i;
        if (identity.createUserQuery().userId(id).count() == 0) {
          org.camunda.bpm.engine.identity.User user = identity.newUser(id);
          user.setFirstName("Bench");
          user.setLastName("Worker " + i);
          user.setPassword("Bench-Worker-2026-" + i);
          identity.saveUser(user);
          identity.createMembership(id, "socialworkers");
          identity.createMembership(id, i % 2 == 0 ? "teamnorth" : "teamsouth");
        }
      }
    }

    /** A case waiting for its plan and first visit. */
    void activeCase(String childId, String returnDate, String worker) {
      as(worker, () -> engine.getRuntimeService().startProcessInstanceByKey("unplannedReturn", childId,
          child(childId, returnDate, worker)));
    }

    long chases() {
      return engine.getTaskService().createTaskQuery().taskDefinitionKey("chaseOverdueWork").count();
    }

    /** Tasklist's "My tasks" for socialworker1: the first page and the count; p50 and p95 in ms. */
    double[] taskQueryLatency(boolean authorization) {
      double[][] percentiles = new double[1][];
      Runnable measure = () -> percentiles[0] = myTasksLatency();
      if (authorization) {
        measure.run();
      } else {
        withoutAuthorization(measure);
      }
      return percentiles[0];
    }

    private double[] myTasksLatency() {
      double[] millis = new double[QUERIES];
      for (int i = -50; i < QUERIES; i++) {
        long nanos = time(() -> as("socialworker1", () -> {
          engine.getTaskService().createTaskQuery().taskAssignee("socialworker1").orderByTaskCreateTime().desc()
              .listPage(0, 15);
          return engine.getTaskService().createTaskQuery().taskAssignee("socialworker1").count();
        }));
        if (i >= 0) {
          millis[i] = nanos / 1e6;
        }
      }
      Arrays.sort(millis);
      return new double[] {millis[QUERIES / 2], millis[(int) Math.ceil(QUERIES * 0.95) - 1]};
    }

    /** Runs the work with the engine's authorization checks off (the grants are still written). */
    void withoutAuthorization(Runnable work) {
      ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
      configuration.setAuthorizationEnabled(false);
      try {
        work.run();
      } finally {
        configuration.setAuthorizationEnabled(true);
      }
    }

    void complete(String childId, String taskKey, String user, Map<String, Object> variables) {
      as(user, () -> {
        Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(childId)
            .taskDefinitionKey(taskKey).singleResult();
        engine.getTaskService().complete(task.getId(), variables);
        return null;
      });
    }

    <T> T as(String user, java.util.function.Supplier<T> work) {
      IdentityService identity = engine.getIdentityService();
      List<String> memberOf = groups.computeIfAbsent(user, u -> identity.createGroupQuery().groupMember(u).list()
          .stream().map(Group::getId).toList());
      identity.setAuthentication(user, memberOf);
      try {
        return work.get();
      } finally {
        identity.clearAuthentication();
      }
    }
  }

  /** Processes of the same shape on a bare engine: no listeners, decisions or authorization. */
  static final class BareCases implements Cases {
    final ProcessEngine engine;

    BareCases(ProcessEngine engine) {
      this.engine = engine;
    }

    @Override
    public void fullCase(String childId) {
      engine.getRuntimeService().startProcessInstanceByKey("bareCase", childId, Map.of("childId", childId));
      for (String taskKey : BareModels.CASE_TASKS) {
        if (taskKey.equals(BareModels.ASYNC_TASK)) {
          for (Job job : engine.getManagementService().createJobQuery().processInstanceId(
              engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(childId)
                  .singleResult().getId()).messages().list()) {
            engine.getManagementService().executeJob(job.getId());
          }
        }
        Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(childId)
            .taskDefinitionKey(taskKey).singleResult();
        engine.getTaskService().complete(task.getId(), Map.of("done", true));
      }
    }

    void timerCase(String childId, String returnDate) {
      Date due = Date.from(LocalDate.parse(returnDate).plusDays(7).atTime(23, 59, 59).atZone(ENGLAND).toInstant());
      engine.getRuntimeService().startProcessInstanceByKey("bareTimer", childId, Map.of("due", due));
    }

    long chases() {
      return engine.getTaskService().createTaskQuery().taskDefinitionKey("chase").count();
    }
  }

  /** The bare engine's processes, made with Camunda's model API. */
  static final class BareModels {
    static final List<String> CASE_TASKS = List.of("plan", "visit", "review", "ratify", "allocate", "cinReview");
    static final String ASYNC_TASK = "allocate";

    static void deploy(ProcessEngine engine) {
      // Six user tasks, four timers (first visit, review, CiN review, weekly progress) and one asynchronous
      // step, like an unplanned return from start to the first Child in Need review.
      BpmnModelInstance wholeCase = Bpmn.createExecutableProcess("bareCase").camundaHistoryTimeToLive(3650)
          .startEvent()
          .userTask("plan").camundaAssignee("worker")
          .userTask("visit").camundaAssignee("worker")
          .boundaryEvent("visitDue").cancelActivity(false).timerWithDuration("P7D").endEvent()
          .moveToActivity("visit").userTask("review").camundaAssignee("iro")
          .boundaryEvent("reviewDue").cancelActivity(false).timerWithDuration("P20D").endEvent()
          .moveToActivity("review").userTask("ratify").camundaCandidateGroups("headofservice")
          .userTask("allocate").camundaAssignee("iro").camundaAsyncBefore()
          .userTask("cinReview").camundaAssignee("coordinator")
          .boundaryEvent("cinReviewDue").cancelActivity(false).timerWithDuration("P42D").endEvent()
          .moveToActivity("cinReview").boundaryEvent("progressDue").cancelActivity(false).timerWithDuration("P7D").endEvent()
          .moveToActivity("cinReview").endEvent()
          .done();
      // A statutory timer that, once due, gives a manager a task.
      BpmnModelInstance timer = Bpmn.createExecutableProcess("bareTimer").camundaHistoryTimeToLive(3650)
          .startEvent()
          .userTask("visit").camundaAssignee("worker")
          .boundaryEvent("visitDue").cancelActivity(false).timerWithDate("${due}")
          .userTask("chase").camundaAssignee("manager").endEvent()
          .moveToActivity("visit").endEvent()
          .done();
      engine.getRepositoryService().createDeployment().addModelInstance("bare-case.bpmn", wholeCase)
          .addModelInstance("bare-timer.bpmn", timer).deploy();
    }
  }

  // ---------------------------------------------------------------- figures

  static long time(Runnable work) {
    long started = System.nanoTime();
    work.run();
    return System.nanoTime() - started;
  }

  static long time(java.util.function.Supplier<?> work) {
    long started = System.nanoTime();
    work.get();
    return System.nanoTime() - started;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** Every figure with its bare counterpart and ratio, printed and written as Markdown and JSON. */
  static final class Results {
    record Row(String database, String figure, double project, String against, double bare, String unit, double ratio,
        String target) {
    }

    final List<Row> rows = new ArrayList<>();

    void add(String database, String figure, double project, double bare, String unit, double ratio, String target) {
      add(database, figure, project, "bare engine", bare, unit, ratio, target);
    }

    void add(String database, String figure, double project, String against, double bare, String unit, double ratio,
        String target) {
      Row row = new Row(database, figure, project, against, bare, unit, ratio, target);
      rows.add(row);
      System.out.printf("BENCHMARK %-8s %-80s project %9.2f %-6s %s %9.2f %-6s ratio %6.2f  (target: %s)%n",
          database, figure, project, unit, against, bare, unit, ratio, target);
    }

    void write(Path dir) throws IOException {
      Files.createDirectories(dir);
      StringBuilder markdown = new StringBuilder();
      Runtime runtime = Runtime.getRuntime();
      markdown.append("Machine: ").append(runtime.availableProcessors()).append(" cores, ")
          .append(Long.parseLong(Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("[^0-9]", ""))
              / 1024 / 1024).append(" GiB")
          .append(" RAM, Java ").append(System.getProperty("java.version")).append(", ")
          .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
          .append(", ").append(java.time.LocalDate.now()).append("\n\n");
      markdown.append("| database | figure | project | against | ratio | target |\n|---|---|---:|---:|---:|---|\n");
      StringBuilder json = new StringBuilder("[\n");
      for (Row row : rows) {
        markdown.append(String.format(java.util.Locale.ROOT, "| %s | %s | %.2f %s | %s: %.2f %s | %.2f | %s |%n",
            row.database(), row.figure(), row.project(), row.unit(), row.against(), row.bare(), row.unit(), row.ratio(),
            row.target()));
        json.append(String.format(java.util.Locale.ROOT,
            "  {\"database\": \"%s\", \"figure\": \"%s\", \"project\": %.3f, \"against\": \"%s\", \"baseline\": %.3f, \"unit\": \"%s\", \"ratio\": %.3f, \"target\": \"%s\"},%n",
            row.database(), row.figure(), row.project(), row.against(), row.bare(), row.unit(), row.ratio(), row.target()));
      }
      if (!rows.isEmpty()) {
        json.setLength(json.length() - 2);
        json.append('\n');
      }
      json.append("]\n");
      Files.writeString(dir.resolve("results.md"), markdown);
      Files.writeString(dir.resolve("results.json"), json);
      System.out.println(markdown);
    }
  }
}
