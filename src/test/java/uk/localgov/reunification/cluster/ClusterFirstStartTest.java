package uk.localgov.reunification.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.localgov.reunification.PostgresForTests;

/**
 * A cluster's first start: two nodes started at the same moment on an empty PostgreSQL database
 * make one schema and one deployment between them (deployment/StartupLock lets one set up while
 * the other waits), and both serve.
 */
class ClusterFirstStartTest {

  static final String ADMIN = "opsadmin";
  static final String PASSWORD = "a-Long&Strong-passw0rd";

  @TempDir
  Path dir;

  record Started(String name, int port, Process process, long millis, String health) {
  }

  static long count(String url, String query) throws Exception {
    try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
        Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
      result.next();
      return result.getLong(1);
    }
  }

  static int status(HttpClient http, String url, boolean credentials) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
      if (credentials) {
        request.header("Authorization", "Basic "
            + Base64.getEncoder().encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  @Test
  void twoNodesStartingTogetherOnAnEmptyDatabaseMakeOneSchemaAndOneDeployment() throws Exception {
    String url = PostgresForTests.newDatabase("firststart");
    HttpClient http = HttpClient.newHttpClient();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService two = Executors.newFixedThreadPool(2);
    List<Future<Started>> starts = new ArrayList<>();
    List<Process> processes = new ArrayList<>();
    try {
      for (String name : List.of("first-a", "first-b")) {
        starts.add(two.submit(() -> {
          int port = DatabaseOutageTest.freePort();
          go.await();
          long began = System.currentTimeMillis();
          // Without the demo profile: each node also makes the roles and the first administrator.
          Process node = NodeCrashTest.nodeProcess(dir.resolve(name + ".log"), "server.port=" + port,
              "spring.profiles.active=postgres", "reunification.data-dir=" + dir.resolve(name),
              "spring.main.banner-mode=off", "spring.datasource.url=" + url, "spring.datasource.username=postgres",
              "spring.datasource.password=postgres", "camunda.bpm.database.schema-update=true",
              "camunda.bpm.metrics.db-reporter-activate=false", "reunification.admin.id=" + ADMIN,
              "reunification.admin.password=" + PASSWORD, "camunda.bpm.generic-properties.properties.hostname=" + name);
          synchronized (processes) {
            processes.add(node);
          }
          String health = "http://localhost:" + port + "/actuator/health";
          long deadline = began + 240_000;
          while (status(http, health, false) != 200 && node.isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
          }
          return new Started(name, port, node, System.currentTimeMillis() - began,
              node.isAlive() ? "alive" : "exited " + node.exitValue());
        }));
      }
      go.countDown();
      List<Started> nodes = new ArrayList<>();
      for (Future<Started> start : starts) {
        nodes.add(start.get());
      }
      List<Integer> answers = new ArrayList<>();
      for (Started node : nodes) {
        answers.add(status(http, "http://localhost:" + node.port() + "/engine-rest/deployment?name=reunification"
            + "&maxResults=10", true));
      }
      long deployments = count(url, "SELECT count(*) FROM act_re_deployment WHERE name_ = 'reunification'");
      long definitions = count(url, "SELECT count(*) FROM act_re_procdef WHERE key_ = 'unplannedReturn'");
      long schemaLogs = count(url, "SELECT count(*) FROM act_ge_schema_log");
      long admins = count(url, "SELECT count(*) FROM act_id_user WHERE id_ = '" + ADMIN + "'");
      // every start-up writer checks and then inserts: two at once must not each insert
      long duplicateFilters = count(url, "SELECT count(*) FROM (SELECT name_ FROM act_ru_filter GROUP BY name_"
          + " HAVING count(*) > 1) twice");
      long duplicateGrants = count(url, "SELECT count(*) FROM (SELECT type_, user_id_, group_id_, resource_type_,"
          + " resource_id_ FROM act_ru_authorization GROUP BY type_, user_id_, group_id_, resource_type_, resource_id_"
          + " HAVING count(*) > 1) twice");
      long groups = count(url, "SELECT count(*) FROM act_id_group");
      long distinctGroups = count(url, "SELECT count(DISTINCT id_) FROM act_id_group");
      long filters = count(url, "SELECT count(*) FROM act_ru_filter");
      for (Started node : nodes) {
        String log = java.nio.file.Files.readString(dir.resolve(node.name() + ".log"));
        java.util.regex.Matcher lock = java.util.regex.Pattern.compile("Start-up lock taken after (\\d+) ms").matcher(log);
        System.out.printf("cluster first start: %s %s, ready (health UP) after %d ms, waited %s ms for the start-up"
            + " lock, REST answered %d%n", node.name(), node.health(), node.millis(), lock.find() ? lock.group(1) : "?",
            answers.get(nodes.indexOf(node)));
      }
      System.out.printf("cluster first start: deployments named reunification %d, unplannedReturn definitions %d,"
          + " schema log rows %d, administrators %d%n", deployments, definitions, schemaLogs, admins);

      for (Started node : nodes) {
        assertThat(node.health()).as(node.name() + " started").isEqualTo("alive");
        String log = java.nio.file.Files.readString(dir.resolve(node.name() + ".log"));
        assertThat(log).as(node.name() + " failed no start").doesNotContain("APPLICATION FAILED TO START")
            .doesNotContain("Application run failed");
      }
      assertThat(answers).as("both serve").containsExactly(200, 200);
      assertThat(deployments).as("one deployment").isEqualTo(1);
      assertThat(definitions).isEqualTo(1);
      assertThat(admins).isEqualTo(1);
      System.out.printf("cluster first start: filters %d (names twice %d), groups %d (distinct %d), grants made twice %d%n",
          filters, duplicateFilters, groups, distinctGroups, duplicateGrants);
      assertThat(filters).as("the role filters exist").isPositive();
      assertThat(duplicateFilters).as("no Tasklist filter made twice").isZero();
      assertThat(groups).as("the role groups exist").isPositive().isEqualTo(distinctGroups);
      assertThat(duplicateGrants).as("no grant made twice").isZero();
    } finally {
      for (Process node : processes) {
        node.destroy();
        node.waitFor();
      }
      two.shutdown();
    }
  }
}
