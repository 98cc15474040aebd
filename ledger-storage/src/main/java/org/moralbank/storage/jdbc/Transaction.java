package org.moralbank.storage.jdbc;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs work in one transaction on a connection borrowed from the application's data source, and
 * hands the connection back in the auto-commit state it came in, whatever happened.
 */
final class Transaction {
  private Transaction() {}

  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException, IOException;
  }

  /** Commits when {@code work} returns; rolls back and rethrows when it throws. */
  static <T> T run(DataSource dataSource, Work<T> work) throws SQLException, IOException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      if (autoCommit) {
        c.setAutoCommit(false);
      }
      T result;
      try {
        result = work.run(c);
        c.commit();
      } catch (Throwable e) {
        try {
          c.rollback();
          if (autoCommit) {
            c.setAutoCommit(true);
          }
        } catch (SQLException cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
      if (autoCommit) {
        c.setAutoCommit(true);
      }
      return result;
    }
  }
}
