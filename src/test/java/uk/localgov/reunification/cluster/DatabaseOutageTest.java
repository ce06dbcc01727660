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
 * PostgreSQL stopped for 15 seconds (three times the pool's 5-second connection timeout) under a running node, with requests still coming and a burst
 * of due timers in flight: meanwhile every REST call gets 503 with a JSON message and health is
 * DOWN; once the database is back, the pool and the job executor recover without a restart and no
 * case, task or timer is lost.
 */
class DatabaseOutageTest {

  static final int BURST = 60;
  static final int REST_STARTS = 5;
  static final long OUTAGE_MILLIS = 15_000;

  @TempDir
  Path dir;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  String base;

  record Answer(String call, int status, String contentType, String body) {
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
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
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
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(label, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (Exception e) {
      return new Answer(label, -1, "", e.toString());
    }
  }

  Answer startOverRest(String childId) {
    return call("POST /engine-rest/.../start", "POST", "/engine-rest/process-definition/key/unplannedReturn/start",
        "socialworker1", typedJson(wentHomeTenDaysAgo(childId)));
  }

  List<Answer> oneRoundOfRequests(String childId) {
    return List.of(
        call("GET /engine-rest/task", "GET", "/engine-rest/task?maxResults=5", "admin", null),
        startOverRest(childId),
        call("GET /api/oversight", "GET", "/api/oversight", "linemanager1", null),
        call("GET /api/cases/{id}/chronology", "GET", "/api/cases/OUT-0/chronology", "socialworker1", null),
        call("GET /actuator/health", "GET", "/actuator/health", null, null));
  }

  @Test
  void aFifteenSecondOutageLosesNothingAndTheNodeRecoversByItself() throws Exception {
    int port = freePort();
    Path data = dir.resolve("pg");
    EmbeddedPostgres server = postgres(data, port);
    try (Connection connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE outage");
    }
    String url = server.getJdbcUrl("postgres", "outage");
    int httpPort = freePort();
    base = "http://localhost:" + httpPort;
    // A JVM of its own, as a real node: its engine is "default", which the REST authentication addresses.
    Process node = NodeCrashTest.nodeProcess(dir.resolve("node.log"), "server.port=" + httpPort,
        "reunification.data-dir=" + dir.resolve("app"), "spring.main.banner-mode=off",
        "spring.profiles.active=demo,postgres", "reunification.demo.cases=false", "spring.datasource.url=" + url,
        "spring.datasource.username=postgres", "spring.datasource.password=postgres",
        "camunda.bpm.database.schema-update=true", "camunda.bpm.metrics.db-reporter-activate=false",
        "camunda.bpm.job-execution.enabled=true", "camunda.bpm.job-execution.wait-time-in-millis=200",
        "camunda.bpm.job-execution.max-wait=1000", NodeCrashTest.ONE_AT_A_TIME[0], NodeCrashTest.ONE_AT_A_TIME[1],
        // one job at a time, so that the burst of timers is still being worked when the database stops
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

      // Before the outage: returns started over REST, a task completed, then a burst of due timers.
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
      for (int i = 0; i < BURST; i++) {
        Answer answer = startOverRest("BURST-" + i);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        started.add("BURST-" + i);
      }
      long chasesBefore = sql.chases();

      // The outage: PostgreSQL stopped for 15 seconds while requests keep coming.
      server.close();
      long stopped = System.currentTimeMillis();
      List<Answer> during = new ArrayList<>();
      List<String> refusedStarts = new ArrayList<>();
      int round = 0;
      while (System.currentTimeMillis() - stopped < OUTAGE_MILLIS) {
        String childId = "DURING-" + round++;
        List<Answer> answers = oneRoundOfRequests(childId);
        during.addAll(answers);
        (answers.get(1).status() == 200 ? started : refusedStarts).add(childId);
        Thread.sleep(500);
      }
      server = postgres(data, port);
      long restarted = System.currentTimeMillis();

      long firstSuccess = -1;
      long healthUp = -1;
      while ((firstSuccess < 0 || healthUp < 0) && System.currentTimeMillis() - restarted < 120_000) {
        if (firstSuccess < 0 && call("task", "GET", "/engine-rest/task?maxResults=5", "admin", null).status() == 200) {
          firstSuccess = System.currentTimeMillis() - restarted;
        }
        if (healthUp < 0 && call("health", "GET", "/actuator/health", null, null).status() == 200) {
          healthUp = System.currentTimeMillis() - restarted;
        }
        Thread.sleep(100);
      }
      Answer after = startOverRest("AFTER-1");
      started.add("AFTER-1");

      long due = started.size();
      long deadline = System.currentTimeMillis() + 120_000;
      long chases;
      while ((chases = sql.chases()) < due
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(250);
      }
      long allChased = System.currentTimeMillis() - restarted;
      Thread.sleep(1_000);
      chases = sql.chases();
      long fired = sql.count("SELECT count(*) FROM act_hi_job_log WHERE act_id_ = 'Timer_FirstVisitOverdue'"
          + " AND job_state_ = 2");
      long failedJobs = sql.count("SELECT count(*) FROM act_hi_job_log WHERE job_state_ = 1");

      Map<String, Long> statuses = new TreeMap<>();
      during.forEach(answer -> statuses.merge(answer.summary(), 1L, Long::sum));
      System.out.printf("database outage: %d ms stopped, %d requests during it: %s%n", OUTAGE_MILLIS, during.size(),
          statuses);
      System.out.printf("database outage: after restart, first successful REST call %d ms, health UP %d ms,"
          + " every due timer fired %d ms; chases before the outage %d of %d, after %d; timers fired %d (%d job"
          + " failures logged); starts refused with 503 %d, left behind 0 expected: %d%n", firstSuccess, healthUp,
          allChased, chasesBefore, due, chases, fired, failedJobs, refusedStarts.size(),
          refusedStarts.stream().mapToLong(sql::cases).sum());
      during.stream().filter(answer -> !answer.call().contains("health")).findFirst()
          .ifPresent(answer -> System.out.println("database outage: a REST answer meanwhile: " + answer.status() + " "
              + answer.contentType() + " " + answer.body()));

      // Meanwhile: 503 with a JSON message, never a 500, a stack trace or an HTML page; health DOWN.
      for (Answer answer : during) {
        assertThat(answer.status()).as(answer.summary() + ": " + answer.body()).isEqualTo(503);
        if (answer.call().contains("health")) {
          assertThat(answer.body()).contains("DOWN");
        } else {
          assertThat(answer.contentType()).as(answer.summary()).startsWith("application/json");
          assertThat(answer.body()).contains("\"message\"").doesNotContain("\tat ", "Exception:", "<html");
        }
      }
      assertThat(firstSuccess).as("a request works again without restarting the node").isNotNegative();
      assertThat(healthUp).as("health UP again").isNotNegative();
      assertThat(after.status()).as(after.body()).isEqualTo(200);

      // Nothing lost: every case started exists, every due timer fired once, and no refused start left anything.
      for (String childId : started) {
        assertThat(sql.cases(childId)).as(childId).isEqualTo(1);
      }
      assertThat(chases).as("one chase per case, none lost, none twice").isEqualTo(due);
      assertThat(fired).isEqualTo(due);
      assertThat(sql.count("SELECT count(*) FROM act_ru_task t JOIN act_hi_procinst p ON p.proc_inst_id_ ="
          + " t.proc_inst_id_ WHERE p.business_key_ = 'OUT-0' AND t.task_def_key_ = 'returnReview'"))
          .as("the task completed before the outage stays completed").isEqualTo(1);
      for (String childId : refusedStarts) {
        assertThat(sql.cases(childId)).as("a start refused with 503 left nothing behind").isZero();
      }
    } finally {
      node.destroy();
      node.waitFor();
      java.nio.file.Files.copy(dir.resolve("node.log"), Path.of("target", "database-outage-node.log"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      server.close();
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
