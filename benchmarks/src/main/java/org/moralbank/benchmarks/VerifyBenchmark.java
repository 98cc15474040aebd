package org.moralbank.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
 * Verification throughput: a full replay of a journal of {@link #RECORDS} records from their
 * bytes (decode, position, chain, timestamps, re-deciding every transfer), as an auditor runs it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
public class VerifyBenchmark {
  static final int RECORDS = 200_000;
  static final int MEMBERS = 10_000;

  @Param({"SHA_256", "SM3"})
  public HashAlgorithm algorithm;

  private List<byte[]> records;

  @Setup
  public void build() throws IOException {
    InMemoryStore store = new InMemoryStore();
    AccountId fund = AccountId.of(1);
    try (BranchJournal journal = BranchJournal.create(store, BranchConfig.of("bench", "branch").withAlgorithm(algorithm))) {
      List<Command<?>> commands = new ArrayList<>();
      commands.add(Command.OpenAccount.fund(fund));
      for (int i = 0; i < MEMBERS; i++) {
        commands.add(Command.OpenAccount.member(AccountId.of(1000 + i)));
      }
      for (long id = 1; store.size() + commands.size() < RECORDS; id++) {
        commands.add(Command.TransferGroup.of(TransferRequest.Single.of(
            TransferId.of(id), fund, AccountId.of(1000 + id % MEMBERS), Minutes.of(60), 1)));
        if (commands.size() == 8192) {
          journal.submitAll(commands).join();
          commands = new ArrayList<>();
        }
      }
      journal.submitAll(commands).join();
    }
    records = new ArrayList<>();
    for (JournalRecord r : store.records()) {
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
}
