package uk.localgov.reunification.casework;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.localgov.reunification.engine.EngineIndexes;

/**
 * Makes the starts of one child's returns take turns, in the database, so that "a child has at
 * most one active return at a time" holds for starts at the same instant and across application
 * nodes. Each child has a row in CHILD_CASE_LOCK; a start locks it (SELECT ... FOR UPDATE) in its
 * own transaction, the engine's, before it looks for a running return. Another start for the child
 * waits until the first commits, and then sees its case, or rolls back, and then sees none. Rows
 * are never deleted, so a case an administrator deletes leaves nothing stale.
 */
@Component
public class OneCasePerChild {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate savepoint;
  private final EngineIndexes indexes;

  public OneCasePerChild(JdbcTemplate jdbc, PlatformTransactionManager transactions, EngineIndexes indexes) {
    this.jdbc = jdbc;
    this.indexes = indexes;
    // The engine's commands run in Spring transactions on the same DataSource, so this JdbcTemplate
    // joins them; a savepoint keeps a duplicate row from aborting a PostgreSQL transaction.
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * The case reference of the child's running return, if one runs: a suspended case is still the
   * child's open case. References are compared without regard to letter case, as the case-record
   * system may treat {@code hb-1} and {@code HB-1} as one child.
   */
  public Optional<String> activeReturnOf(String authority, String childId, Collection<String> returnProcesses) {
    String keys = String.join(",", Collections.nCopies(returnProcesses.size(), "?"));
    List<Object> arguments = new ArrayList<>();
    arguments.add(canonical(childId));
    arguments.addAll(returnProcesses);
    // the same reference in two authorities is two children
    String sameAuthority = authority == null ? " AND E.TENANT_ID_ IS NULL" : " AND E.TENANT_ID_ = ?";
    if (authority != null) {
      arguments.add(authority);
    }
    return jdbc.queryForList(activeReturnQuery(keys, sameAuthority), String.class, arguments.toArray()).stream().findFirst();
  }

  /**
   * The look for the child's running return, by the case reference in capitals as an index finds
   * it (engine/EngineIndexes): H2's generated column, named because H2 plans without statistics and
   * would walk every execution of the returns' definitions; elsewhere the expression, which
   * PostgreSQL indexes.
   */
  String activeReturnQuery(String keys, String sameAuthority) {
    boolean column = indexes.referenceInCapitalsColumn();
    return "SELECT E.BUSINESS_KEY_ FROM ACT_RU_EXECUTION E" + (column ? " USE INDEX (ACT_IDX_EXEC_BUSKEY_UPPER)" : "")
        + " JOIN ACT_RE_PROCDEF D ON D.ID_ = E.PROC_DEF_ID_ WHERE E.ID_ = E.PROC_INST_ID_ AND "
        + (column ? "E." + EngineIndexes.BUSINESS_KEY_UPPER : "UPPER(E.BUSINESS_KEY_)") + " = ? AND D.KEY_ IN (" + keys + ")"
        + sameAuthority;
  }

  /** A case reference as the lock and the comparison take it: letter case does not tell two children apart. */
  static String canonical(String childId) {
    return childId.toUpperCase(Locale.ROOT);
  }

  /**
   * The child's lock row: the case reference, after the authority's id when several authorities
   * share the platform (a single authority's rows, and earlier ones, are the bare reference).
   */
  static String lockKey(String authority, String childId) {
    return authority == null ? canonical(childId) : authority + "/" + canonical(childId);
  }

  /** Holds the child's lock until the calling transaction (the start's) commits or rolls back. */
  public void waitForTurn(String authority, String given) {
    String childId = lockKey(authority, given);
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      // outside a transaction the lock would end with its own statement and prove nothing
      throw new IllegalStateException("A child's lock must be taken in the start's transaction");
    }
    if (lock(childId)) {
      return;
    }
    try {
      savepoint.executeWithoutResult(status ->
          jdbc.update("INSERT INTO CHILD_CASE_LOCK (CHILD_ID) VALUES (?)", childId));
    } catch (DuplicateKeyException madeByAnotherStart) {
      // the child's first two starts at once: the other one made the row (and has now ended)
    }
    if (!lock(childId)) {
      throw new IllegalStateException("No lock row for child '" + childId + "'");
    }
  }

  private boolean lock(String childId) {
    return !jdbc.queryForList("SELECT CHILD_ID FROM CHILD_CASE_LOCK WHERE CHILD_ID = ? FOR UPDATE", String.class,
        childId).isEmpty();
  }
}
