package uk.localgov.reunification.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.localgov.reunification.PostgresForTests;
import uk.localgov.reunification.casework.CaseInputRefused;

/**
 * Contract (start variables): a child has at most one active return process at a time, also when
 * starts for the child arrive at the same instant on two application nodes sharing one PostgreSQL.
 */
class OneCasePerChildOnTwoNodesTest {

  static final int STARTS = 8;

  @TempDir
  Path dataDir;

  /** What became of one start: the case it made, or the refusal. */
  record Outcome(String instanceId, Exception refusal) {
  }

  @Test
  void eightSimultaneousStartsForOneChildOnTwoNodesMakeOneCase() throws Exception {
    String url = PostgresForTests.newDatabase("onecase");
    try (ConfigurableApplicationContext a = TwoNodesTest.node(dataDir, url, "nodea");
        ConfigurableApplicationContext b = TwoNodesTest.node(dataDir, url, "nodeb")) {
      RuntimeService runtimeA = a.getBean(ProcessEngine.class).getRuntimeService();
      RuntimeService runtimeB = b.getBean(ProcessEngine.class).getRuntimeService();
      String childId = "AT-ONCE-PG";

      CountDownLatch go = new CountDownLatch(1);
      ExecutorService callers = Executors.newFixedThreadPool(STARTS);
      List<Future<Outcome>> futures = new ArrayList<>();
      for (int i = 0; i < STARTS; i++) {
        RuntimeService runtime = i % 2 == 0 ? runtimeA : runtimeB;
        futures.add(callers.submit(() -> {
          go.await();
          try {
            return new Outcome(runtime.startProcessInstanceByKey("unplannedReturn",
                TwoNodesTest.wentHomeTenDaysAgo(childId)).getId(), null);
          } catch (RuntimeException refused) {
            return new Outcome(null, refused);
          }
        }));
      }
      long began = System.nanoTime();
      go.countDown();
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> future : futures) {
        outcomes.add(future.get());
      }
      long millis = (System.nanoTime() - began) / 1_000_000;
      callers.shutdown();
      List<Outcome> refused = outcomes.stream().filter(outcome -> outcome.refusal() != null).toList();
      System.out.printf("PostgreSQL, two nodes: %d simultaneous starts for one child: %d accepted, %d refused"
          + " (node a %d, node b %d), in %d ms; refusals: %s%n", STARTS, STARTS - refused.size(), refused.size(),
          refusedOn(outcomes, 0), refusedOn(outcomes, 1), millis,
          refused.stream().map(o -> o.refusal().getClass().getSimpleName()).distinct().toList());

      String sequentialRefusal = "'childId' '" + childId + "' already has an active return home;"
          + " a child has at most one active return at a time";
      assertThatThrownBy(() -> runtimeB.startProcessInstanceByKey("unplannedReturn",
          TwoNodesTest.wentHomeTenDaysAgo(childId))).isInstanceOf(CaseInputRefused.class)
          .hasMessage(sequentialRefusal);
      assertThat(outcomes).filteredOn(outcome -> outcome.instanceId() != null).hasSize(1);
      assertThat(refused).hasSize(STARTS - 1).allSatisfy(outcome -> {
        assertThat(outcome.refusal()).isInstanceOf(CaseInputRefused.class).hasMessage(sequentialRefusal);
        assertThat(((CaseInputRefused) outcome.refusal()).getVariable()).isEqualTo("childId");
      });
      String theCase = outcomes.stream().filter(outcome -> outcome.instanceId() != null).findFirst().orElseThrow()
          .instanceId();
      assertThat(runtimeA.createProcessInstanceQuery().processInstanceBusinessKey(childId)
          .processDefinitionKey("unplannedReturn").list())
          .singleElement().satisfies(instance -> assertThat(instance.getId()).isEqualTo(theCase));
      assertThat(b.getBean(ProcessEngine.class).getHistoryService().createHistoricProcessInstanceQuery()
          .processInstanceBusinessKey(childId).processDefinitionKey("unplannedReturn").count())
          .as("nothing left of the refused starts").isEqualTo(1);
      // the demo's two authorities share these nodes: the lock is the child's in their authority (the home one)
      assertThat(a.getBean(JdbcTemplate.class).queryForObject(
          "SELECT COUNT(*) FROM CHILD_CASE_LOCK WHERE CHILD_ID = ?", Long.class, "northshire/" + childId)).isEqualTo(1);
    }
  }

  @Test
  void theLockTableIsMadeByFlywayOnPostgres() {
    String url = PostgresForTests.newDatabase("flywaylock");
    try (ConfigurableApplicationContext node = TwoNodesTest.node(dataDir, url, "flywaynode")) {
      JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);

      assertThat(jdbc.queryForList("SELECT version FROM flyway_schema_history WHERE success", String.class))
          .contains("1");
      assertThat(jdbc.queryForList("SELECT column_name FROM information_schema.columns"
          + " WHERE table_name = 'child_case_lock'", String.class)).contains("child_id");
    }
  }

  static long refusedOn(List<Outcome> outcomes, int node) {
    long count = 0;
    for (int i = node; i < outcomes.size(); i += 2) {
      if (outcomes.get(i).refusal() != null) {
        count++;
      }
    }
    return count;
  }
}
