package uk.localgov.reunification.outage;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises a failure that means "the database cannot be reached" (as opposed to a bad request or
 * a bug), so that callers get 503 and try again rather than a 500 that reads like a defect.
 */
public final class DatabaseUnavailable {

  public static final String MESSAGE = "The database is unavailable at the moment; nothing was changed. Try again shortly.";
  /** What callers are told to wait before trying again, in seconds. */
  public static final String RETRY_AFTER = "10";

  private DatabaseUnavailable() {
  }

  /** Whether the failure, or anything that caused it, is a lost or refused database connection. */
  public static boolean causedBy(Throwable failure) {
    Set<Throwable> seen = new HashSet<>();
    Deque<Throwable> next = new ArrayDeque<>(List.of(failure));
    while (!next.isEmpty()) {
      Throwable t = next.pop();
      if (!seen.add(t)) {
        continue;
      }
      if (t.getCause() != null) {
        next.push(t.getCause());
      }
      next.addAll(List.of(t.getSuppressed()));
      // A transaction that cannot even be rolled back has lost its connection (seen when the
      // database stops under a pooled connection: "JDBC rollback failed", "Connection is closed").
      if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
          || t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
          || t instanceof DataAccessResourceFailureException || t instanceof TransactionSystemException
          || t instanceof SocketException) {
        return true;
      }
      if (t instanceof SQLException sql && connectionState(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * SQLSTATE class 08 (connection exception) and 57P01-57P03 (the server shutting down or not yet
   * accepting connections), as PostgreSQL reports them when it is stopped under a live pool.
   */
  static boolean connectionState(String state) {
    return state != null && (state.startsWith("08") || state.startsWith("57P0"));
  }

  /** The JSON body of a 503, in the shape of Camunda's REST errors ({@code type}, {@code message}). */
  public static String json() {
    return "{\"type\":\"DatabaseUnavailable\",\"message\":\"" + MESSAGE + "\"}";
  }
}
