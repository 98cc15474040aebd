package org.moralbank.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.moralbank.ledger.store.InMemoryStore;
import org.moralbank.ledger.store.JournalStore;

/** Small helpers shared by the engine tests. */
final class Fixtures {
  static final long T0 = 1_700_000_000_000_000_000L;

  private Fixtures() {}

  /** A clock that the test moves by hand; starts at T0. */
  static final class ManualClock implements LongSupplier {
    final AtomicLong now = new AtomicLong(T0);

    @Override
    public long getAsLong() {
      return now.get();
    }

    void advanceSeconds(long s) {
      now.addAndGet(s * 1_000_000_000L);
    }
  }

  static BranchConfig config(LongSupplier clock) {
    return BranchConfig.of("test-bank", "flower-association").withClock(clock);
  }

  static BranchJournal create(JournalStore store, LongSupplier clock) {
    try {
      return BranchJournal.create(store, config(clock));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BranchJournal newJournal(ManualClock clock) {
    return create(new InMemoryStore(), clock);
  }

  static AccountId acct(long n) {
    return AccountId.of(n);
  }

  static TransferId tid(long n) {
    return TransferId.of(n);
  }

  static Minutes min(long n) {
    return Minutes.of(n);
  }
}
