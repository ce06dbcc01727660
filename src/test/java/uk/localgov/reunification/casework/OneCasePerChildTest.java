package uk.localgov.reunification.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.identity.Roles;

/**
 * Contract (start variables): a child has at most one active return process at a time, also when
 * starts for the child arrive at the same instant. The rule is held by a row lock in the database,
 * taken in the start's own transaction.
 */
@ApplicationTest
class OneCasePerChildTest {

  static final int STARTS = 8;
  /** What H2 and PostgreSQL answer to FOR UPDATE NOWAIT on a locked row. */
  static final List<String> LOCK_NOT_AVAILABLE = List.of("HYT00", "55P03");

  @Autowired
  TestRestTemplate http;
  @Autowired
  ProcessEngine engine;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  HistoryService history;
  @Autowired
  IdentityService identity;
  @Autowired
  OneCasePerChild oneCasePerChild;
  @Autowired
  DataSource dataSource;
  @Autowired
  JdbcTemplate jdbc;

  static Map<String, Object> wentHomeYesterday(String childId) {
    return Cases.with(Cases.careOrderChild(childId), "returnDate", LocalDate.now().minusDays(1).toString(),
        "returnReason", "PLACEMENT_BREAKDOWN");
  }

  ResponseEntity<String> startOverHttp(String childId) {
    return http.withBasicAuth("socialworker1", "socialworker1").postForEntity(
        "/engine-rest/process-definition/key/unplannedReturn/start",
        ReturnStartRestTest.typed(wentHomeYesterday(childId)), String.class);
  }

  /** The start's look for the child's running return reads an index, not every open case's executions. */
  @Test
  void theRunningReturnIsFoundByItsReferenceInCapitalsThroughAnIndex() {
    String plan = String.join("\n", jdbc.queryForList("EXPLAIN " + oneCasePerChild.activeReturnQuery("'plannedReturn',"
        + " 'unplannedReturn'", " AND E.TENANT_ID_ IS NULL").replace("= ?", "= 'HB-1'"), String.class));
    assertThat(plan).as("H2's plan").contains("ACT_IDX_EXEC_BUSKEY_UPPER");
    assertThat(plan).as("H2's plan").doesNotContain("ACT_IDX_EXE_PROCDEF");
  }

