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
import java.util.LinkedHashMap;
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
import org.camunda.bpm.engine.management.Metrics;
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
 * side, 3), {@code -Dbench.shared} (on PostgreSQL, active cases held by one authority and by two, 10000; 0: not measured,
 * {@link SharedPlatform}), {@code -Dbench.burst=false} (no timer burst), and on PostgreSQL: {@code -Dbench.load=false} (no HTTP load
 * run), {@code -Dbench.load.users} (50), {@code -Dbench.load.seconds} (the run with pauses, 180),
 * {@code -Dbench.load.closedSeconds} (each closed loop, 60), {@code -Dbench.pastCases} (the past cases of the two
 * workers compared, "5,200"; empty: not measured), {@code -Dbench.oversight} (the active cases at which the
 * dashboard is timed, "10000"; "10000,50000" seeds 40,000 more, about 20 minutes). Results: printed, and written to
 * {@code target/benchmark/results.md} and {@code .json}; the Gatling reports to {@code target/gatling}, the plans of
 * the task query to {@code target/benchmark/explain-*.txt}.
 */
class ReunificationBenchmark {

  static final int CASES = Integer.getInteger("bench.cases", 200);
  static final int[] ACTIVE = Arrays.stream(System.getProperty("bench.active", "1000,10000").split(","))
      .mapToInt(Integer::parseInt).toArray();
  static final List<String> DATABASES = List.of(System.getProperty("bench.databases", "h2,postgres").split(","));
  static final int STARTS = Integer.getInteger("bench.starts", 5);
  /** The active cases held by one authority, and by two of half as many each ({@link SharedPlatform}); 0: not measured. */
  static final int SHARED = Integer.getInteger("bench.shared", 10000);
  /** socialworker1's own open cases, whatever the total: a social worker's caseload, not a third of the service. */
  static final int CASELOAD = Integer.getInteger("bench.caseload", 20);
  /** The other social workers who hold the rest of the active cases, half in each team. */
  static final int WORKERS = Integer.getInteger("bench.workers", 200);
  static final int QUERIES = 300;
  /** The task query's blocks, on and off in turn, for the spread. */
  static final int QUERY_BLOCKS = 5;
  /** The HTTP load run (Gatling) on PostgreSQL: on unless -Dbench.load=false. */
  static final boolean LOAD = Boolean.parseBoolean(System.getProperty("bench.load", "true"));
  static final int LOAD_USERS = Integer.getInteger("bench.load.users", 50);
  static final int LOAD_SECONDS = Integer.getInteger("bench.load.seconds", 180);
  static final int CLOSED_SECONDS = Integer.getInteger("bench.load.closedSeconds", 60);
  /** The past cases of the two workers whose task queries are compared ("5,200"; empty: not measured). */
  /** The active cases at which the oversight dashboard's request is timed on PostgreSQL ("10000,50000"; empty: not). */
  static final int[] OVERSIGHT = Arrays.stream(System.getProperty("bench.oversight", "10000,50000").split(","))
      .filter(text -> !text.isBlank()).mapToInt(Integer::parseInt).toArray();
  static final int[] PAST_CASES = Arrays.stream(System.getProperty("bench.pastCases", "5,200").split(","))
      .filter(text -> !text.isBlank()).mapToInt(Integer::parseInt).toArray();
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
      // on PostgreSQL, the platform a co-operative would run (on H2 two files of 10,000 cases each outgrow 2 GB)
      if (SHARED > 0 && database.equals("postgres")) {
        new SharedPlatform(database, results).measure(SHARED);
      }
    }
    results.write(Path.of("target", "benchmark"));
    // the run, not ./mvnw verify, fails on a missed target or a failed request: written first, then named
    List<String> missed = results.missed();
    if (!missed.isEmpty()) {
      org.junit.jupiter.api.Assertions.fail("The benchmark missed " + missed.size() + " of its targets (results in"
          + " target/benchmark/results.md):\n- " + String.join("\n- ", missed));
    }
  }

  // ---------------------------------------------------------------- the engine figures

  void engineFigures(String database) throws Exception {
    seeded = 0; // each database's active cases are its own
    Path dir = Files.createTempDirectory("bench-" + database);
    // the engine named "default", which /engine-rest answers for (the load run); nothing else runs in this JVM
    List<String> properties = new ArrayList<>(List.of("spring.profiles.active=demo", "reunification.demo.cases=false",
        "logging.level.root=WARN", "camunda.bpm.process-engine-name=default",
        // Tasklist itself, which the load run signs in to (one application at a time in this JVM)
        "camunda.bpm.webapp.enabled=true",
        // one authority, as a single council's install (the demo lists two; SharedPlatform measures them)
        "reunification.authorities[0].id=northshire", "reunification.authorities[0].name=Northshire Council"));
    if (database.equals("postgres")) {
      properties.set(0, "spring.profiles.active=demo,postgres");
      properties.addAll(List.of("spring.datasource.url=" + PostgresForTests.newDatabase("bench_project"),
          "spring.datasource.username=postgres", "spring.datasource.password=postgres",
          "camunda.bpm.database.schema-update=true", "camunda.bpm.metrics.db-reporter-activate=false"));
    }
    try (ConfigurableApplicationContext app = StandaloneApplication.start(dir, properties.toArray(String[]::new))) {
      ProcessEngine project = app.getBean(ProcessEngine.class);
      String bareUrl = database.equals("postgres") ? PostgresForTests.newDatabase("bench_bare")
          : "jdbc:h2:file:" + dir.resolve("bare") + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256"; // as the application's
      ProcessEngine bare = bareEngine(database, bareUrl);
      try {
        BareModels.deploy(bare);
        ProjectCases projectCases = new ProjectCases(project);
        BareCases bareCases = new BareCases(bare);
        throughput(database, projectCases, bareCases);
        taskQueries(database, projectCases);
        if (database.equals("postgres") && LOAD) {
          loadFigures(database, app, projectCases, bareCases, bareUrl);
        }
        if (database.equals("postgres") && PAST_CASES.length > 0) {
          pastCases(database, projectCases);
        }
        // the burst at the largest task-query size; the oversight's cases grow past it
        if (Boolean.parseBoolean(System.getProperty("bench.burst", "true"))) {
          timerBurst(database, projectCases, bareCases);
        }
        if (database.equals("postgres") && OVERSIGHT.length > 0) {
          oversight(database, app, projectCases);
        }
      } finally {
        bare.close();
        ClockUtil.reset();
      }
    }
  }

  static ProcessEngine bareEngine(String database, String url) {
    ProcessEngineConfiguration configuration = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
        .setProcessEngineName("bare")
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setJobExecutorActivate(false);
    if (database.equals("postgres")) {
      configuration.setJdbcUrl(url).setJdbcUsername("postgres")
          .setJdbcPassword("postgres").setJdbcDriver("org.postgresql.Driver").setDatabaseType("postgres");
    } else {
      configuration.setJdbcUrl(url)
          .setJdbcUsername("sa").setJdbcPassword("").setJdbcDriver("org.h2.Driver");
    }
    // the project's pool: 20 on PostgreSQL (application-postgres.yaml), Hikari's default 10 on H2
    ((ProcessEngineConfigurationImpl) configuration).setJdbcMaxActiveConnections(database.equals("postgres") ? 20 : 10);
    ((ProcessEngineConfigurationImpl) configuration).setDbMetricsReporterActivate(false);
    // the project's job acquisition (application.yaml): the jobs due soonest first, every job with a due date
    ((ProcessEngineConfigurationImpl) configuration).setJobExecutorAcquireByDueDate(true);
    configuration.setEnsureJobDueDateNotNull(true);
    // the project's variables include Spin JSON values: the same-work case stores them too
    ((ProcessEngineConfigurationImpl) configuration).getProcessEnginePlugins()
        .add(new org.camunda.spin.plugin.impl.SpinProcessEnginePlugin());
    ProcessEngine engine = configuration.buildProcessEngine();
    // the indexes the project gives its database (engine/EngineIndexes), given to the baseline too
    try (java.sql.Connection connection = ((ProcessEngineConfigurationImpl) configuration).getDataSource().getConnection();
        java.sql.Statement statement = connection.createStatement()) {
      for (String create : uk.localgov.reunification.engine.EngineIndexes.statements(
          connection.getMetaData().getDatabaseProductName())) {
        statement.execute(create);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("the baseline's indexes", e);
    }
    return engine;
  }

  /**
   * 1. Whole cases, start to the first Child in Need review, one after another; and, to show where
   * the difference lies, the project's cases with authorization checks off, and the rows each
   * case leaves in the database on either side.
   */
  void throughput(String database, ProjectCases project, BareCases bare) {
    SameWork.Recorder recorder = new SameWork.Recorder(project.engine);
    project.fullCase("RECORDED", "socialworker1", recorder::step);
    SameWork.Recording recording = recorder.done();
    System.out.println("BENCHMARK same-work recording, variable writes per step: " + SameWork.summary(recording));
    SameWork same = new SameWork(bare.engine, recording, Path.of("processes"));
    for (int i = 0; i < 20; i++) { // warm up all
      String warm = "WARM-" + i;
      project.fullCase(warm);
      project.withoutAuthorization(() -> project.fullCase(warm + "-NA", UNAUTHORIZED_WORKER));
      bare.fullCase("WARM-" + i);
      same.fullCase("WARM-SAME-" + i);
    }
    // in alternating blocks, so that whatever else the machine does slows each side alike
    long projectNanos = 0;
    long unauthorizedNanos = 0;
    long bareNanos = 0;
    long sameNanos = 0;
    long projectRows = 0;
    long bareRows = 0;
    long sameRows = 0;
    // each block's ratio (the same cases, one side after the other): the spread, and the median quoted
    List<Double> againstSame = new ArrayList<>();
    List<Double> uncheckedAgainstSame = new ArrayList<>();
    List<Double> againstBare = new ArrayList<>();
    List<Double> uncheckedAgainstBare = new ArrayList<>();
    for (int from = 0; from < CASES; from += BLOCK) {
      int first = from;
      int last = Math.min(CASES, from + BLOCK);
      long rowsBefore = rows(project.engine);
      long projectBlock = time(() -> {
        for (int i = first; i < last; i++) {
          project.fullCase("TP-" + i);
        }
      });
      projectRows += rows(project.engine) - rowsBefore;
      long uncheckedBlock = time(() -> project.withoutAuthorization(() -> {
        for (int i = first; i < last; i++) {
          project.fullCase("TP-NA-" + i, UNAUTHORIZED_WORKER);
        }
      }));
      rowsBefore = rows(bare.engine);
      long bareBlock = time(() -> {
        for (int i = first; i < last; i++) {
          bare.fullCase("TP-" + i);
        }
      });
      bareRows += rows(bare.engine) - rowsBefore;
      rowsBefore = rows(bare.engine);
      long sameBlock = time(() -> {
        for (int i = first; i < last; i++) {
          same.fullCase("TP-SAME-" + i);
        }
      });
      sameRows += rows(bare.engine) - rowsBefore;
      projectNanos += projectBlock;
      unauthorizedNanos += uncheckedBlock;
      bareNanos += bareBlock;
      sameNanos += sameBlock;
      // a rate's ratio is the inverse of the times'
      againstSame.add((double) sameBlock / projectBlock);
      uncheckedAgainstSame.add((double) sameBlock / uncheckedBlock);
      againstBare.add((double) bareBlock / projectBlock);
      uncheckedAgainstBare.add((double) bareBlock / uncheckedBlock);
    }
    double projectRate = CASES / (projectNanos / 1e9);
    double sameRate = CASES / (sameNanos / 1e9);
    Spread same1 = Spread.of(againstSame);
    results.add(database, "Full cases per second against the same-work bare engine (same shape, variables, decisions; "
        + same1 + " blocks)", projectRate, "same-work bare engine", sameRate, "cases/s", same1.median(), "at least 0.7");
    Spread same2 = Spread.of(uncheckedAgainstSame);
    results.add(database, "Full cases per second, authorization checks off, against the same-work bare engine ("
        + same2 + " blocks)", CASES / (unauthorizedNanos / 1e9), "same-work bare engine", sameRate, "cases/s",
        same2.median(), "- (what the checks cost)");
    double unauthorizedRate = CASES / (unauthorizedNanos / 1e9);
    double bareRate = CASES / (bareNanos / 1e9);
    Spread bare1 = Spread.of(againstBare);
    results.add(database, "Full cases per second (start to first CiN review, " + CASES + " cases; " + bare1 + " blocks)",
        projectRate, bareRate, "cases/s", bare1.median(), "at least 0.8 (rate: higher is better)");
    Spread bare2 = Spread.of(uncheckedAgainstBare);
    results.add(database, "Full cases per second, the project with authorization checks off (" + bare2 + " blocks)",
        unauthorizedRate, bareRate, "cases/s", bare2.median(), "- (what authorization checks cost)");
    double projectRowsPerCase = (double) projectRows / CASES;
    double bareRowsPerCase = (double) bareRows / CASES;
    results.add(database, "Database rows each full case leaves (history, grants, case data, the project's own tables)",
        projectRowsPerCase, bareRowsPerCase, "rows", projectRowsPerCase / bareRowsPerCase, "- (lower is leaner)");
    double sameRowsPerCase = (double) sameRows / CASES;
    // where the rows differ, table by table: one more case on each side
    Map<String, Long> projectBefore = tableCounts(project.engine);
    project.fullCase("ROWS-PROJECT");
    Map<String, Long> projectAfter = tableCounts(project.engine);
    Map<String, Long> sameBefore = bare.engine.getManagementService().getTableCount();
    same.fullCase("ROWS-SAME");
    Map<String, Long> sameAfter = bare.engine.getManagementService().getTableCount();
    StringBuilder byTable = new StringBuilder("BENCHMARK " + database + " rows of one case by table (project / same-work bare):");
    new java.util.TreeSet<>(projectAfter.keySet()).forEach(table -> {
      long p = projectAfter.get(table) - projectBefore.getOrDefault(table, 0L);
      long b = sameAfter.getOrDefault(table, 0L) - sameBefore.getOrDefault(table, 0L);
      if (p != 0 || b != 0) {
        byTable.append(' ').append(table).append(' ').append(p).append('/').append(b);
      }
    });
    System.out.println(byTable);
    results.notes.add(byTable.substring("BENCHMARK ".length()));
    results.add(database, "Database rows each full case leaves, against the same-work bare engine",
        projectRowsPerCase, "same-work bare engine", sameRowsPerCase, "rows", projectRowsPerCase / sameRowsPerCase,
        "- (the difference: grants, operation log, what listeners add)");
  }

  /** The project's own tables (db/migration), counted with the engine's where the database has them. */
  static final List<String> OWN_TABLES = List.of("CHILD_CASE_LOCK", "CASE_READ_LOG", "UNIT_COSTS");

  /** Every row in the engine's tables and the project's own. */
  static long rows(ProcessEngine engine) {
    return tableCounts(engine).values().stream().mapToLong(Long::longValue).sum();
  }

  /** The rows of each of the engine's tables, and of the project's own where the database has them. */
  static Map<String, Long> tableCounts(ProcessEngine engine) {
    Map<String, Long> counts = new HashMap<>(engine.getManagementService().getTableCount());
    try (java.sql.Connection connection = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getDataSource().getConnection()) {
      for (String table : OWN_TABLES) {
        try (java.sql.ResultSet found = connection.getMetaData().getTables(null, null, table, null);
            java.sql.ResultSet foundLower = connection.getMetaData().getTables(null, null, table.toLowerCase(), null)) {
          if (!found.next() && !foundLower.next()) {
            continue;
          }
        }
        try (java.sql.Statement statement = connection.createStatement();
            java.sql.ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
          count.next();
          counts.put(table, count.getLong(1));
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("counting the project's own tables", e);
    }
    return counts;
  }

  /** 3. One social worker's task query as active cases grow. */
  int seeded;

  void taskQueries(String database, ProjectCases project) throws InterruptedException {
    project.hireSocialWorkers(WORKERS);
    for (int active : ACTIVE) {
      seedActiveCases(project, active);
      // in blocks, on and off in turn: the p50 and p95 of every query, and the spread of the blocks' p95 ratios
      List<Double> onMillis = new ArrayList<>();
      List<Double> offMillis = new ArrayList<>();
      List<Double> p95Ratios = new ArrayList<>();
      for (int block = 0; block < QUERY_BLOCKS; block++) {
        double[] on = project.taskQueryMillis(true, QUERIES / QUERY_BLOCKS);
        double[] off = project.taskQueryMillis(false, QUERIES / QUERY_BLOCKS);
        Arrays.stream(on).forEach(onMillis::add);
        Arrays.stream(off).forEach(offMillis::add);
        p95Ratios.add(percentile(on, 0.95) / percentile(off, 0.95));
      }
      double[] on = onMillis.stream().mapToDouble(Double::doubleValue).toArray();
      double[] off = offMillis.stream().mapToDouble(Double::doubleValue).toArray();
      Spread spread = Spread.of(p95Ratios);
      results.add(database, "Task query p50, socialworker1 (" + CASELOAD + " cases), " + active
          + " active cases, authorization on",
          percentile(on, 0.5), "authorization off", percentile(off, 0.5), "ms",
          percentile(on, 0.5) / percentile(off, 0.5), "-");
      results.add(database, "Task query p95, socialworker1 (" + CASELOAD + " cases), " + active
          + " active cases, authorization on (p95 " + spread + " blocks)",
          percentile(on, 0.95), "authorization off", percentile(off, 0.95), "ms", spread.median(),
          "under 50 ms; ratio at most 2");
    }
  }

  /**
   * The project's active cases up to this many, started by four threads at once (seeding only:
   * what is measured runs after it).
   */
  void seedActiveCases(ProjectCases project, int upTo) throws InterruptedException {
    if (seeded < upTo) {
      SharedPlatform.seed(project, seeded, upTo);
      seeded = upTo;
    }
  }

  /** Who holds active case number i: socialworker1 the first few, then the bench workers in turn. */
  static String activeWorker(int i) {
    return i < CASELOAD ? "socialworker1" : "benchworker" + (i % WORKERS);
  }

  /** 2. Every first-visit timer of the active cases falls due at once. */
  void timerBurst(String database, ProjectCases project, BareCases bare) throws Exception {
    Date afterDue = Date.from(LocalDate.parse(BURST_RETURN_DATE).plusDays(8).atTime(9, 0).atZone(ENGLAND).toInstant());
    long projectDue = dueTimers(project.engine, afterDue);
    // as many bare timers (two a case) as the project has due: the load run before it has done some of its cases' work
    for (int i = 0; i < (projectDue + 1) / 2; i++) {
      bare.timerCase("BURST-" + i, BURST_RETURN_DATE);
    }
    ClockUtil.setCurrentTime(afterDue);
    long bareDue = dueTimers(bare.engine, afterDue);
    System.out.println("BENCHMARK " + database + " timer burst: " + projectDue + " due on the project's side (by timer: "
        + dueTimersByActivity(project.engine, afterDue) + "), " + bareDue + " on the bare engine's; the project's first");
    if (Math.abs(projectDue - bareDue) > 1) {
      throw new IllegalStateException("the timer burst is not the same work: " + projectDue + " timers due on the project's side, "
          + bareDue + " on the bare engine's");
    }
    double[] projectTimes = burst(project.engine, () -> project.chases());
    double[] bareTimes = burst(bare.engine, () -> bare.chases());
    ClockUtil.reset();
    // the burst's blocks: the time each fifth of the chases took, side against side
    List<Double> ratios = new ArrayList<>();
    for (int block = 1; block < projectTimes.length; block++) {
      if (projectTimes[block] > 0 && bareTimes[block] > 0) { // a fifth ends between two looks only in a tiny run
        ratios.add(projectTimes[block] / bareTimes[block]);
      }
    }
    if (ratios.isEmpty()) {
      ratios.add(projectTimes[0] / bareTimes[0]);
    }
    System.out.println("BENCHMARK " + database + " timer burst by fifth of the chases, s: project "
        + Arrays.toString(Arrays.copyOfRange(projectTimes, 1, projectTimes.length)) + ", bare "
        + Arrays.toString(Arrays.copyOfRange(bareTimes, 1, bareTimes.length)));
    results.add(database, "Timer burst: " + projectDue + " timers due at once (" + seeded + " cases), seconds until every chase exists"
        + " (" + Spread.of(ratios) + " fifths of the chases)", projectTimes[0], bareTimes[0], "s", projectTimes[0] / bareTimes[0],
        "at most 2 (time: lower is better)");
  }

  // ---------------------------------------------------------------- many people at once, over HTTP

  /**
   * 5. Caseworkers over HTTP (Gatling, {@link CaseworkersSimulation}) against the running
   * application with the active cases above: first {@code bench.load.users} of them acting as
   * people do, with pauses (open run, {@code bench.load.seconds}); then the same mix with no pause
   * (closed loop, other workers, {@code bench.load.closedSeconds}); then the task query alone in a
   * closed loop, against the application and against the bare starter (its own JVM, authorization
   * off, no credentials) on a database holding the same number of open tasks, across the same workers.
   */
  void loadFigures(String database, ConfigurableApplicationContext app, ProjectCases project, BareCases bare,
      String bareUrl) throws Exception {
    String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
    String filter = project.engine.getFilterService().createFilterQuery().filterName("My tasks").singleResult().getId();
    for (int i = 0; i < seeded; i++) {
      bare.activeCase("ACT-" + i, activeWorker(i));
    }
    int users = LOAD_USERS;
    warmUp(base, filter);
    firstWorkerSeesTheirTasks(base, filter, project);
    Map<String, LoadRun.Stats> open = LoadRun.run("open", Map.of("load.baseUrl", base, "load.users", "" + users,
        "load.firstWorker", "0", "load.seconds", "" + LOAD_SECONDS, "load.pause", "true", "load.mix", "casework",
        "load.filter", filter));
    String people = users + " caseworkers in Tasklist with pauses, " + seeded + " active cases, " + LOAD_SECONDS + " s";
    httpRow(database, "HTTP, " + people + ": sign in (login form)", open.get("Sign in: log in"), 0);
    httpRow(database, "HTTP, " + people + ": filter list with counts", open.get("Filters with counts"), 0);
    httpRow(database, "HTTP, " + people + ": My tasks, list (filter page of 15)", open.get("My tasks: list"), 100);
    httpRow(database, "HTTP, " + people + ": My tasks, count", open.get("My tasks: count"), 100);
    httpRow(database, "HTTP, " + people + ": open task, deployed form", open.get("Open task: deployed form"), 0);
    httpRow(database, "HTTP, " + people + ": open task, form variables", open.get("Open task: form variables"), 0);
    httpRow(database, "HTTP, " + people + ": Case tab, chronology", open.get("Case tab: chronology"), 0);
    httpRow(database, "HTTP, " + people + ": complete task (submit form)", open.get("Complete task"), 300);
    LoadRun.Stats all = open.get("All");
    results.add(database, "HTTP, " + people + ": failed requests of " + all.total() + " (against: throughput)",
        all.failed(), "requests/s", all.perSecond(), "", (double) all.failed() / all.total(), "no failures");
    emptyLists(database, people, "open");

    Map<String, LoadRun.Stats> closed = LoadRun.run("closed-mix", Map.of("load.baseUrl", base, "load.users", "" + users,
        "load.firstWorker", "" + users, "load.seconds", "" + CLOSED_SECONDS, "load.pause", "false",
        "load.mix", "casework", "load.filter", filter));
    String loop = users + " caseworkers, no pause (closed loop), " + CLOSED_SECONDS + " s";
    httpRow(database, "HTTP, " + loop + ": My tasks, list", closed.get("My tasks: list"), 0);
    httpRow(database, "HTTP, " + loop + ": complete task", closed.get("Complete task"), 0);
    LoadRun.Stats closedAll = closed.get("All");
    emptyLists(database, loop, "closed-mix");
    results.add(database, "HTTP, " + loop + ": saturation throughput, requests/s (against: completions/s; failed: "
        + closedAll.failed() + " of " + closedAll.total() + ")",
        closedAll.perSecond(), "completions/s", closed.containsKey("Complete task") ? closed.get("Complete task").perSecond() : 0, "/s",
        (double) closedAll.failed() / closedAll.total(), "no failures (ratio: failed share)");

    // each side warmed alike just before it is measured: the same closed loop, unmeasured, for half as long
    Map<String, String> projectRun = Map.of("load.baseUrl", base, "load.users", "" + users,
        "load.firstWorker", "" + 2 * users, "load.seconds", "" + CLOSED_SECONDS, "load.pause", "false",
        "load.mix", "taskQuery");
    LoadRun.run("closed-query-project-warm-up", with(projectRun, "load.seconds", "" + CLOSED_SECONDS / 2));
    Map<String, LoadRun.Stats> projectQuery = LoadRun.run("closed-query-project", projectRun);
    Process starter = null;
    try {
      int port = freePort();
      starter = startBareStarter(database, bareUrl, port);
      Map<String, String> bareRun = with(with(projectRun, "load.baseUrl", "http://localhost:" + port), "load.auth", "false");
      LoadRun.run("closed-query-bare-warm-up", with(bareRun, "load.seconds", "" + CLOSED_SECONDS / 2));
      Map<String, LoadRun.Stats> bareQuery = LoadRun.run("closed-query-bare", bareRun);
      String query = "HTTP task query (list of 15 + count), " + users + " users, closed loop, " + CLOSED_SECONDS + " s";
      for (var run : Map.of("application", projectQuery.get("All"), "bare starter", bareQuery.get("All")).entrySet()) {
        if (run.getValue().failed() > 0) {
          results.failures.add(database + ", " + query + ", " + run.getKey() + ": " + run.getValue().failed() + " of "
              + run.getValue().total() + " requests failed");
        }
      }
      double projectRate = projectQuery.get("All").perSecond();
      double bareRate = bareQuery.get("All").perSecond();
      results.add(database, query + ": requests/s, application with authentication and authorization (failed: "
          + projectQuery.get("All").failed() + " / " + bareQuery.get("All").failed() + ")",
          projectRate, "bare starter, authorization off", bareRate, "req/s", projectRate / bareRate,
          "- (throughput: higher is better)");
      LoadRun.Stats projectList = projectQuery.get("Task query: list");
      LoadRun.Stats bareList = bareQuery.get("Task query: list");
      results.add(database, query + ": list p95", projectList.p95(), "bare starter", bareList.p95(), "ms",
          projectList.p95() / bareList.p95(), "-");
    } finally {
      if (starter != null) {
        starter.destroy();
        starter.waitFor();
      }
    }
  }

  static Map<String, String> with(Map<String, String> properties, String key, String value) {
    Map<String, String> changed = new java.util.HashMap<>(properties);
    changed.put(key, value);
    return changed;
  }

  /** The "My tasks" lists of a run that had no task to open: counted, and a run where many had is refused. */
  void emptyLists(String database, String people, String run) throws IOException {
    java.util.Properties events = LoadRun.eventsOf(run);
    long lists = Long.parseLong(events.getProperty("lists"));
    long empty = Long.parseLong(events.getProperty("emptyLists"));
    results.add(database, "HTTP, " + people + ": My tasks lists with no task to open, of " + lists, empty, "lists", lists,
        "", lists == 0 ? 1 : (double) empty / lists, "at most 0.05 (a run whose workers find nothing to open measures nothing)");
  }

  /** The application's HTTP side warmed as a running service is: 200 "My tasks" pages and counts, of workers the runs don't use. */
  static void warmUp(String base, String filter) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 200; i++) {
      int worker = WORKERS - 1 - (i % 20);
      String credentials = "Basic " + java.util.Base64.getEncoder().encodeToString(
          ("benchworker" + worker + ":Bench-Worker-2026-" + worker).getBytes());
      for (String path : List.of("/list?firstResult=0&maxResults=15", "/count")) {
        http.send(HttpRequest.newBuilder(URI.create(base + "/engine-rest/filter/" + filter + path))
            .header("Authorization", credentials).header("Content-Type", "application/json")
            .header("Accept", path.startsWith("/list") ? "application/hal+json" : "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(CaseworkersSimulation.TASKLIST_BODY)).build(),
            HttpResponse.BodyHandlers.discarding());
      }
    }
  }

  /**
   * Before the load: the first load worker holds tasks, and their "My tasks" over HTTP counts them,
   * so that a run with nothing to open is stopped and said, not measured.
   */
  static void firstWorkerSeesTheirTasks(String base, String filter, ProjectCases project) throws Exception {
    long held = project.engine.getTaskService().createTaskQuery().taskAssignee("benchworker0").count();
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(base + "/engine-rest/filter/" + filter + "/count"))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
            "benchworker0:Bench-Worker-2026-0".getBytes()))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(CaseworkersSimulation.TASKLIST_BODY)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (held == 0 || answer.statusCode() != 200 || !answer.body().equals("{\"count\":" + held + "}")) {
      throw new IllegalStateException("before the load run benchworker0 holds " + held
          + " tasks and their My tasks answers " + answer.statusCode() + " " + answer.body());
    }
  }

  void httpRow(String database, String figure, LoadRun.Stats stats, double targetMillis) {
    if (stats == null) { // e.g. no task was ever found to open: said, not hidden
      System.out.println("BENCHMARK " + database + " " + figure + ": no such request in the Gatling run");
      results.notes.add(figure + ": no such request was made in the Gatling run");
      return;
    }
    String detail = String.format(java.util.Locale.ROOT, " (p50 %.0f / p95 %.0f / p99 %.0f ms; %d requests, %d failed, %.2f/s)",
        stats.p50(), stats.p95(), stats.p99(), stats.total(), stats.failed(), stats.perSecond());
    if (stats.failed() > 0) {
      results.failures.add(database + ", " + figure + ": " + stats.failed() + " of " + stats.total() + " requests failed");
    }
    if (targetMillis > 0) {
      results.add(database, figure + " p95" + detail, stats.p95(), "target", targetMillis, "ms",
          stats.p95() / targetMillis, "p95 under " + (int) targetMillis + " ms (ratio under 1)");
    } else {
      results.add(database, figure + " p95" + detail, stats.p95(), "p50", stats.p50(), "ms", stats.p95() / stats.p50(), "-");
    }
  }

  /**
   * What the test classpath adds that no installed starter would run: Spring Authorization Server,
   * the SSO tests' sign-in provider, whose auto-configuration starts a provider in any application
   * that has no security of its own (the project has, so it never starts one).
   */
  static final String BARE_STARTER_EXCLUDES =
      "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration,"
      + "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration";

  /**
   * The bare Camunda starter on a database of its own, answering REST with no authentication: the
   * shared classpath carries Spring Security (the project's sign-in), whose defaults would ask the
   * bare starter's REST for a password, so its auto-configuration is left out here.
   */
  static Process startBareStarter(String database, String url, int port) throws Exception {
    Path dir = Files.createTempDirectory("bench-bare-starter");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path"), BareStarterApplication.class.getName(),
        "--spring.config.name=bare",
        "--spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration,"
            + "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration,"
            + BARE_STARTER_EXCLUDES, "--camunda.bpm.auto-deployment-enabled=false", "--spring.flyway.enabled=false",
        "--camunda.bpm.job-execution.enabled=false", "--camunda.bpm.metrics.enabled=false",
        "--camunda.bpm.database.schema-update=false", "--server.port=" + port, "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + (database.equals("postgres") ? "postgres" : "sa"),
        "--spring.datasource.password=" + (database.equals("postgres") ? "postgres" : ""),
        "--spring.main.banner-mode=off", "--logging.level.root=WARN",
        // the project's pool (application-postgres.yaml: 20; Hikari's default 10 on H2)
        "--spring.datasource.hikari.maximum-pool-size=" + (database.equals("postgres") ? 20 : 10)));
    Path log = dir.resolve("out.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (true) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroy();
        throw new IllegalStateException("bare starter did not become healthy: " + String.join("\n", Files.readAllLines(log)));
      }
      try {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200 && answer.body().contains("UP")) {
          return process;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
  }

  // ---------------------------------------------------------------- oversight

  /**
   * 7. The oversight dashboard's request ({@code GET /api/oversight}, its default period) over HTTP
   * as linemanager1, line manager of Team North (a quarter of the bench workers), as the active
   * cases grow: p50 and p95 of 30 requests after 3 to warm up.
   */
  void oversight(String database, ConfigurableApplicationContext app, ProjectCases project) throws Exception {
    String url = "http://localhost:" + app.getEnvironment().getProperty("local.server.port") + "/api/oversight";
    double[] first = null;
    int firstCases = 0;
    for (int cases : OVERSIGHT) {
      seedActiveCases(project, cases);
      double[] figures = oversightLatency(url);
      // the same once PostgreSQL's statistics are fresh (autovacuum's ANALYZE, within minutes of a table's growth)
      try (java.sql.Connection connection = app.getBean(javax.sql.DataSource.class).getConnection();
          java.sql.Statement statement = connection.createStatement()) {
        statement.execute("ANALYZE");
      }
      double[] analyzed = oversightLatency(url);
      String figure = "Oversight dashboard request p95 (p50 " + Math.round(figures[0]) + " ms), linemanager1, "
          + cases + " active cases";
      String figureAnalyzed = "Oversight dashboard request p95 (p50 " + Math.round(analyzed[0]) + " ms), linemanager1, "
          + cases + " active cases, after ANALYZE";
      if (first == null) {
        first = analyzed;
        firstCases = cases;
        results.add(database, figure, figures[1], "p50", figures[0], "ms", figures[1] / figures[0], "-");
        results.add(database, figureAnalyzed, analyzed[1], "p50", analyzed[0], "ms", analyzed[1] / analyzed[0], "-");
      } else {
        results.add(database, figure, figures[1], firstCases + " cases", first[1], "ms", figures[1] / first[1],
            "- (growth against " + (cases / firstCases) + " times the cases)");
        results.add(database, figureAnalyzed, analyzed[1], firstCases + " cases", first[1], "ms",
            analyzed[1] / first[1], "- (growth against " + (cases / firstCases) + " times the cases)");
      }
    }
  }

  /** p50 and p95 of 30 requests of the dashboard as linemanager1, after 3. */
  static double[] oversightLatency(String url) throws Exception {
    return SharedPlatform.latency(url, "linemanager1");
  }

  // ---------------------------------------------------------------- a caseworker's past

  /**
   * 6. The task query of a worker with the history of many past cases against the same worker with
   * few: pastworkerN holds {@code CASELOAD} open cases and N full cases behind them.
   */
  void pastCases(String database, ProjectCases project) {
    Map<Integer, double[]> latency = new LinkedHashMap<>();
    for (int past : PAST_CASES) {
      String worker = "pastworker" + past;
      project.hireSocialWorker(worker, 0);
      for (int i = 0; i < past; i++) {
        project.fullCase("PAST-" + past + "-" + i, worker);
      }
      for (int i = 0; i < CASELOAD; i++) {
        project.activeCase("PAST-ACT-" + past + "-" + i, BURST_RETURN_DATE, worker);
      }
      latency.put(past, project.myTasksLatency(worker));
      PlanCapture.explain(project.engine, worker, database, past);
    }
    pastCaseRows(database, latency, "");
    // the same once PostgreSQL's statistics are fresh (autovacuum's ANALYZE, which a busy table gets
    // within minutes): tells a plan chosen on stale estimates from one that grows with the grants
    try (java.sql.Connection connection = ((ProcessEngineConfigurationImpl) project.engine.getProcessEngineConfiguration())
        .getDataSource().getConnection(); java.sql.Statement statement = connection.createStatement()) {
      statement.execute("ANALYZE ACT_RU_AUTHORIZATION");
      statement.execute("ANALYZE ACT_RU_TASK");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    Map<Integer, double[]> analyzed = new LinkedHashMap<>();
    for (int past : PAST_CASES) {
      analyzed.put(past, project.myTasksLatency("pastworker" + past));
      PlanCapture.explain(project.engine, "pastworker" + past, database, past);
    }
    pastCaseRows(database, analyzed, ", after ANALYZE");
  }

  void pastCaseRows(String database, Map<Integer, double[]> latency, String when) {
    int few = PAST_CASES[0];
    for (int i = 1; i < PAST_CASES.length; i++) {
      int many = PAST_CASES[i];
      double[] manyLatency = latency.get(many);
      double[] fewLatency = latency.get(few);
      results.add(database, "Task query p50, a worker with " + many + " past cases (and " + CASELOAD + " open), "
          + seeded + " active cases" + when, manyLatency[0], "with " + few + " past cases", fewLatency[0], "ms",
          manyLatency[0] / fewLatency[0], "-");
      results.add(database, "Task query p95, a worker with " + many + " past cases (and " + CASELOAD + " open), "
          + seeded + " active cases" + when, manyLatency[1], "with " + few + " past cases", fewLatency[1], "ms",
          manyLatency[1] / fewLatency[1], "at most 1.5");
    }
  }

  static long dueTimers(ProcessEngine engine, Date at) {
    return engine.getManagementService().createJobQuery().timers().duedateLowerThan(at).count();
  }

  /** The due timers by the timer event they belong to (the job's activity), for the write-up. */
  static Map<String, Long> dueTimersByActivity(ProcessEngine engine, Date at) {
    Map<String, Long> byActivity = new java.util.TreeMap<>();
    for (var definition : engine.getManagementService().createJobDefinitionQuery().jobType("timer-transition").list()) {
      long due = engine.getManagementService().createJobQuery().jobDefinitionId(definition.getId()).duedateLowerThan(at).count();
      if (due > 0) {
        byActivity.merge(definition.getActivityId(), due, Long::sum);
      }
    }
    return byActivity;
  }

  /**
   * Runs the engine's timers with a job executor like the application's, until every chase exists:
   * the seconds it took, then the seconds each fifth of the chases took.
   */
  static double[] burst(ProcessEngine engine, LongSupplier chases) throws InterruptedException {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    long due = engine.getManagementService().createJobQuery().timers().duedateLowerThan(ClockUtil.getCurrentTime()).count();
    JobExecutor executor = new DefaultJobExecutor();
    executor.setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler());
    executor.registerProcessEngine(configuration.getProcessEngine());
    configuration.setJobExecutor(executor);
    Map<String, Long> before = jobExecutorCounts(configuration);
    long failedBefore = engine.getHistoryService().createHistoricJobLogQuery().failureLog().count();
    long started = System.nanoTime();
    executor.start();
    try {
      long deadline = System.nanoTime() + Duration.ofMinutes(40).toNanos();
      double[] seconds = new double[6];
      long lastFifth = started;
      int fifth = 1;
      for (long made = chases.getAsLong(); made < due; made = chases.getAsLong()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("timer burst did not finish in 40 minutes: " + made + " of " + due);
        }
        for (; fifth < 5 && made >= due * fifth / 5; fifth++) {
          long now = System.nanoTime();
          seconds[fifth] = (now - lastFifth) / 1e9;
          lastFifth = now;
        }
        Thread.sleep(100);
      }
      long finished = System.nanoTime();
      for (; fifth <= 5; fifth++) { // the fifths that ended since the last look, the last one with them
        seconds[fifth] = (finished - lastFifth) / 1e9;
        lastFifth = finished;
      }
      seconds[0] = (finished - started) / 1e9;
      Map<String, Long> counts = jobExecutorCounts(configuration);
      counts.replaceAll((meter, count) -> count - before.get(meter));
      System.out.println("BENCHMARK timer burst, the job executor's own count: " + counts + "; failed attempts "
          + (engine.getHistoryService().createHistoricJobLogQuery().failureLog().count() - failedBefore));
      return seconds;
    } finally {
      executor.shutdown();
      executor.unregisterProcessEngine(configuration.getProcessEngine());
    }
  }

  /** What the job executor did in the burst, by Camunda's own meters (acquisitions, rejections, failures). */
  static Map<String, Long> jobExecutorCounts(ProcessEngineConfigurationImpl configuration) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String meter : List.of(Metrics.JOB_ACQUISITION_ATTEMPT, Metrics.JOB_ACQUIRED_SUCCESS, Metrics.JOB_ACQUIRED_FAILURE,
        Metrics.JOB_EXECUTION_REJECTED, Metrics.JOB_LOCKED_EXCLUSIVE, Metrics.JOB_SUCCESSFUL, Metrics.JOB_FAILED)) {
      var registered = configuration.getMetricsRegistry() == null ? null : configuration.getMetricsRegistry().getDbMeterByName(meter);
      counts.put(meter, registered == null ? -1 : registered.get());
    }
    return counts;
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
    // each restart's ratio against the bare starter's restart beside it: the spread, and the median quoted
    List<Double> startRatios = new ArrayList<>();
    List<Double> memoryRatios = new ArrayList<>();
    for (int i = 0; i < STARTS; i++) {
      startRatios.add(project.get(i)[0] / bare.get(i)[0]);
      memoryRatios.add(project.get(i)[1] / bare.get(i)[1]);
    }
    Spread starts = Spread.of(startRatios);
    Spread memory = Spread.of(memoryRatios);
    results.add(database, "Start-up to healthy, restart (median of " + STARTS + "; " + starts + " restarts)", projectSeconds,
        bareSeconds, "s", starts.median(), "at most 1.2");
    results.add(database, "Resident memory when healthy, restart (median of " + STARTS + "; " + memory + " restarts)", projectMb,
        bareMb, "MB", memory.median(), "at most 1.2");
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
          "--camunda.bpm.auto-deployment-enabled=false", "--spring.flyway.enabled=false",
          "--spring.autoconfigure.exclude=" + BARE_STARTER_EXCLUDES));
    }
    command.addAll(List.of("--server.port=" + port, "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + (database.equals("postgres") ? "postgres" : "sa"),
        "--spring.datasource.password=" + (database.equals("postgres") ? "postgres" : ""),
        "--spring.main.banner-mode=off", "--logging.level.root=WARN",
        // the project's pool (application-postgres.yaml: 20; Hikari's default 10 on H2)
        "--spring.datasource.hikari.maximum-pool-size=" + (database.equals("postgres") ? 20 : 10)));
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
    final Map<String, List<String>> groups = new java.util.concurrent.ConcurrentHashMap<>();
    final Map<String, List<String>> tenants = new java.util.concurrent.ConcurrentHashMap<>();

    ProjectCases(ProcessEngine engine) {
      this.engine = engine;
    }

    /**
     * A child accommodated under section 20 for 30 weeks (a first home visit within 14 days). Not on
     * a care order: while one stands a case cannot end at a Child in Need review (only a court ends
     * it) and keeps its social worker's statutory visits open, so its past would not be history.
     */
    Map<String, Object> child(String childId, String returnDate, String socialWorker) {
      return uk.localgov.reunification.casework.Cases.with(careOrderChild(childId, returnDate, socialWorker),
          "legalStatus", "SECTION_20");
    }

    /** A child on a care order (a first home visit within 7 days): the active cases, whose first visits fall due in the burst. */
    Map<String, Object> careOrderChild(String childId, String returnDate, String socialWorker) {
      return uk.localgov.reunification.casework.Cases.with(
          uk.localgov.reunification.casework.Cases.careOrderChild(childId), "socialWorker", socialWorker,
          "returnDate", returnDate, "returnReason", "PLACEMENT_BREAKDOWN",
          // a case's people are of its authority: Southvale's workers' cases have Southvale's IRO
          "iro", authoritiesOf(socialWorker).contains(SharedPlatform.SOUTHVALE) ? "sv.iro1" : "iro1");
    }

    @Override
    public void fullCase(String childId) {
      fullCase(childId, "socialworker1");
    }

    /** A whole case whose social worker is this worker. */
    void fullCase(String childId, String worker) {
      fullCase(childId, worker, step -> { });
    }

    /** A whole case, told after each of its steps ({@link SameWork#STEPS}), which the recording of one uses. */
    void fullCase(String childId, String worker, java.util.function.Consumer<String> afterStep) {
      String today = LocalDate.now(ENGLAND).toString();
      as(worker, () -> engine.getRuntimeService().startProcessInstanceByKey("unplannedReturn", childId,
          child(childId, today, worker)));
      afterStep.accept(childId);
      complete(childId, "completeReturnPlan", worker, Map.of("returnPlan", "Outreach team daily; school"));
      afterStep.accept(childId);
      complete(childId, "firstHomeVisit", worker, Map.of("visitDate", today, "childWishesAndFeelings",
          "Glad to be home", "parentView", "Coping", "welfareSafeguarded", true, "childSeenAlone", true));
      afterStep.accept(childId);
      complete(childId, "returnReview", "iro1", Map.of("reviewNotes", "Plan agreed"));
      afterStep.accept(childId);
      complete(childId, "ratifyDecision", "headofservice1", Map.of("ratificationDecision", "RATIFIED",
          "childWishesConsidered", true, "iroConsulted", true, "relativesConsulted", true, "carersConsulted", true));
      afterStep.accept(childId);
      engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(childId).list()
          .forEach(instance -> engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
              .activityId("CallActivity_OngoingSupport").list().forEach(job -> engine.getManagementService().executeJob(job.getId())));
      afterStep.accept(childId);
      complete(childId, "allocateCinCoordinator", "iro1", Map.of("cinCoordinator", "cincoordinator1"));
      afterStep.accept(childId);
      complete(childId, "supportReview", "cincoordinator1", Map.of("supportOutcome", "STEP_DOWN_TO_UNIVERSAL",
          "reviewNotes", "Settled"));
      afterStep.accept(childId);
    }

    /** Social workers benchworker0, 1, … (password Bench-Worker-2026-i) in Team North and Team South, beside the demo's. */
    void hireSocialWorkers(int count) {
      for (int i = 0; i < count; i++) {
        hireSocialWorker("benchworker" + i, i);
      }
    }

    void hireSocialWorker(String id, int i) {
      // a quarter in Team North, so that its line manager (linemanager1) has 50 of the 200
      hireSocialWorker(id, i, i % 4 == 0 ? "teamnorth" : "teamsouth", null);
    }

    /** A social worker of this team, and of this authority where the platform has several ({@code null}: none). */
    void hireSocialWorker(String id, int i, String team, String authority) {
      IdentityService identity = engine.getIdentityService();
      if (identity.createUserQuery().userId(id).count() == 0) {
        org.camunda.bpm.engine.identity.User user = identity.newUser(id);
        user.setFirstName("Bench");
        user.setLastName("Worker " + i);
        user.setPassword("Bench-Worker-2026-" + i);
        identity.saveUser(user);
        identity.createMembership(id, "socialworkers");
        identity.createMembership(id, team);
        if (authority != null) {
          identity.createTenantUserMembership(authority, id);
        }
      }
    }

    /** A case of a child on a care order, waiting for its plan and first visit. */
    void activeCase(String childId, String returnDate, String worker) {
      as(worker, () -> engine.getRuntimeService().startProcessInstanceByKey("unplannedReturn", childId,
          careOrderChild(childId, returnDate, worker)));
    }

    long chases() {
      return engine.getTaskService().createTaskQuery().taskDefinitionKey("chaseOverdueWork").count();
    }

    /** Tasklist's "My tasks" for socialworker1: the first page and the count; p50 and p95 in ms. */
    /** socialworker1's "My tasks", this many times after 10 to warm up, with the checks on or off: each in ms. */
    double[] taskQueryMillis(boolean authorization, int queries) {
      double[][] millis = new double[1][];
      Runnable measure = () -> millis[0] = myTasksMillis("socialworker1", 10, queries);
      if (authorization) {
        measure.run();
      } else {
        withoutAuthorization(measure);
      }
      return millis[0];
    }

    double[] myTasksMillis(String worker, int warmUp, int queries) {
      double[] millis = new double[queries];
      for (int i = -warmUp; i < queries; i++) {
        long nanos = time(() -> as(worker, () -> {
          engine.getTaskService().createTaskQuery().taskAssignee(worker).orderByTaskCreateTime().desc()
              .listPage(0, 15);
          return engine.getTaskService().createTaskQuery().taskAssignee(worker).count();
        }));
        if (i >= 0) {
          millis[i] = nanos / 1e6;
        }
      }
      return millis;
    }

    /** p50 and p95 of a worker's "My tasks", 300 queries after 50. */
    double[] myTasksLatency(String worker) {
      double[] millis = myTasksMillis(worker, 50, QUERIES);
      return new double[] {percentile(millis, 0.5), percentile(millis, 0.95)};
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

    /** The authorities the engine checks this person against, where the platform has several (as a login gives them). */
    List<String> authoritiesOf(String user) {
      return tenants.computeIfAbsent(user, u -> engine.getIdentityService().createTenantQuery().userMember(u)
          .includingGroupsOfUser(true).list().stream().map(org.camunda.bpm.engine.identity.Tenant::getId).toList());
    }

    <T> T as(String user, java.util.function.Supplier<T> work) {
      IdentityService identity = engine.getIdentityService();
      List<String> memberOf = groups.computeIfAbsent(user, u -> identity.createGroupQuery().groupMember(u).list()
          .stream().map(Group::getId).toList());
      List<String> authorities = authoritiesOf(user);
      identity.setAuthentication(user, memberOf, authorities.isEmpty() ? null : authorities);
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

    /** An open case with two tasks of this worker's, as the project's active case has its plan and first visit. */
    void activeCase(String childId, String worker) {
      engine.getRuntimeService().startProcessInstanceByKey("bareActive", childId, Map.of("worker", worker));
    }

    void timerCase(String childId, String returnDate) {
      Date due = Date.from(LocalDate.parse(returnDate).plusDays(7).atTime(23, 59, 59).atZone(ENGLAND).toInstant());
      engine.getRuntimeService().startProcessInstanceByKey("bareTimer", childId, Map.of("due", due));
    }

    long chases() {
      return engine.getTaskService().createTaskQuery().taskDefinitionKeyIn(BareModels.CHASES.toArray(String[]::new)).count();
    }
  }

  /** The bare engine's processes, made with Camunda's model API. */
  static final class BareModels {
    static final List<String> CASE_TASKS = List.of("plan", "visit", "review", "ratify", "allocate", "cinReview");
    static final String ASYNC_TASK = "allocate";
    static final List<String> CHASES = List.of("planChase", "visitChase");

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
      // The two statutory timers of an active case (its plan and its first visit), each of which,
      // once due, gives a manager a task: as many chases a case as the project's burst makes.
      BpmnModelInstance timer = Bpmn.createExecutableProcess("bareTimer").camundaHistoryTimeToLive(3650)
          .startEvent().parallelGateway("both")
          .userTask("plan").camundaAssignee("worker")
          .boundaryEvent("planDue").cancelActivity(false).timerWithDate("${due}")
          .userTask(CHASES.get(0)).camundaAssignee("manager").endEvent()
          .moveToActivity("plan").endEvent()
          .moveToNode("both").userTask("visit").camundaAssignee("worker")
          .boundaryEvent("visitDue").cancelActivity(false).timerWithDate("${due}")
          .userTask(CHASES.get(1)).camundaAssignee("manager").endEvent()
          .moveToActivity("visit").endEvent()
          .done();
      BpmnModelInstance active = Bpmn.createExecutableProcess("bareActive").camundaHistoryTimeToLive(3650)
          .startEvent().parallelGateway("both")
          .userTask("plan").camundaAssignee("${worker}").endEvent()
          .moveToNode("both").userTask("visit").camundaAssignee("${worker}").endEvent()
          .done();
      engine.getRepositoryService().createDeployment().addModelInstance("bare-case.bpmn", wholeCase)
          .addModelInstance("bare-timer.bpmn", timer).addModelInstance("bare-active.bpmn", active).deploy();
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

  /** The value at this share of the sorted values (nearest rank): 0.5 the p50, 0.95 the p95. */
  static double percentile(double[] values, double share) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.max(0, (int) Math.ceil(sorted.length * share) - 1)];
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** The spread of one figure over a run's blocks: the quoted ratio is the median block's. */
  record Spread(double min, double median, double max, int blocks) {
    static Spread of(List<Double> values) {
      double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      return new Spread(sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1], sorted.length);
    }

    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "ratio by block: min %.2f, median %.2f, max %.2f of %d", min, median, max,
          blocks);
    }
  }

  /** Every figure with its bare counterpart and ratio, printed and written as Markdown and JSON. */
  static final class Results {
    record Row(String database, String figure, double project, String against, double bare, String unit, double ratio,
        String target) {
    }

    final List<Row> rows = new ArrayList<>();
    /** Lines written below the table: what explains the figures. */
    final List<String> notes = new ArrayList<>();
    /** What failed outright (a load request that errored), beside the targets missed. */
    final List<String> failures = new ArrayList<>();

    static final java.util.regex.Pattern AT_LEAST = java.util.regex.Pattern.compile("at least ([0-9.]+)");
    static final java.util.regex.Pattern AT_MOST = java.util.regex.Pattern.compile("at most ([0-9.]+)");
    static final java.util.regex.Pattern UNDER = java.util.regex.Pattern.compile("^(?:p95 )?under ([0-9.]+) ms");

    /**
     * Each figure whose target it missed, read from the target as written ("at least 0.7", "at most
     * 1.2": the ratio; "under 50 ms": the figure; "-": none), and each failure.
     */
    List<String> missed() {
      List<String> missed = new ArrayList<>(failures);
      for (Row row : rows) {
        for (String clause : row.target().replaceAll("\\([^)]*\\)", "").split(";")) {
          String target = clause.trim();
          java.util.regex.Matcher atLeast = AT_LEAST.matcher(target);
          java.util.regex.Matcher atMost = AT_MOST.matcher(target);
          java.util.regex.Matcher under = UNDER.matcher(target);
          boolean met = atLeast.find() ? row.ratio() >= Double.parseDouble(atLeast.group(1))
              : atMost.find() ? row.ratio() <= Double.parseDouble(atMost.group(1))
              : !under.find() || row.project() < Double.parseDouble(under.group(1));
          if (!met) {
            missed.add(String.format(java.util.Locale.ROOT, "%s, %s: %.2f %s, ratio %.2f (target: %s)", row.database(),
                row.figure(), row.project(), row.unit(), row.ratio(), target));
          }
        }
      }
      return missed;
    }

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
      if (!notes.isEmpty()) {
        markdown.append('\n');
        notes.forEach(note -> markdown.append("- ").append(note).append('\n'));
      }
      Files.writeString(dir.resolve("results.md"), markdown);
      Files.writeString(dir.resolve("results.json"), json);
      System.out.println(markdown);
    }
  }
}
