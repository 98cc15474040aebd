package org.moralbank.benchmarks;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.moralbank.ledger.store.ForwardingJournalStore;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.ledger.store.JournalStore;

/**
 * A store that counts the engine's appends and the time they take, so that the load comparison
 * can say how large the group commits were and how much of the writer's time went to the store.
 */
final class CountingStore extends ForwardingJournalStore {
  final LongAdder appends = new LongAdder();
  final LongAdder records = new LongAdder();
  final LongAdder appendNanos = new LongAdder();

  CountingStore(JournalStore store) {
    super(store);
  }

  void reset() {
    appends.reset();
    records.reset();
    appendNanos.reset();
  }

  @Override
  public void append(List<JournalRecord> batch) throws IOException {
    long start = System.nanoTime();
    delegate().append(batch);
    appendNanos.add(System.nanoTime() - start);
    appends.increment();
    records.add(batch.size());
  }
}