  /** Contract: a child has at most one active return process at a time, however many starts arrive at once. */
  @Test
  void eightSimultaneousStartsForOneChildMakeOneCase() throws Exception {
    String childId = "AT-ONCE-H2";
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService callers = Executors.newFixedThreadPool(STARTS);
    List<Future<ResponseEntity<String>>> answers = new ArrayList<>();
    for (int i = 0; i < STARTS; i++) {
      answers.add(callers.submit(() -> {
        go.await();
        return startOverHttp(childId);
      }));
    }
    long began = System.nanoTime();
    go.countDown();
    List<ResponseEntity<String>> results = new ArrayList<>();
    for (Future<ResponseEntity<String>> answer : answers) {
      results.add(answer.get());
    }
    long millis = (System.nanoTime() - began) / 1_000_000;
    callers.shutdown();
    ResponseEntity<String> sequentialSecond = startOverHttp(childId);
    System.out.printf("H2: %d simultaneous starts for one child: %d accepted, %d refused, in %d ms%n", STARTS,
        results.stream().filter(r -> r.getStatusCode() == HttpStatus.OK).count(),
        results.stream().filter(r -> r.getStatusCode() == HttpStatus.BAD_REQUEST).count(), millis);

    assertThat(sequentialSecond.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(sequentialSecond.getBody()).contains("'childId' '" + childId + "' already has an active return home;"
        + " a child has at most one active return at a time");
    assertThat(results).filteredOn(r -> r.getStatusCode() == HttpStatus.OK).hasSize(1);
    assertThat(results).filteredOn(r -> r.getStatusCode() != HttpStatus.OK).hasSize(STARTS - 1)
        .allSatisfy(refused -> {
          assertThat(refused.getStatusCode()).isEqualTo(sequentialSecond.getStatusCode());
          assertThat(refused.getBody()).isEqualTo(sequentialSecond.getBody());
        });
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(childId)
        .processDefinitionKey("unplannedReturn").count()).isEqualTo(1);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(childId).count())
        .as("nothing left of the refused starts: one return and its life at home").isEqualTo(2);
  }

  /** Contract: at most one active return at a time, so once the child's case has ended a new one may start. */
  @Test
  void aChildWhoseCaseHasEndedMayHaveANewReturn() {
    Map<String, Object> child = Cases.careOrderChild("ENDED-THEN-AGAIN");
    ProcessInstance first = runtime.startProcessInstanceByKey("plannedReturn", child);
    complete(first, "completeAssessment", Map.of("assessmentSummary", "Assessment"));
    complete(first, "compileReturnPlan", Map.of("returnPlan", "Plan"));
    complete(first, "preReturnReview", Map.of("reviewOutcome", "RETURN_NOT_SUPPORTED",
        "reviewReasons", "The risks found at assessment are not yet reduced"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(first.getId()).count()).isZero();

    ProcessInstance second = runtime.startProcessInstanceByKey("plannedReturn", child);

    assertThat(second.getBusinessKey()).isEqualTo("ENDED-THEN-AGAIN");
    assertThat(second.getId()).isNotEqualTo(first.getId());
  }

  /** Contract: a suspended case is still the child's active return, so no second one starts beside it. */
  @Test
  void aSuspendedCaseStillCountsAsTheChildsReturn() {
    Map<String, Object> child = Cases.careOrderChild("SUSPENDED-CASE");
    ProcessInstance first = runtime.startProcessInstanceByKey("plannedReturn", child);
    runtime.suspendProcessInstanceById(first.getId());
    try {
      assertThatThrownBy(() -> runtime.startProcessInstanceByKey("unplannedReturn",
          wentHomeYesterday("SUSPENDED-CASE")))
          .isInstanceOf(CaseInputRefused.class)
          .hasMessageContaining("'childId' 'SUSPENDED-CASE' already has an active return home");
    } finally {
      runtime.deleteProcessInstance(first.getId(), "test over");
    }
  }

  /** The lock is part of the start's transaction: held until it ends, released when it commits or rolls back. */
  @Test
  void theChildsLockIsHeldByTheStartsTransactionUntilItEnds() {
    commands().execute((CommandContext context) -> {
      oneCasePerChild.waitForTurn(null, "LOCK-ROLLBACK"); // the child's row, made and committed
      return null;
    });
    assertThat(lockedElsewhere("LOCK-ROLLBACK")).as("released by the commit").isFalse();
    AtomicBoolean heldDuringTheCommand = new AtomicBoolean();
    assertThatThrownBy(() -> commands().execute((CommandContext context) -> {
      oneCasePerChild.waitForTurn(null, "LOCK-ROLLBACK");
      heldDuringTheCommand.set(lockedElsewhere("LOCK-ROLLBACK"));
      throw new CaseInputRefused("socialWorker", "refused by a later rule");
    })).isInstanceOf(CaseInputRefused.class);

    assertThat(heldDuringTheCommand).as("locked against other connections until the start ends").isTrue();
    assertThat(lockedElsewhere("LOCK-ROLLBACK")).as("released by the rollback").isFalse();
  }

  /** A start refused by a rule checked after the lock (a social worker in no team) leaves the child free. */
  @Test
  void aStartRefusedByALaterRuleLeavesTheChildFreeToStart() {
    commands().execute((CommandContext context) -> {
      oneCasePerChild.waitForTurn(null, "REFUSED-LATER"); // the child's row exists, as after any earlier case
      return null;
    });
    User lone = identity.newUser("lonesocialworker");
    identity.saveUser(lone);
    identity.createMembership("lonesocialworker", Roles.SOCIAL_WORKERS);
    try {
      assertThatThrownBy(() -> runtime.startProcessInstanceByKey("plannedReturn",
          Cases.with(Cases.careOrderChild("REFUSED-LATER"), "socialWorker", "lonesocialworker")))
          .isInstanceOf(CaseInputRefused.class).hasMessageContaining("is in no team");
    } finally {
      identity.deleteUser("lonesocialworker");
    }
    assertThat(lockedElsewhere("REFUSED-LATER")).as("released by the refused start's rollback").isFalse();

    assertThat(runtime.startProcessInstanceByKey("plannedReturn", Cases.careOrderChild("REFUSED-LATER"))
        .getBusinessKey()).isEqualTo("REFUSED-LATER");
  }

  @Test
  void theLockTableIsMadeByFlyway() {
    assertThat(jdbc.queryForList("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\"",
        String.class)).contains("1");
  }

  void complete(ProcessInstance instance, String taskKey, Map<String, Object> variables) {
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskKey)
        .singleResult().getId(), variables);
  }

  CommandExecutor commands() {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
  }

  /** Whether another connection, outside any start, finds the child's row locked. */
  boolean lockedElsewhere(String childId) {
    try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
      other.setAutoCommit(false);
      try {
        statement.executeQuery("SELECT CHILD_ID FROM CHILD_CASE_LOCK WHERE CHILD_ID = '" + childId
            + "' FOR UPDATE NOWAIT").close();
        return false;
      } catch (SQLException e) {
        if (LOCK_NOT_AVAILABLE.contains(e.getSQLState())) {
          return true;
        }
        throw e;
      } finally {
        other.rollback();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
