package io.nexus.server.persistence;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises failures that say the database is out of reach rather than that the request is wrong: no connection
 * to be had, a connection dropped or terminated, a database shutting down or out of resources, a transient conflict.
 * They are answered 503 with Retry-After, since the same request can succeed once the database is back.
 */
public final class DatabaseFailures {
  /**
   * SQL states outside class 08 (connection exception) that also mean "not now": PostgreSQL's admin shutdown, crash
   * shutdown, cannot connect now, and too many connections.
   */
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

  private DatabaseFailures() {}

  /** Whether {@code failure}, or any of its causes, means the database could not be used for now. */
  public static boolean unavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TransientDataAccessException) {
        return true;
      }
    }
    return connectionLost(failure);
  }

  /** Whether {@code failure}, or any of its causes, says a connection could not be had or was lost. */
  public static boolean connectionLost(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DataAccessResourceFailureException || t instanceof RecoverableDataAccessException
          || t instanceof CannotCreateTransactionException
          // A commit or rollback that failed: after a dropped connection the pool has closed it ("Connection is
          // closed", with no SQL state), and the rollback's failure replaces the statement's.
          || t instanceof TransactionSystemException
          || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }
}
