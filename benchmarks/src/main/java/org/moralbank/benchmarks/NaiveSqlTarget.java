package org.moralbank.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * What an application would write instead of moralbank: a {@code balances} table and a {@code
 * transfers} table, and one transaction per transfer that debits (refusing to take a member below
 * zero), credits and inserts the transfer, then commits. Rows are locked in account order, so
 * transfers in opposite directions cannot deadlock; a deadlock or serialization failure would be
 * retried and counted all the same.
 *
 * <p>Threads borrow a session (a connection with its prepared statements) from a fixed pool, first
 * come first served (a fair queue, as a connection pool hands connections to waiting threads in
 * order; an unfair one lets a thread that just gave one back take it again and starves others):
 * PostgreSQL gets several; SQLite gets one, because it has one writer at a time and several
 * connections would only wait on each other's file locks (with a sleeping busy handler).
 */
final class NaiveSqlTarget implements LoadTarget {
  private final String prefix;
  private final String idType;
  private final List<Connection> connections;
  private final BlockingQueue<Session> sessions;
  private final LongAdder retries = new LongAdder();

  /** {@code prefix} qualifies table names ("schema." or ""); {@code idType} is the key column type. */
  NaiveSqlTarget(List<Connection> connections, String prefix, String idType) {
    this.connections = List.copyOf(connections);
    this.prefix = prefix;
    this.idType = idType;
    this.sessions = new ArrayBlockingQueue<>(connections.size(), true);
  }

  @Override
  public void setUp(int members, long seed) throws SQLException {
    Connection c = connections.get(0);
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + prefix + "balances ("
          + "account " + idType + " PRIMARY KEY, "
          + "overdraft BOOLEAN NOT NULL, "
          + "balance BIGINT NOT NULL)");
      s.execute("CREATE TABLE " + prefix + "transfers ("
          + "id " + idType + " PRIMARY KEY, "
          + "debit BIGINT NOT NULL REFERENCES " + prefix + "balances (account), "
          + "credit BIGINT NOT NULL REFERENCES " + prefix + "balances (account), "
          + "amount BIGINT NOT NULL CHECK (amount > 0), "
          + "code INTEGER NOT NULL, "
          + "created_at BIGINT NOT NULL)");
    }
    try (PreparedStatement p = c.prepareStatement(
        "INSERT INTO " + prefix + "balances (account, overdraft, balance) VALUES (?, ?, ?)")) {
      p.setLong(1, FUND);
      p.setBoolean(2, true);
      p.setLong(3, -seed * members);
      p.addBatch();
      for (int i = 0; i < members; i++) {
        p.setLong(1, FIRST_MEMBER + i);
        p.setBoolean(2, false);
        p.setLong(3, seed);
        p.addBatch();
      }
      p.executeBatch();
    }
    c.commit();
    for (Connection each : connections) {
      each.setAutoCommit(false);
      sessions.add(new Session(each));
    }
  }

  /** A connection and its statements; used by one thread at a time. */
  private final class Session {
    final Connection connection;
    final PreparedStatement debit;
    final PreparedStatement credit;
    final PreparedStatement insert;

    Session(Connection c) throws SQLException {
      connection = c;
      debit = c.prepareStatement("UPDATE " + prefix + "balances SET balance = balance - ?"
          + " WHERE account = ? AND (overdraft OR balance >= ?)");
      credit = c.prepareStatement("UPDATE " + prefix + "balances SET balance = balance + ? WHERE account = ?");
      insert = c.prepareStatement("INSERT INTO " + prefix + "transfers"
          + " (id, debit, credit, amount, code, created_at) VALUES (?, ?, ?, ?, ?, ?)");
    }

    boolean transfer(long id, long from, long to, long amount) throws SQLException {
      boolean applied;
      if (from < to) {
        applied = debit(from, amount) && credit(to, amount);
      } else {
        applied = credit(to, amount) && debit(from, amount);
      }
      if (!applied) {
        connection.rollback();
        return false;
      }
      insert.setLong(1, id);
      insert.setLong(2, from);
      insert.setLong(3, to);
      insert.setLong(4, amount);
      insert.setInt(5, 1);
      insert.setLong(6, System.currentTimeMillis() * 1000);
      insert.executeUpdate();
      connection.commit();
      return true;
    }

    private boolean debit(long account, long amount) throws SQLException {
      debit.setLong(1, amount);
      debit.setLong(2, account);
      debit.setLong(3, amount);
      return debit.executeUpdate() == 1;
    }

    private boolean credit(long account, long amount) throws SQLException {
      credit.setLong(1, amount);
      credit.setLong(2, account);
      return credit.executeUpdate() == 1;
    }
  }

  @Override
  public boolean transfer(long id, long debit, long credit, long amount) throws Exception {
    Session s = sessions.take();
    try {
      for (int attempt = 0; ; attempt++) {
        try {
          boolean applied = s.transfer(id, debit, credit, amount);
          return applied;
        } catch (SQLException e) {
          s.connection.rollback();
          if (attempt < 100 && isRetryable(e)) {
            retries.increment();
            continue;
          }
          throw e;
        }
      }
    } finally {
      sessions.add(s);
    }
  }

  /** Deadlock detected, serialization failure, SQLite busy or locked. */
  private static boolean isRetryable(SQLException e) {
    String state = e.getSQLState();
    String message = String.valueOf(e.getMessage());
    return "40P01".equals(state) || "40001".equals(state)
        || message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED");
  }

  @Override
  public void resetStatistics() {
    retries.reset();
  }

  @Override
  public String statistics(double seconds) {
    return String.format("%d connection(s), %d retries", connections.size(), retries.sum());
  }

  /** How many transfers the table holds, to check the run against what the submitters counted. */
  long transferRows() throws SQLException {
    Session s = sessions.poll();
    if (s == null) {
      throw new IllegalStateException("no idle session");
    }
    try (Statement st = s.connection.createStatement();
        ResultSet r = st.executeQuery("SELECT count(*) FROM " + prefix + "transfers")) {
      r.next();
      long n = r.getLong(1);
      s.connection.commit();
      return n;
    } finally {
      sessions.add(s);
    }
  }

  @Override
  public void close() throws SQLException {
    List<SQLException> problems = new ArrayList<>();
    for (Connection c : connections) {
      try {
        c.close();
      } catch (SQLException e) {
        problems.add(e);
      }
    }
    if (!problems.isEmpty()) {
      throw problems.get(0);
    }
  }
}
