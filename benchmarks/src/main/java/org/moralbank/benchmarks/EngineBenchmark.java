package org.moralbank.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.BranchConfig;
import org.moralbank.ledger.BranchJournal;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.TransferRequest;
import org.moralbank.ledger.store.InMemoryStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-branch engine throughput: validate, decide, encode, hash and append to the in-memory
 * store, through the branch's writer thread. One invocation submits {@link #BATCH} transfers
 * (each its own command, as independent clients would send them) and waits for them all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Eight warm-up iterations: with three, the two-thread runs were still speeding up through the
// measured ones (the JIT and the heap's sizing settle late), which measured the warm-up.
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx8g"})
public class EngineBenchmark {
  static final int BATCH = 8192;
  static final int MEMBERS = 10_000;

  @Param({"SHA_256", "SM3"})
  public HashAlgorithm algorithm;

  /**
   * Transfer ids counting up from 1, or random 128-bit ids as clients and {@code timebank} make
   * them: the idempotency table's cost depends on which.
   */
  @Param({"sequential", "random"})
  public String ids;

  private final SplittableRandom random = new SplittableRandom(42);

  private BranchJournal journal;
  private long nextId;
  private final AccountId fund = AccountId.of(1);

  @Setup(Level.Iteration)
  public void open() throws IOException {
    journal = BranchJournal.create(new InMemoryStore(), BranchConfig.of("bench", "branch").withAlgorithm(algorithm));
    List<Command<?>> opens = new ArrayList<>();
    opens.add(Command.OpenAccount.fund(fund));
    for (int i = 0; i < MEMBERS; i++) {
      opens.add(Command.OpenAccount.member(AccountId.of(1000 + i)));
    }
    journal.submitAll(opens).join();
    nextId = 1;
  }

  /**
   * Closes the iteration's journal and collects it before the next iteration starts: each
   * iteration leaves about a gigabyte of journal behind (two million transfers, their records in
   * the in-memory store and the idempotency table), which an application never throws away, and
   * collecting it during a later iteration measured the previous one's garbage (iterations
   * dropped to a third). Outside the measured time, like JMH's {@code -gc true}.
   */
  @TearDown(Level.Iteration)
  public void close() throws IOException {
    journal.close();
    journal = null;
    System.gc();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object deposits() {
    List<Command<?>> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      long id = nextId++;
      TransferId transferId = TransferIds.next("random".equals(ids), random, id);
      batch.add(Command.TransferGroup.of(TransferRequest.Single.of(
          transferId, fund, AccountId.of(1000 + id % MEMBERS), Minutes.of(60), 1)));
    }
    return journal.submitAll(batch).join();
  }
}
