package org.moralbank.storage.jdbc;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.store.AppendConflictException;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.ledger.store.JournalStore;
import org.moralbank.ledger.store.Snapshot;
import org.moralbank.ledger.store.Stores;

/**
 * One branch's journal in a PostgreSQL database, for applications that already run PostgreSQL
 * and for several application instances sharing one bank.
 *
 * <p>The database, not this class, is what keeps a branch's chain whole: records are keyed by
 * (branch, sequence), a trigger refuses a record whose previous hash is not the hash of the
 * stored record before it, and another refuses every UPDATE, DELETE and TRUNCATE. So when two
 * instances append to one branch at once, exactly one transaction commits; the other fails with a
 * unique violation and is reported as {@link AppendConflictException}, having written nothing. Its
 * engine then calls {@link #refresh()}, replays what it missed and retries.
 *
 * <pre>{@code
 * PGSimpleDataSource ds = new PGSimpleDataSource();   // or a connection pool
 * ds.setURL("jdbc:postgresql://db.example:5432/bank");
 * ds.setUser("moralbank");
 * ds.setPassword(secret);
 * try (JournalStore store = PostgresJournalStore.open(ds, "branch-7")) {
 *   BranchJournal journal = BranchJournal.open(store, config);
 * }
 * }</pre>
 *
 * <p>Each operation borrows a connection from the application's {@link DataSource} and returns
 * it: give it a pool. {@link #append} is one statement in one transaction (group commit: the
 * whole batch or nothing), durable when it returns as far as the server's {@code
 * synchronous_commit} setting makes commits durable. {@link #read} streams through a
 * server-side cursor. The store is safe for use by several threads; the engine's single writer
 * appends while readers read.
 *
 * <p>The schema is created and migrated by {@link #open}; see docs/postgresql.md.
 */
public final class PostgresJournalStore implements JournalStore {
  /** The schema (namespace) the tables live in unless the application names another. */
  public static final String DEFAULT_SCHEMA = "moralbank";

  /** The version of the tables and triggers this library creates and expects. */
  public static final int SCHEMA_VERSION = PostgresSchema.CURRENT_VERSION;

  /** Longest branch id accepted. */
  public static final int MAX_BRANCH_LENGTH = 200;

  private static final int FETCH_SIZE = 256;

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String SERIALIZATION_FAILURE = "40001";

  private final DataSource dataSource;
  private final String schema;
  private final String branch;
  private final String insertRecords;
  private final String selectRecords;
  private final String selectHead;
  private final String upsertSnapshot;
  private final String selectSnapshot;
  private final String selectRecordHash;

  /** This instance's view of the branch: replaced whole, so readers see a consistent pair. */
  private volatile View view;

  private volatile boolean closed;

  private record View(long size, Hash head) {}

  private PostgresJournalStore(DataSource dataSource, String schema, String branch) {
    this.dataSource = dataSource;
    this.schema = schema;
    this.branch = branch;
    String records = PostgresSchema.table(schema, PostgresSchema.RECORD_TABLE);
    String snapshots = PostgresSchema.table(schema, PostgresSchema.SNAPSHOT_TABLE);
    // One statement for the whole batch: no dependence on the driver's batch rewriting, no limit
    // on bind parameters, one round trip.
    this.insertRecords =
        "INSERT INTO " + records + " (branch, sequence, previous_hash, hash, bytes)"
            + " SELECT ?, r.sequence, r.previous_hash, r.hash, r.bytes"
            + " FROM unnest(?::bigint[], ?::bytea[], ?::bytea[], ?::bytea[]) WITH ORDINALITY"
            + " AS r(sequence, previous_hash, hash, bytes, position) ORDER BY r.position";
    this.selectRecords =
        "SELECT sequence, previous_hash, hash, bytes FROM " + records
            + " WHERE branch = ? AND sequence >= ? AND sequence < ? ORDER BY sequence";
    this.selectHead =
        "SELECT sequence, hash FROM " + records + " WHERE branch = ? ORDER BY sequence DESC LIMIT 1";
    this.selectRecordHash =
        "SELECT hash FROM " + records + " WHERE branch = ? AND sequence = ?";
    // A snapshot replaces the kept one unless that one is newer (another instance's).
    this.upsertSnapshot =
        "INSERT INTO " + snapshots + " AS s (branch, size, head, state) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (branch) DO UPDATE"
            + " SET size = excluded.size, head = excluded.head, state = excluded.state,"
            + " saved_at = now() WHERE s.size <= excluded.size";
    this.selectSnapshot =
        "SELECT size, head, state FROM " + snapshots + " WHERE branch = ?";
  }

