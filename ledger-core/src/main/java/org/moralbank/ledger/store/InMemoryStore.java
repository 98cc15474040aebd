package org.moralbank.ledger.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.moralbank.ledger.Hash;

/**
 * A store that keeps records on the heap: for tests, benchmarks and embedders that need no
 * durability. Thread-safe.
 */
public final class InMemoryStore implements JournalStore {
  private final List<JournalRecord> records = new ArrayList<>();
  private Snapshot snapshot;
  private boolean closed;

  /** An empty store. */
  public InMemoryStore() {}

  /** {@return true: an in-memory store has one writer} */
  @Override
  public boolean exclusive() {
    return true;
  }

  @Override
  public synchronized long size() {
    return records.size();
  }

  @Override
  public synchronized Hash head() {
    return records.isEmpty() ? Hash.ZERO : records.get(records.size() - 1).hash();
  }

  @Override
  public synchronized void append(List<JournalRecord> batch) throws IOException {
    checkOpen();
    Stores.checkBatch(batch, records.size(), head());
    records.addAll(batch);
  }

  @Override
  public void read(long from, long to, RecordConsumer consumer) throws IOException {
    Objects.requireNonNull(consumer, "consumer == null");
    List<JournalRecord> range;
    synchronized (this) {
      checkOpen();
      Stores.checkRange(from, to, records.size());
      range = List.copyOf(records.subList((int) from, (int) to));
    }
    for (JournalRecord r : range) {
      consumer.accept(r);
    }
  }

  @Override
  public synchronized void saveSnapshot(Snapshot s) throws IOException {
    checkOpen();
    Objects.requireNonNull(s, "snapshot == null");
    if (s.size() > records.size()) {
      throw new IllegalArgumentException(
          "snapshot at size " + s.size() + " is ahead of the store (" + records.size() + ")");
    }
    snapshot = s;
  }

  @Override
  public synchronized Optional<Snapshot> latestSnapshot() throws IOException {
    checkOpen();
    return Optional.ofNullable(snapshot);
  }

  /** {@return for tests: a copy of every record} */
  public synchronized List<JournalRecord> records() {
    return new ArrayList<>(records);
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("store is closed");
    }
  }
}
