package uk.localgov.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.ConfigurableApplicationContext;
import uk.localgov.reunification.PostgresForTests;
import uk.localgov.reunification.StandaloneApplication;

/**
 * What sharing one platform costs (issue 33): the same active cases held by one authority, and by
 * two authorities of half as many each, on two applications running side by side in this JVM, each
 * on a database of its own. Both are seeded alike, a block at a time in turn, and measured in turn:
 * socialworker1's "My tasks" (a Northshire worker with the same caseload on both) and linemanager1's
 * oversight dashboard (Team North: the same 50 workers and their cases on both), with the tenant
 * check on for the two authorities; and the regional manager's report of both authorities.
 */
final class SharedPlatform {

  static final String NORTHSHIRE = "northshire";
  static final String SOUTHVALE = "southvale";
  /** Rounds of measuring each side in turn: the figure is the median round, with the lowest and highest. */
  static final int ROUNDS = 5;
  static final int SEED_BLOCK = 1000;

  private final String database;
  private final ReunificationBenchmark.Results results;

  SharedPlatform(String database, ReunificationBenchmark.Results results) {
    this.database = database;
    this.results = results;
  }

  void measure(int activeCases) throws Exception {
    Path dir = Files.createTempDirectory("bench-shared-" + database);
    try (ConfigurableApplicationContext one = start(dir, "oneauthority", List.of(NORTHSHIRE));
        ConfigurableApplicationContext two = start(dir, "twoauthorities", List.of(NORTHSHIRE, SOUTHVALE))) {
      ReunificationBenchmark.ProjectCases oneCases = new ReunificationBenchmark.ProjectCases(one.getBean(ProcessEngine.class));
      ReunificationBenchmark.ProjectCases twoCases = new ReunificationBenchmark.ProjectCases(two.getBean(ProcessEngine.class));
      hire(oneCases, false);
      hire(twoCases, true);
      for (int from = 0; from < activeCases; from += SEED_BLOCK) {
        int upTo = Math.min(activeCases, from + SEED_BLOCK);
        seed(oneCases, from, upTo);
        seed(twoCases, from, upTo);
      }
      if (database.equals("postgres")) { // fresh statistics on both, as autovacuum gives within minutes
        analyze(one);
        analyze(two);
      }
      long northshireCases = twoCases.engine.getRuntimeService().createProcessInstanceQuery()
          .processDefinitionKey("unplannedReturn").tenantIdIn(NORTHSHIRE).count();
      long southvaleCases = twoCases.engine.getRuntimeService().createProcessInstanceQuery()
          .processDefinitionKey("unplannedReturn").tenantIdIn(SOUTHVALE).count();
      String split = "one authority of " + activeCases + " active cases against two (Northshire " + northshireCases
          + ", Southvale " + southvaleCases + ")";

      String oneOversight = url(one, "/api/oversight");
      String twoOversight = url(two, "/api/oversight");
      String region = url(two, "/api/oversight/region");
      List<double[]> taskOne = new ArrayList<>();
      List<double[]> taskTwo = new ArrayList<>();
      List<double[]> oversightOne = new ArrayList<>();
      List<double[]> oversightTwo = new ArrayList<>();
      List<double[]> regional = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        taskOne.add(oneCases.myTasksLatency("socialworker1"));
        taskTwo.add(twoCases.myTasksLatency("socialworker1"));
        oversightOne.add(latency(oneOversight, "linemanager1"));
        oversightTwo.add(latency(twoOversight, "linemanager1"));
        regional.add(latency(region, "regional1"));
      }
      row("Task query p95, socialworker1 (" + ReunificationBenchmark.CASELOAD + " cases), " + split,
          taskTwo, taskOne, "at most 1.25");
      row("Oversight dashboard request p95, linemanager1 (Team North), " + split, oversightTwo, oversightOne,
          "at most 1.25");
      row("Regional report request p95, regional1 (both authorities' figures and totals), against linemanager1's "
          + "dashboard on one authority of " + activeCases, regional, oversightOne, "- (the region's figures)");
    }
  }

  /** The median round's p95 of each side, the ratio of the two, and every round's p95 in a note. */
  void row(String figure, List<double[]> shared, List<double[]> single, String target) {
    double[] sharedP95 = shared.stream().mapToDouble(p -> p[1]).toArray();
    double[] singleP95 = single.stream().mapToDouble(p -> p[1]).toArray();
    double sharedMedian = ReunificationBenchmark.median(sharedP95);
    double singleMedian = ReunificationBenchmark.median(singleP95);
    results.add(database, figure + " (median of " + ROUNDS + " rounds)", sharedMedian, "one authority", singleMedian,
        "ms", sharedMedian / singleMedian, target);
    results.notes.add(database + ", " + figure + ": p95 of each round, shared " + spread(sharedP95)
        + " ms; one authority " + spread(singleP95) + " ms");
  }

  static String spread(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return String.format(java.util.Locale.ROOT, "min %.1f, median %.1f, max %.1f", sorted[0],
        ReunificationBenchmark.median(sorted), sorted[sorted.length - 1]);
  }

  ConfigurableApplicationContext start(Path dir, String engineName, List<String> authorities) throws Exception {
    List<String> properties = new ArrayList<>(List.of("spring.profiles.active=demo", "reunification.demo.cases=false",
        "logging.level.root=WARN", "camunda.bpm.process-engine-name=" + engineName));
    for (int i = 0; i < authorities.size(); i++) {
      properties.add("reunification.authorities[" + i + "].id=" + authorities.get(i));
      properties.add("reunification.authorities[" + i + "].name=" + authorities.get(i));
    }
    if (database.equals("postgres")) {
      properties.set(0, "spring.profiles.active=demo,postgres");
      properties.addAll(List.of("spring.datasource.url=" + PostgresForTests.newDatabase("bench_" + engineName),
          "spring.datasource.username=postgres", "spring.datasource.password=postgres",
          "camunda.bpm.database.schema-update=true", "camunda.bpm.metrics.db-reporter-activate=false"));
    }
    return StandaloneApplication.start(Files.createDirectories(dir.resolve(engineName)),
        properties.toArray(String[]::new));
  }

  /**
   * The bench workers as {@link ReunificationBenchmark.ProjectCases#hireSocialWorkers}; on the shared
   * platform the even ones are Northshire's (Team North every fourth, as there), the odd ones
   * Southvale's, so that Team North is the same 50 workers on both.
   */
  static void hire(ReunificationBenchmark.ProjectCases cases, boolean twoAuthorities) {
    for (int i = 0; i < ReunificationBenchmark.WORKERS; i++) {
      boolean northshire = !twoAuthorities || i % 2 == 0;
      cases.hireSocialWorker("benchworker" + i, i, !northshire ? "svteam" : i % 4 == 0 ? "teamnorth" : "teamsouth",
          !twoAuthorities ? null : northshire ? NORTHSHIRE : SOUTHVALE);
    }
  }

  /** Active cases from..upTo on four threads, each started by its social worker. */
  static void seed(ReunificationBenchmark.ProjectCases cases, int from, int upTo) throws InterruptedException {
    IntFunction<String> worker = ReunificationBenchmark::activeWorker;
    ExecutorService starters = Executors.newFixedThreadPool(4);
    List<Future<?>> started = new ArrayList<>();
    for (int i = from; i < upTo; i++) {
      int n = i;
      started.add(starters.submit(() -> cases.activeCase("ACT-" + n, ReunificationBenchmark.BURST_RETURN_DATE,
          worker.apply(n))));
    }
    starters.shutdown();
    for (Future<?> start : started) {
      try {
        start.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("an active case did not start", e.getCause());
      }
    }
  }

  static void analyze(ConfigurableApplicationContext app) throws Exception {
    try (java.sql.Connection connection = app.getBean(javax.sql.DataSource.class).getConnection();
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute("ANALYZE");
    }
  }

  static String url(ConfigurableApplicationContext app, String path) {
    return "http://localhost:" + app.getEnvironment().getProperty("local.server.port") + path;
  }

  /** p50 and p95 of 30 requests as this demo user (password as the id), after 3. */
  static double[] latency(String url, String user) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String credentials = "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes());
    int requests = 30;
    double[] millis = new double[requests];
    for (int i = -3; i < requests; i++) {
      long started = System.nanoTime();
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
          .header("Authorization", credentials).header("Accept", "application/json").build(),
          HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException(url + " answered " + user + " " + answer.statusCode() + ": " + answer.body());
      }
      if (i >= 0) {
        millis[i] = (System.nanoTime() - started) / 1e6;
      }
    }
    Arrays.sort(millis);
    return new double[] {millis[requests / 2], millis[(int) Math.ceil(requests * 0.95) - 1]};
  }
}
