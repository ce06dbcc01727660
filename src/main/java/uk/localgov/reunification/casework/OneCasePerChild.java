package uk.localgov.reunification.casework;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

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

  public OneCasePerChild(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    // The engine's commands run in Spring transactions on the same DataSource, so this JdbcTemplate
    // joins them; a savepoint keeps a duplicate row from aborting a PostgreSQL transaction.
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** Holds the child's lock until the calling transaction (the start's) commits or rolls back. */
  public void waitForTurn(String childId) {
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