  /**
   * Opens branch {@code branch} in the {@linkplain #DEFAULT_SCHEMA default schema}, creating or
   * migrating the schema first.
   *
   * @param dataSource the database's connections
   * @param branch the branch journal's id
   * @return the store
   * @throws IllegalArgumentException if {@code branch} is empty, longer than {@link
   *     #MAX_BRANCH_LENGTH} or contains a NUL character
   * @throws IOException if the database fails or its schema is newer than this library
   */
  public static PostgresJournalStore open(DataSource dataSource, String branch)
      throws IOException {
    return open(dataSource, DEFAULT_SCHEMA, branch);
  }

  /**
   * Opens branch {@code branch} in {@code schema}, creating or migrating the schema first. Stores
   * of one bank share a schema; each branch is one store.
   *
   * @param dataSource the database's connections
   * @param schema the bank's schema
   * @param branch the branch journal's id
   * @return the store
   * @throws IllegalArgumentException if {@code schema} is not a plain lower-case identifier (see
   *     {@link #migrate}) or {@code branch} is empty, longer than {@link #MAX_BRANCH_LENGTH} or
   *     contains a NUL character
   * @throws IOException if the database fails or its schema is newer than this library
   */
  public static PostgresJournalStore open(DataSource dataSource, String schema, String branch)
      throws IOException {
    Objects.requireNonNull(dataSource, "dataSource == null");
    PostgresSchema.checkName(schema);
    checkBranch(branch);
    PostgresSchema.migrate(dataSource, schema);
    PostgresJournalStore store = new PostgresJournalStore(dataSource, schema, branch);
    store.view = store.load();
    return store;
  }

  /**
   * Creates or migrates {@code schema} to {@link #SCHEMA_VERSION} and returns the version, for
   * deployments that migrate with a privileged role before starting the application; {@link
   * #open} does the same and changes nothing when the schema is current. Safe to run from several
   * processes at once.
   *
   * @param dataSource the database's connections, with the rights to create tables
   * @param schema the bank's schema
   * @return the schema version, {@link #SCHEMA_VERSION}
   * @throws IllegalArgumentException if {@code schema} does not match {@code [a-z_][a-z0-9_]*} or
   *     is longer than 63 characters
   * @throws IOException if the database fails or its schema is newer than this library
   */
  public static int migrate(DataSource dataSource, String schema) throws IOException {
    Objects.requireNonNull(dataSource, "dataSource == null");
    return PostgresSchema.migrate(dataSource, schema);
  }

