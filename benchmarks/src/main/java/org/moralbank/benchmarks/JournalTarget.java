package org.moralbank.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.BranchConfig;
import org.moralbank.ledger.BranchJournal;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.TransferRequest;
import org.moralbank.ledger.TransferResult;
import org.moralbank.ledger.store.JournalStore;

/** A moralbank branch journal over some store: each transfer is its own submitted command. */
final class JournalTarget implements LoadTarget {
  /** Seed deposits use ids from here on, far from the submitters' ids. */
  static final long SEED_IDS = 1L << 60;

  private final CountingStore store;
  private final BranchJournal journal;

  JournalTarget(JournalStore store, BranchConfig config) throws IOException {
    this.store = new CountingStore(store);
    this.journal = BranchJournal.create(this.store, config);
  }

  @Override
  public void setUp(int members, long seed) {
    List<Command<?>> commands = new ArrayList<>();
    commands.add(Command.OpenAccount.fund(AccountId.of(FUND)));
    for (int i = 0; i < members; i++) {
      commands.add(Command.OpenAccount.member(AccountId.of(FIRST_MEMBER + i)));
    }
    for (int i = 0; i < members; i++) {
      commands.add(Command.TransferGroup.of(TransferRequest.Single.of(
          TransferId.of(SEED_IDS + i), AccountId.of(FUND), AccountId.of(FIRST_MEMBER + i), Minutes.of(seed), 1)));
    }
    for (int from = 0; from < commands.size(); from += 8192) {
      List<Object> results = journal.submitAll(commands.subList(from, Math.min(commands.size(), from + 8192))).join();
      for (Object r : results) {
        if (r instanceof List<?> transfers && !(transfers.get(0) instanceof TransferResult.Created)) {
          throw new IllegalStateException("seed deposit refused: " + transfers);
        }
      }
    }
  }

  @Override
  public boolean transfer(long id, long debit, long credit, long amount) {
    List<TransferResult> results = journal.submit(Command.TransferGroup.of(TransferRequest.Single.of(
        TransferId.of(id), AccountId.of(debit), AccountId.of(credit), Minutes.of(amount), 1))).join();
    return results.get(0) instanceof TransferResult.Created;
  }

  /**
   * Submits one transfer without blocking: the future completes once it is durable, with true if
   * it was applied. JDBC has no such API, so only the journal has it.
   */
  CompletableFuture<Boolean> submit(long id, long debit, long credit, long amount) {
    return journal.submit(Command.TransferGroup.of(TransferRequest.Single.of(
            TransferId.of(id), AccountId.of(debit), AccountId.of(credit), Minutes.of(amount), 1)))
        .thenApply(results -> results.get(0) instanceof TransferResult.Created);
  }

  @Override
  public void resetStatistics() {
    store.reset();
  }

  @Override
  public String statistics(double seconds) {
    long appends = store.appends.sum();
    if (appends == 0) {
      return "no appends";
    }
    return String.format(
        "%.0f appends/s, %.1f records/append, append %.3f ms mean (%.0f%% of the window)",
        appends / seconds, (double) store.records.sum() / appends,
        store.appendNanos.sum() / 1e6 / appends, 100.0 * store.appendNanos.sum() / (seconds * 1e9));
  }

  BranchJournal journal() {
    return journal;
  }

  @Override
  public void close() throws IOException {
    journal.close();
  }
}
