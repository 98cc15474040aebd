package org.moralbank.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server the tests use, from the environment: MORALBANK_PG_URL (default {@value
 * #DEFAULT_URL}), MORALBANK_PG_USER and MORALBANK_PG_PASSWORD (both default {@code moralbank}).
 *
 * <p>When no server answers, every PostgreSQL test is skipped with a message on stderr, except
 * under CI=true, where the tests fail: CI must never pass by skipping them. {@code .ci/postgres}
 * sets up a local server.
 */
final class PostgresTestDatabase {
  static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/moralbank";

  private static Availability availability;

  private PostgresTestDatabase() {}

  /** Whether a server answered, and if not, why. */
  record Availability(DataSource dataSource, String problem) {}

  /**
   * The data source of the test server; aborts the calling test (or fails it under CI=true)
   * when there is none.
   */
  static synchronized DataSource dataSource() {
    if (availability == null) {
      availability = probe(System.getenv());
      if (availability.problem() != null) {
        System.err.println(verdict(System.getenv()) + availability.problem());
      }
    }
    return require(availability, System.getenv());
  }

  static Availability probe(Map<String, String> env) {
    String url = env.getOrDefault("MORALBANK_PG_URL", DEFAULT_URL);
    String user = env.getOrDefault("MORALBANK_PG_USER", "moralbank");
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    ds.setUser(user);
    ds.setPassword(env.getOrDefault("MORALBANK_PG_PASSWORD", "moralbank"));
    ds.setConnectTimeout(5);
    ds.setApplicationName("moralbank-tests");
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SELECT 1");
      return new Availability(ds, null);
    } catch (SQLException e) {
      return new Availability(
          null,
          "no PostgreSQL server at "
              + url
              + " as "
              + user
              + " ("
              + e.getMessage()
              + "). Run .ci/postgres, or set MORALBANK_PG_URL, MORALBANK_PG_USER and"
              + " MORALBANK_PG_PASSWORD.");
    }
  }

  /** Returns the data source, or aborts (fails under CI=true) with the probe's message. */
  static DataSource require(Availability a, Map<String, String> env) {
    if (a.problem() != null) {
      if (underCi(env)) {
        Assertions.fail(verdict(env) + a.problem());
      }
      Assumptions.abort(verdict(env) + a.problem());
    }
    return a.dataSource();
  }

  private static boolean underCi(Map<String, String> env) {
    return "true".equalsIgnoreCase(env.get("CI"));
  }

  private static String verdict(Map<String, String> env) {
    return underCi(env)
        ? "PostgreSQL tests FAILED (CI=true forbids skipping them): "
        : "PostgreSQL tests SKIPPED: ";
  }

  /** A new schema name no other test uses. */
  static String freshSchema(String purpose) {
    return "mbtest_" + purpose + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  static void dropSchema(String schema) throws SQLException {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS \"" + PostgresSchema.checkName(schema) + "\" CASCADE");
    }
  }
}
