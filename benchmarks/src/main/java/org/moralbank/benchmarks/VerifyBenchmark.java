package org.moralbank.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.BranchConfig;
import org.moralbank.ledger.BranchJournal;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.JournalVerifier;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.TransferRequest;
import org.moralbank.ledger.store.InMemoryStore;
import org.moralbank.ledger.store.JournalRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verification throughput over a journal of {@link #RECORDS} records held in memory: {@code
 * fullReplay} feeds the record bytes to one {@link JournalVerifier} on one thread (decode,
 * position, chain, timestamps, re-deciding every transfer); {@code storeVerify} runs {@link
 * JournalVerifier#verify} over the in-memory store, which checks the chain on the calling thread
 * and replays the bodies on a second one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Eight warm-up iterations: with three, the two-thread runs were still speeding up through the
// measured ones (the JIT and the heap's sizing settle late), which measured the warm-up.
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
public class VerifyBenchmark {
  static final int RECORDS = 200_000;
  static final int MEMBERS = 10_000;

  @Param({"SHA_256", "SM3"})
  public HashAlgorithm algorithm;

  /**
   * Transfer ids counting up from 1, or random 128-bit ids as clients and {@code timebank} make
   * them: the idempotency table's cost depends on which.
   */
  @Param({"sequential", "random"})
  public String ids;

  private List<byte[]> records;
  private InMemoryStore store;

  @Setup
  public void build() throws IOException {
    InMemoryStore written = new InMemoryStore();
    AccountId fund = AccountId.of(1);
    try (BranchJournal journal = BranchJournal.create(written, BranchConfig.of("bench", "branch").withAlgorithm(algorithm))) {
      List<Command<?>> commands = new ArrayList<>();
      commands.add(Command.OpenAccount.fund(fund));
      for (int i = 0; i < MEMBERS; i++) {
        commands.add(Command.OpenAccount.member(AccountId.of(1000 + i)));
      }
      SplittableRandom random = new SplittableRandom(42);
      for (long id = 1; written.size() + commands.size() < RECORDS; id++) {
        TransferId transferId = TransferIds.next("random".equals(ids), random, id);
        commands.add(Command.TransferGroup.of(TransferRequest.Single.of(
            transferId, fund, AccountId.of(1000 + id % MEMBERS), Minutes.of(60), 1)));
        if (commands.size() == 8192) {
          journal.submitAll(commands).join();
          commands = new ArrayList<>();
        }
      }
      journal.submitAll(commands).join();
    }
    // The journal closed its store; the verifier reads an open copy.
    store = new InMemoryStore();
    store.append(written.records());
    records = new ArrayList<>();
    for (JournalRecord r : written.records()) {
      records.add(r.bytes());
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public JournalVerifier.Report fullReplay() {
    JournalVerifier v = new JournalVerifier();
    for (byte[] r : records) {
      v.accept(r);
    }
    JournalVerifier.Report report = v.finish();
    if (!report.sound() || report.records() != RECORDS) {
      throw new AssertionError(report);
    }
    return report;
  }

  /** {@code JournalVerifier.verify} of the in-memory store: chain check and replay on two threads. */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public JournalVerifier.Report storeVerify() throws IOException {
    JournalVerifier.Report report = JournalVerifier.verify(store, Optional.empty());
    if (!report.sound() || report.records() != RECORDS) {
      throw new AssertionError(report);
    }
    return report;
  }
}
