package org.moralbank.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A fixed pool of connections, as an application gives {@code PostgresJournalStore} (no pool
 * library is a dependency of this project). {@link #getConnection()} waits for an idle
 * connection; closing the connection it returns hands it back.
 */
final class ConnectionPool implements DataSource, AutoCloseable {
  private final List<Connection> all = new ArrayList<>();
  private final BlockingQueue<Connection> idle;

  ConnectionPool(DataSource source, int size) throws SQLException {
    idle = new ArrayBlockingQueue<>(size, true);
    for (int i = 0; i < size; i++) {
      Connection c = source.getConnection();
      all.add(c);
      idle.add(c);
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection real;
    try {
      real = idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a connection", e);
    }
    boolean[] returned = new boolean[1];
    return (Connection) Proxy.newProxyInstance(
        Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class},
        (proxy, method, args) -> invoke(real, returned, method, args));
  }

  private Object invoke(Connection real, boolean[] returned, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "close":
        if (!returned[0]) {
          returned[0] = true;
          idle.add(real);
        }
        return null;
      case "isClosed":
        return returned[0] || real.isClosed();
      default:
        if (returned[0]) {
          throw new SQLException("connection already handed back to the pool");
        }
        try {
          return method.invoke(real, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pool's connections have one user");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no java.util.logging here");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }

  @Override
  public void close() throws SQLException {
    for (Connection c : all) {
      c.close();
    }
  }
}