  private static void checkBranch(String branch) {
    Objects.requireNonNull(branch, "branch == null");
    if (branch.isEmpty() || branch.length() > MAX_BRANCH_LENGTH || branch.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "branch id must be 1 to " + MAX_BRANCH_LENGTH + " characters without NUL: \"" + branch + "\"");
    }
  }

  /** {@return the schema this store's tables live in} */
  public String schema() {
    return schema;
  }

  /** {@return the branch this store holds} */
  public String branch() {
    return branch;
  }

  @Override
  public long size() {
    return view.size();
  }

  @Override
  public Hash head() {
    return view.head();
  }

  /**
   * Appends {@code batch} in one transaction.
   *
   * @throws IllegalArgumentException if the batch does not continue this instance's view
   * @throws AppendConflictException if another writer appended to the branch first; nothing was
   *     written and the view is unchanged: {@link #refresh()} and retry
   * @throws IOException if the database fails otherwise; when the failure hit the commit itself,
   *     the batch may or may not be stored, and {@link #refresh()} tells
   */
  @Override
  public synchronized void append(List<JournalRecord> batch) throws IOException {
    checkOpen();
    View current = view;
    Stores.checkBatch(batch, current.size(), current.head());
    int n = batch.size();
    Long[] sequences = new Long[n];
    byte[][] previousHashes = new byte[n][];
    byte[][] hashes = new byte[n][];
    byte[][] bytes = new byte[n][];
    for (int i = 0; i < n; i++) {
      JournalRecord r = batch.get(i);
      sequences[i] = r.sequence();
      previousHashes[i] = r.previousHash().toByteArray();
      hashes[i] = r.hash().toByteArray();
      bytes[i] = r.bytes();
    }
    try {
      Transaction.run(
          dataSource,
          c -> {
            insert(c, sequences, previousHashes, hashes, bytes);
            return null;
          });
    } catch (SQLException e) {
      if (isConflict(e)) {
        throw new AppendConflictException(
            "another writer appended to branch "
                + branch
                + " at sequence "
                + current.size()
                + " first: "
                + e.getMessage(),
            e);
      }
      throw new IOException(
          "appending records " + current.size() + ".." + (current.size() + n - 1)
              + " to branch " + branch + " failed: " + e.getMessage(),
          e);
    }
    view = new View(current.size() + n, batch.get(n - 1).hash());
  }

  private void insert(
      Connection c, Long[] sequences, byte[][] previousHashes, byte[][] hashes, byte[][] bytes)
      throws SQLException {
    Array a1 = c.createArrayOf("int8", sequences);
    Array a2 = c.createArrayOf("bytea", previousHashes);
    Array a3 = c.createArrayOf("bytea", hashes);
    Array a4 = c.createArrayOf("bytea", bytes);
    try (PreparedStatement s = c.prepareStatement(insertRecords)) {
      s.setString(1, branch);
      s.setArray(2, a1);
      s.setArray(3, a2);
      s.setArray(4, a3);
      s.setArray(5, a4);
      int inserted = s.executeUpdate();
      if (inserted != sequences.length) {
        throw new SQLException("inserted " + inserted + " of " + sequences.length + " records");
      }
    } finally {
      a1.free();
      a2.free();
      a3.free();
      a4.free();
    }
  }

  /**
   * Whether the database refused the batch because another writer got there first: a unique
   * violation on (branch, sequence), the chain trigger (the stored predecessor is not this view's
   * head), or a serialization failure under SERIALIZABLE.
   */
  static boolean isConflict(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        for (SQLException next = s; next != null; next = next.getNextException()) {
          String state = next.getSQLState();
          if (UNIQUE_VIOLATION.equals(state)
              || PostgresSchema.CHAIN_BROKEN.equals(state)
              || SERIALIZATION_FAILURE.equals(state)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Streams records {@code [from, to)} in order through a server-side cursor, in a transaction on
   * a connection of its own.
   *
   * @throws IllegalArgumentException if the range is not within {@code [0, size()]}
   * @throws IOException if the database fails, or a record in the range is missing; an exception
   *     thrown by {@code consumer} stops the read and is rethrown as it is
   */
  @Override
  public void read(long from, long to, RecordConsumer consumer) throws IOException {
    Objects.requireNonNull(consumer, "consumer == null");
    checkOpen();
    Stores.checkRange(from, to, view.size());
    if (from == to) {
      return;
    }
    try {
      // The driver only uses a cursor (fetching FETCH_SIZE rows at a time) inside a transaction.
      long next = Transaction.run(dataSource, c -> stream(c, from, to, consumer));
      if (next != to) {
        throw new IOException(
            "branch " + branch + " has no record " + next + " (reading " + from + ".." + to + ")");
      }
    } catch (SQLException e) {
      throw new IOException(
          "reading records " + from + ".." + to + " of branch " + branch + " failed: "
              + e.getMessage(),
          e);
    }
  }

  /** Returns the sequence after the last record handed to {@code consumer}. */
  private long stream(Connection c, long from, long to, RecordConsumer consumer)
      throws SQLException, IOException {
    try (PreparedStatement s = c.prepareStatement(selectRecords)) {
      s.setFetchSize(FETCH_SIZE);
      s.setString(1, branch);
      s.setLong(2, from);
      s.setLong(3, to);
      long next = from;
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long sequence = rs.getLong(1);
          if (sequence != next) {
            return next;
          }
          consumer.accept(
              new JournalRecord(
                  sequence, Hash.of(rs.getBytes(2)), Hash.of(rs.getBytes(3)), rs.getBytes(4)));
          next++;
        }
      }
      return next;
    }
  }

  /**
   * Reloads {@link #size()} and {@link #head()} from the database, taking in what other instances
   * appended.
   *
   * @throws IOException if the database fails, or holds fewer records than this instance saw
   */
  @Override
  public synchronized void refresh() throws IOException {
    checkOpen();
    View current = view;
    View latest = load();
    if (latest.size() < current.size()) {
      throw new IOException(
          "branch " + branch + " went back from " + current.size() + " to " + latest.size()
              + " records");
    }
    view = latest;
  }

  private View load() throws IOException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(selectHead)) {
      s.setString(1, branch);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return new View(0, Hash.ZERO);
        }
        return new View(rs.getLong(1) + 1, Hash.of(rs.getBytes(2)));
      }
    } catch (SQLException e) {
      throw new IOException("reading the head of branch " + branch + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Keeps {@code snapshot} as the branch's latest, unless the kept one (perhaps saved by another
   * instance) covers more records.
   *
   * @throws IllegalArgumentException if the snapshot covers more records than {@link #size()}, or
   *     its head is not the hash of the record it ends with
   */
  @Override
  public void saveSnapshot(Snapshot snapshot) throws IOException {
    Objects.requireNonNull(snapshot, "snapshot == null");
    checkOpen();
    long size = view.size();
    if (snapshot.size() > size) {
      throw new IllegalArgumentException(
          "snapshot at size " + snapshot.size() + " is ahead of the store (" + size + ")");
    }
    try (Connection c = dataSource.getConnection()) {
      Hash recorded = recordHash(c, snapshot.size() - 1);
      if (!snapshot.head().equals(recorded)) {
        throw new IllegalArgumentException(
            "snapshot head " + snapshot.head() + " is not the hash of record "
                + (snapshot.size() - 1) + " (" + recorded + ")");
      }
      try (PreparedStatement s = c.prepareStatement(upsertSnapshot)) {
        s.setString(1, branch);
        s.setLong(2, snapshot.size());
        s.setBytes(3, snapshot.head().toByteArray());
        s.setBytes(4, snapshot.state());
        s.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IOException(
          "saving a snapshot of branch " + branch + " failed: " + e.getMessage(), e);
    }
  }

  private Hash recordHash(Connection c, long sequence) throws SQLException, IOException {
    try (PreparedStatement s = c.prepareStatement(selectRecordHash)) {
      s.setString(1, branch);
      s.setLong(2, sequence);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new IOException("branch " + branch + " has no record " + sequence);
        }
        return Hash.of(rs.getBytes(1));
      }
    }
  }

  @Override
  public Optional<Snapshot> latestSnapshot() throws IOException {
    checkOpen();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(selectSnapshot)) {
      s.setString(1, branch);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Snapshot(rs.getLong(1), Hash.of(rs.getBytes(2)), rs.getBytes(3)));
      }
    } catch (SQLException e) {
      throw new IOException(
          "reading the snapshot of branch " + branch + " failed: " + e.getMessage(), e);
    }
  }

  /** Stops this instance; the data source stays the application's to close. */
  @Override
  public void close() {
    closed = true;
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("store of branch " + branch + " is closed");
    }
  }

  @Override
  public String toString() {
    View v = view;
    return "PostgresJournalStore[" + schema + "/" + branch + ", size=" + v.size() + "]";
  }
}
