package uk.localgov.reunification.engine;

import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Indexes Camunda does not create that the application's queries need: authorized queries over
 * a grant per person per case ({@code access/CaseAccess}, hundreds of thousands of rows in
 * ACT_RU_AUTHORIZATION), and the job executor's acquisition over every case's timers.
 *
 * <ul>
 *   <li>Indexes, created at start-up if missing (where the application's database user may not
 *       create them, a warning names the statements for the database administrator):
 *       <ul>
 *         <li>{@code ACT_IDX_AUTH_USER_ID}: every authorized query filters the grants by "this user
 *             or one of these groups"; Camunda indexes the group of a grant but puts the user
 *             second in its unique key, after the grant's type, so PostgreSQL read the whole table.
 *         <li>{@code ACT_IDX_TASK_ASSIGNEE_CREATE}: Tasklist's "My tasks" (assignee, newest first,
 *             a page of 15) with the authorization join and its DISTINCT: PostgreSQL walked
 *             {@code ACT_IDX_TASK_CREATE} backwards over every open task (20,000 at 10,000 cases,
 *             20 ms) to find the assignee's; with this index it reads just the assignee's (1 ms).
 *         <li>{@code ACT_IDX_VARIABLE_EXECUTION_TASK}, on H2 only: the engine reads an execution's
 *             variables ({@code WHERE EXECUTION_ID_ = ? AND TASK_ID_ IS NULL}) whenever a variable
 *             is set, at every task completion. On the application's H2 database H2 took Camunda's
 *             index on {@code TASK_ID_} for it and read every variable of every open case not held by
 *             a task (a quarter of the benchmark's case time went there); with this index it reads the
 *             execution's own. PostgreSQL plans it on Camunda's {@code EXECUTION_ID_} index already, so
 *             there it would only cost writes.
 *         <li>{@code ACT_IDX_JOB_DUEDATE}: the job executor acquires the jobs due soonest first
 *             ({@code jobExecutorAcquireByDueDate}, every job with a due date:
 *             {@code ensureJobDueDateNotNull}, application.yaml). Without it every acquisition of
 *             three jobs read each case's future timers too, and a Monday's burst of overdue timers
 *             took time that grew with the square of the open cases (docs/benchmark.md).
 *         <li>{@code ACT_IDX_EXEC_BUSKEY_UPPER}: before a return starts, the child's running return
 *             is looked for by case reference in any letter case ({@code casework/OneCasePerChild});
 *             Camunda's index on the reference cannot answer that, so each start read every
 *             execution of every open case. PostgreSQL indexes the reference in capitals; H2, which
 *             indexes no expression, gets a generated column of it.
 *       </ul>
 *   <li>{@code access/GrantsOnly}: the checks themselves, without a read of the whole table per command.
 * </ul>
 *
 * <p>What each one saved is in docs/benchmark.md.
 */
@Component
public class EngineIndexes {

  /** On H2, the column that holds each execution's case reference in capitals ({@code ACT_IDX_EXEC_BUSKEY_UPPER}). */
  public static final String BUSINESS_KEY_UPPER = "BUSINESS_KEY_UPPER_";

  static final List<String> CREATE = List.of(
      "CREATE INDEX IF NOT EXISTS ACT_IDX_AUTH_USER_ID ON ACT_RU_AUTHORIZATION (USER_ID_)",
      "CREATE INDEX IF NOT EXISTS ACT_IDX_TASK_ASSIGNEE_CREATE ON ACT_RU_TASK (ASSIGNEE_, CREATE_TIME_)",
      "CREATE INDEX IF NOT EXISTS ACT_IDX_JOB_DUEDATE ON ACT_RU_JOB (DUEDATE_)");
  static final List<String> CREATE_ON_H2 = List.of(
      "CREATE INDEX IF NOT EXISTS ACT_IDX_VARIABLE_EXECUTION_TASK ON ACT_RU_VARIABLE (EXECUTION_ID_, TASK_ID_)",
      // H2 indexes no expression: the case reference in capitals is a column of its own, kept by H2
      "ALTER TABLE ACT_RU_EXECUTION ADD COLUMN IF NOT EXISTS " + BUSINESS_KEY_UPPER
          + " VARCHAR(255) INVISIBLE GENERATED ALWAYS AS (UPPER(BUSINESS_KEY_))",
      "CREATE INDEX IF NOT EXISTS ACT_IDX_EXEC_BUSKEY_UPPER ON ACT_RU_EXECUTION (" + BUSINESS_KEY_UPPER + ")");
  static final List<String> CREATE_ON_POSTGRES = List.of(
      "CREATE INDEX IF NOT EXISTS ACT_IDX_EXEC_BUSKEY_UPPER ON ACT_RU_EXECUTION (UPPER(BUSINESS_KEY_))");
  private static final Logger LOG = LoggerFactory.getLogger(EngineIndexes.class);

  private final DataSource dataSource;

  EngineIndexes(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The indexes for a database of this product name (JDBC's): the benchmark gives its baselines the same. */
  public static List<String> statements(String databaseProductName) {
    List<String> creates = new java.util.ArrayList<>(CREATE);
    if ("H2".equals(databaseProductName)) {
      creates.addAll(CREATE_ON_H2);
    } else if ("PostgreSQL".equals(databaseProductName)) {
      creates.addAll(CREATE_ON_POSTGRES);
    }
    return creates;
  }

  /**
   * Whether this database holds {@link #BUSINESS_KEY_UPPER} (H2, once made at start-up): a query
   * finds a case reference in capitals by that column here, elsewhere by the expression, which
   * PostgreSQL indexes.
   */
  public boolean referenceInCapitalsColumn() {
    return referenceInCapitalsColumn;
  }

  private volatile boolean referenceInCapitalsColumn;

  @EventListener(ApplicationStartedEvent.class)
  void ensure() {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    String database = jdbc.execute((java.sql.Connection connection) -> connection.getMetaData().getDatabaseProductName());
    for (String create : statements(database)) {
      try {
        jdbc.execute(create);
        if (create.contains(" ADD COLUMN IF NOT EXISTS " + BUSINESS_KEY_UPPER + " ")) {
          referenceInCapitalsColumn = true;
        }
      } catch (RuntimeException e) {
        LOG.warn("Could not create an index that keeps the engine's queries fast; ask the database administrator to run: {}"
            + " ({})", create, e.getMessage());
      }
    }
  }
}
