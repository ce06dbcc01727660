package uk.localgov.reunification.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database away from a running node, twice, with requests still coming and a burst of due
 * timers being worked: first PostgreSQL stopped for at least 10 seconds (twice the pool's 5-second
 * connection timeout), then the network to it hanging for as long (packets no longer arrive; no
 * connection is refused), on the production settings of the postgres profile. Meanwhile every
 * REST call gets 503 with a JSON message within the pool's timeout and health is DOWN; once the
 * database is back, the pool and the job executor recover without a restart and no case, task or
 * timer is lost.
 */
class DatabaseOutageTest {

  static final int BURST = 60;
  static final int REST_STARTS = 5;
  static final long OUTAGE_MILLIS = 10_000;
  /**
   * The longest a call may wait for its 503 while the database is away: the pool's connection
   * timeout (5 s) and one check of a pooled connection (2 s), as application.yaml sets them, and 3 s
   * for the rest of the request on two busy cores.
   */
  static final long ANSWER_WITHIN_MILLIS = 10_000;

  @TempDir
  Path dir;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  String base;

  /** A call's answer, and when it came (epoch milliseconds) and how long it took. */
  record Answer(String call, int status, String contentType, String body, long answeredAt, long tookMillis) {
    String summary() {
      return call + " " + status;
    }
  }

