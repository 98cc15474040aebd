package org.moralbank.benchmarks;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.ledger.store.JournalStore;
import org.moralbank.ledger.store.Snapshot;

/**
 * A store that counts the engine's appends and the time they take, so that the load comparison
 * can say how large the group commits were and how much of the writer's time went to the store.
 */
final class CountingStore implements JournalStore {
  private final JournalStore store;
  final LongAdder appends = new LongAdder();
  final LongAdder records = new LongAdder();
  final LongAdder appendNanos = new LongAdder();

  CountingStore(JournalStore store) {
    this.store = store;
  }

  void reset() {
    appends.reset();
    records.reset();
    appendNanos.reset();
  }

  @Override
  public long size() {
    return store.size();
  }

  @Override
  public Hash head() {
    return store.head();
  }

  @Override
  public void append(List<JournalRecord> batch) throws IOException {
    long start = System.nanoTime();
    store.append(batch);
    appendNanos.add(System.nanoTime() - start);
    appends.increment();
    records.add(batch.size());
  }

  @Override
  public void read(long from, long to, RecordConsumer consumer) throws IOException {
    store.read(from, to, consumer);
  }

  @Override
  public void refresh() throws IOException {
    store.refresh();
  }

  @Override
  public void saveSnapshot(Snapshot snapshot) throws IOException {
    store.saveSnapshot(snapshot);
  }

  @Override
  public Optional<Snapshot> latestSnapshot() throws IOException {
    return store.latestSnapshot();
  }

  @Override
  public void close() throws IOException {
    store.close();
  }
}