  static EmbeddedPostgres postgres(Path data, int port) throws Exception {
    return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A return ten days ago: its first visit is overdue (Timer_FirstVisitOverdue due at once), nothing else yet. */
  static Map<String, Object> wentHomeTenDaysAgo(String childId) {
    return Map.of("childId", childId, "childName", "Outage Example", "dateOfBirth", "2012-01-01",
        "legalStatus", "CARE_ORDER", "weeksAccommodated", 20, "eligibleChild", false, "socialWorker", "socialworker1",
        "iro", "iro1", "returnDate", LocalDate.now().minusDays(10).toString(), "returnReason", "PLACEMENT_BREAKDOWN");
  }

  static String typedJson(Map<String, Object> values) {
    StringBuilder json = new StringBuilder("{\"variables\":{");
    new TreeMap<>(values).forEach((name, value) -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
        .append('"').append(name).append("\":{\"value\":")
        .append(value instanceof String ? "\"" + value + "\"" : value).append(",\"type\":\"")
        .append(value instanceof Integer ? "Integer" : value instanceof Boolean ? "Boolean" : "String").append("\"}"));
    return json.append("}}").toString();
  }

  Answer call(String label, String method, String path, String user, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Accept", "application/json");
    if (user != null) {
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    if (body != null) {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    long sent = System.currentTimeMillis();
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      long answered = System.currentTimeMillis();
      return new Answer(label, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
          response.body(), answered, answered - sent);
    } catch (Exception e) {
      long answered = System.currentTimeMillis();
      return new Answer(label, -1, "", e.toString(), answered, answered - sent);
    }
  }

  Answer startOverRest(String childId) {
    return call("POST /engine-rest/.../start", "POST", "/engine-rest/process-definition/key/unplannedReturn/start",
        "socialworker1", typedJson(wentHomeTenDaysAgo(childId)));
  }

  /** Five people's calls at once: a task list, a start, the dashboard, a chronology and health. */
  List<Answer> oneRoundOfRequests(String childId) {
    List<java.util.function.Supplier<Answer>> calls = List.of(
        () -> call("GET /engine-rest/task", "GET", "/engine-rest/task?maxResults=5", "admin", null),
        () -> startOverRest(childId),
        () -> call("GET /api/oversight", "GET", "/api/oversight", "linemanager1", null),
        () -> call("GET /api/cases/{id}/chronology", "GET", "/api/cases/OUT-0/chronology", "socialworker1", null),
        () -> call("GET /actuator/health", "GET", "/actuator/health", null, null));
    java.util.concurrent.ExecutorService people = java.util.concurrent.Executors.newFixedThreadPool(calls.size());
    try {
      List<java.util.concurrent.CompletableFuture<Answer>> answers = calls.stream()
          .map(one -> java.util.concurrent.CompletableFuture.supplyAsync(one, people)).toList();
      return answers.stream().map(java.util.concurrent.CompletableFuture::join).toList();
    } finally {
      people.shutdown();
    }
  }

  /** The first visits' overdue timers held back (their job definition suspended) or let go at once. */
  void overdueTimers(boolean suspended) {
    Answer definitions = call("job definitions", "GET", "/engine-rest/job-definition?activityIdIn=Timer_FirstVisitOverdue&maxResults=10",
        "admin", null);
    Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(definitions.body());
    assertThat(id.find()).as(definitions.body()).isTrue();
    do {
      Answer changed = call("suspend", "PUT", "/engine-rest/job-definition/" + id.group(1) + "/suspended", "admin",
          "{\"suspended\":" + suspended + ",\"includeJobs\":true}");
      assertThat(changed.status()).as(changed.body()).isEqualTo(204);
    } while (id.find());
  }

  interface Step {
    void run() throws Exception;
  }

  /** What the calls met while the database was away, and how the node came back. */
  record Away(List<Answer> during, List<String> refusedStarts, long awayAt, long backAt, long chasesBefore, long due,
      long firstSuccess, long healthUp, long allChased, long chases, Answer after) {
  }

  /**
   * A burst of due timers let go, then the database away for {@link #OUTAGE_MILLIS} while a round of
   * calls is sent every half second, then back; until every started case has its chase.
   */
  Away databaseAway(String label, Step away, Step back, Sql sql, List<String> started) throws Exception {
    overdueTimers(true);
    for (int i = 0; i < BURST; i++) {
      Answer answer = startOverRest(label + "-BURST-" + i);
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      started.add(label + "-BURST-" + i);
    }
    overdueTimers(false); // the job executor, one job at a time, has the burst to work through
    Thread.sleep(1_000);
    long chasesBefore = sql.chases();
    long due = started.size();
    away.run();
    long awayAt = System.currentTimeMillis();
    // back after OUTAGE_MILLIS whatever the calls meet: one may be waiting on the wire for it
    java.util.concurrent.CompletableFuture<Long> cameBack = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        Thread.sleep(Math.max(0, awayAt + OUTAGE_MILLIS - System.currentTimeMillis()));
        back.run();
        return System.currentTimeMillis();
      } catch (Exception e) {
        throw new IllegalStateException("the database did not come back", e);
      }
    });
    List<Answer> during = new ArrayList<>();
    List<String> refusedStarts = new ArrayList<>();
    int round = 0;
    while (!cameBack.isDone()) {
      String childId = label + "-DURING-" + round++;
      List<Answer> answers = oneRoundOfRequests(childId);
      during.addAll(answers);
      (answers.get(1).status() == 200 ? started : refusedStarts).add(childId);
      Thread.sleep(500);
    }
    long backAt = cameBack.join();

    long firstSuccess = -1;
    long healthUp = -1;
    while ((firstSuccess < 0 || healthUp < 0) && System.currentTimeMillis() - backAt < 120_000) {
      if (firstSuccess < 0 && call("task", "GET", "/engine-rest/task?maxResults=5", "admin", null).status() == 200) {
        firstSuccess = System.currentTimeMillis() - backAt;
      }
      if (healthUp < 0 && call("health", "GET", "/actuator/health", null, null).status() == 200) {
        healthUp = System.currentTimeMillis() - backAt;
      }
      Thread.sleep(100);
    }
    Answer after = startOverRest(label + "-AFTER");
    started.add(label + "-AFTER");
    long deadline = System.currentTimeMillis() + 120_000;
    while (sql.chases() < started.size() && System.currentTimeMillis() < deadline) {
      Thread.sleep(250);
    }
    long allChased = System.currentTimeMillis() - backAt;
    Thread.sleep(1_000);

    Map<String, Long> statuses = new TreeMap<>();
    during.forEach(answer -> statuses.merge(answer.summary(), 1L, Long::sum));
    System.out.printf("database %s: %d ms away, %d requests during it: %s; slowest answer while away %d ms;"
        + " %d answered only once it was back%n", label, backAt - awayAt, during.size(), statuses,
        during.stream().filter(answer -> answer.answeredAt() < backAt).mapToLong(Answer::tookMillis).max().orElse(0),
        during.stream().filter(answer -> answer.answeredAt() >= backAt).count());
    System.out.printf("database %s: after it came back, first successful REST call %d ms, health UP %d ms,"
        + " every due timer fired %d ms; chases when it went %d of %d; starts refused with 503 %d%n", label,
        firstSuccess, healthUp, allChased, chasesBefore, due, refusedStarts.size());
    return new Away(during, refusedStarts, awayAt, backAt, chasesBefore, due, firstSuccess, healthUp, allChased,
        sql.chases(), after);
  }

  @Test
  void aStoppedDatabaseAndAHungNetworkLoseNothingAndTheNodeRecoversByItself() throws Exception {
    int port = freePort();
    Path data = dir.resolve("pg");
    EmbeddedPostgres[] server = {postgres(data, port)};
    try (Connection connection = server[0].getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE outage");
    }
    String url = server[0].getJdbcUrl("postgres", "outage");
    HangingNetwork network = new HangingNetwork(port);
    // the node reaches the database over a network that can hang; the test reads it directly
    String nodeUrl = "jdbc:postgresql://localhost:" + network.port() + "/outage";
    int httpPort = freePort();
    base = "http://localhost:" + httpPort;
    // A JVM of its own, as a real node: its engine is "default", which the REST authentication
    // addresses. The postgres profile's pool and socket settings, as in production.
    Process node = NodeCrashTest.nodeProcess(dir.resolve("node.log"), "server.port=" + httpPort,
        "reunification.data-dir=" + dir.resolve("app"), "spring.main.banner-mode=off",
        "spring.profiles.active=demo,postgres", "reunification.demo.cases=false", "spring.datasource.url=" + nodeUrl,
        "spring.datasource.username=postgres", "spring.datasource.password=postgres",
        "camunda.bpm.database.schema-update=true", "camunda.bpm.metrics.db-reporter-activate=false",
        "camunda.bpm.job-execution.enabled=true", "camunda.bpm.job-execution.wait-time-in-millis=200",
        "camunda.bpm.job-execution.max-wait=1000", NodeCrashTest.ONE_AT_A_TIME[0], NodeCrashTest.ONE_AT_A_TIME[1],
        // one job at a time, so that the burst of timers is still being worked when the database goes
        NodeCrashTest.ONE_AT_A_TIME[2],
        // jobs whose transaction the outage broke stay locked until this expires (five minutes by default)
        "camunda.bpm.job-execution.lock-time-in-millis=15000");
    try {
      long up = System.currentTimeMillis() + 180_000;
      while (call("health", "GET", "/actuator/health", null, null).status() != 200) {
        assertThat(node.isAlive()).as("the node started").isTrue();
        assertThat(System.currentTimeMillis()).as("the node started in time").isLessThan(up);
        Thread.sleep(250);
      }
      Sql sql = new Sql(url);
      List<String> started = new ArrayList<>();

      // Before: returns started over REST and a task completed.
      for (int i = 0; i < REST_STARTS; i++) {
        Answer answer = startOverRest("OUT-" + i);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        started.add("OUT-" + i);
      }
      Answer plan = call("task", "GET", "/engine-rest/task?processInstanceBusinessKey=OUT-0"
          + "&taskDefinitionKey=completeReturnPlan&maxResults=1", "socialworker1", null);
      Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(plan.body());
      assertThat(id.find()).as(plan.body()).isTrue();
      Answer completed = call("complete", "POST", "/engine-rest/task/" + id.group(1) + "/complete", "socialworker1",
          "{\"variables\":{\"returnPlan\":{\"value\":\"Plan agreed before the outage\",\"type\":\"String\"}}}");
      assertThat(completed.status()).as(completed.body()).isEqualTo(204);

      Away stopped = databaseAway("stopped", () -> server[0].close(), () -> server[0] = postgres(data, port), sql,
          started);
      Away hung = databaseAway("hung", network::hang, network::carry, sql, started);

      for (Away away : List.of(stopped, hung)) {
        assertThat(away.chasesBefore()).as("the burst was being worked when the database went").isLessThan(away.due());
        for (Answer answer : away.during()) {
          if (answer.answeredAt() >= away.backAt()) {
            // sent while the database was away, answered once it was back: its statement waited on the wire
            assertThat(answer.status()).as(answer.summary() + ": " + answer.body()).isIn(200, 204, 503);
            continue;
          }
          // Meanwhile: 503 with a JSON message within the pool's timeout, never a 500, a stack trace
          // or an HTML page; health DOWN.
          assertThat(answer.status()).as(answer.summary() + ": " + answer.body()).isEqualTo(503);
          assertThat(answer.tookMillis()).as(answer.summary() + " answered within the pool's timeout")
              .isLessThan(ANSWER_WITHIN_MILLIS);
          if (answer.call().contains("health")) {
            assertThat(answer.body()).contains("DOWN");
          } else {
            assertThat(answer.contentType()).as(answer.summary()).startsWith("application/json");
            assertThat(answer.body()).contains("\"message\"").doesNotContain("\tat ", "Exception:", "<html");
          }
        }
        assertThat(away.during()).as("calls were refused while the database was away")
            .anyMatch(answer -> answer.status() == 503 && answer.answeredAt() < away.backAt());
        assertThat(away.firstSuccess()).as("a request works again without restarting the node").isNotNegative();
        assertThat(away.healthUp()).as("health UP again").isNotNegative();
        assertThat(away.after().status()).as(away.after().body()).isEqualTo(200);
        for (String childId : away.refusedStarts()) {
          assertThat(sql.cases(childId)).as("a start refused with 503 left nothing behind").isZero();
        }
      }

      // Nothing lost: every case started exists, every due timer fired once.
      long fired = sql.count("SELECT count(*) FROM act_hi_job_log WHERE act_id_ = 'Timer_FirstVisitOverdue'"
          + " AND job_state_ = 2");
      for (String childId : started) {
        assertThat(sql.cases(childId)).as(childId).isEqualTo(1);
      }
      assertThat(sql.chases()).as("one chase per case, none lost, none twice").isEqualTo(started.size());
      assertThat(fired).isEqualTo(started.size());
      assertThat(sql.count("SELECT count(*) FROM act_ru_task t JOIN act_hi_procinst p ON p.proc_inst_id_ ="
          + " t.proc_inst_id_ WHERE p.business_key_ = 'OUT-0' AND t.task_def_key_ = 'returnReview'"))
          .as("the task completed before the outage stays completed").isEqualTo(1);
    } finally {
      node.destroy();
      node.waitFor();
      java.nio.file.Files.copy(dir.resolve("node.log"), Path.of("target", "database-outage-node.log"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      network.close();
      server[0].close();
    }
  }

  /** Reads the database directly: the node runs in another JVM. */
  record Sql(String url) {
    long count(String query, String... parameters) throws Exception {
      try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
          PreparedStatement statement = connection.prepareStatement(query)) {
        for (int i = 0; i < parameters.length; i++) {
          statement.setString(i + 1, parameters[i]);
        }
        try (ResultSet result = statement.executeQuery()) {
          result.next();
          return result.getLong(1);
        }
      }
    }

    long chases() throws Exception {
      return count("SELECT count(*) FROM act_ru_task WHERE task_def_key_ = 'chaseOverdueWork'"
          // the first visits' chases: a reg 19 placement plan is overdue in these cases too
          + " AND name_ LIKE 'Chase First home visit%'");
    }

    long cases(String childId) {
      try {
        return count("SELECT count(*) FROM act_hi_procinst WHERE business_key_ = ?"
            + " AND proc_def_key_ = 'unplannedReturn'", childId);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
