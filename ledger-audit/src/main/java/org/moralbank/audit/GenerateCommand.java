package org.moralbank.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.BranchConfig;
import org.moralbank.ledger.BranchJournal;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.TransferRequest;
import org.moralbank.storage.file.FileJournalStore;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code generate} (hidden): writes a synthetic branch journal through the real engine and file
 * store, for trying the tool and measuring it. The same options give the same records, since the
 * ledger clock is simulated: it starts at 2026-01-01T00:00:00Z and moves one microsecond per
 * record.
 */
@CommandLine.Command(name = "generate", hidden = true, mixinStandardHelpOptions = true,
    description = "Writes a synthetic file journal of N records (for trials and measurements).")
final class GenerateCommand implements Callable<Integer> {
  /** 2026-01-01T00:00:00Z in nanoseconds. */
  static final long START = 1_767_225_600_000_000_000L;

  private static final int CHUNK = 4096;

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "An empty or new directory.")
  private Path directory;

  @Option(names = "--records", required = true, paramLabel = "N",
      description = "How many records to write, genesis included (at least 2).")
  private long records;

  @Option(names = "--members", paramLabel = "M", defaultValue = "1000",
      description = "Member accounts (default ${DEFAULT-VALUE}).")
  private int members;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the pseudo-random choices (default ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--bank", defaultValue = "demo-bank", description = "Bank id.")
  private String bank;

  @Option(names = "--branch", defaultValue = "branch-1", description = "Branch id.")
  private String branch;

  @Option(names = "--algorithm", defaultValue = "SHA_256",
      description = "SHA_256 or SM3 (default ${DEFAULT-VALUE}).")
  private HashAlgorithm algorithm;

  @Option(names = "--segment-size", paramLabel = "BYTES",
      defaultValue = "" + FileJournalStore.DEFAULT_SEGMENT_SIZE,
      description = "Segment size of the file journal (default ${DEFAULT-VALUE}).")
  private long segmentSize;

  @Override
  public Integer call() throws IOException {
    if (records < 2 || members < 2) {
      throw new ParameterException(spec.commandLine(), "need --records >= 2 and --members >= 2");
    }
    if (Files.exists(directory)) {
      try (Stream<Path> s = Files.list(directory)) {
        if (s.findAny().isPresent()) {
          throw new ParameterException(spec.commandLine(), "Not empty: " + directory);
        }
      }
    }
    BranchConfig config;
    try {
      AtomicLong clock = new AtomicLong(START);
      config = BranchConfig.of(bank, branch).withAlgorithm(algorithm)
          .withClock(() -> clock.addAndGet(1_000));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    long start = System.nanoTime();
    try (BranchJournal journal =
        BranchJournal.create(FileJournalStore.open(directory, segmentSize), config)) {
      new Workload(journal, records, members, seed).run();
      PrintWriter out = spec.commandLine().getOut();
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf("wrote %,d records of %s/%s to %s in %.1f s (%,.0f records/s)%n",
          journal.size(), bank, branch, directory, seconds, journal.size() / seconds);
      out.flush();
    }
    return Exit.SOUND;
  }

  /**
   * A time bank's day: the fund issues hours to members, members exchange hours, some exchanges
   * go through pending transfers that are later posted (in whole or in part) or voided, a few
   * linked pairs, a few notes. Transfers a member cannot afford are journaled as rejections, as
   * in life. Every command makes exactly one record.
   */
  static final class Workload {
    private final BranchJournal journal;
    private final long records;
    private final int members;
    private final SplittableRandom random;
    private final List<TransferId> open = new ArrayList<>();
    private long nextTransfer = 1;

    Workload(BranchJournal journal, long records, int members, long seed) {
      this.journal = journal;
      this.records = records;
      this.members = members;
      this.random = new SplittableRandom(seed);
    }

    static AccountId fund() {
      return AccountId.of(1);
    }

    static AccountId member(int i) {
      return AccountId.of(1000 + i);
    }

    void run() {
      List<Command<?>> batch = new ArrayList<>();
      long planned = journal.size();
      batch.add(Command.OpenAccount.fund(fund()));
      planned++;
      for (int i = 0; i < members && planned < records; i++, planned++) {
        batch.add(Command.OpenAccount.member(member(i)));
      }
      while (planned < records) {
        if (batch.size() == CHUNK) {
          journal.submitAll(batch).join();
          batch = new ArrayList<>();
        }
        batch.add(next());
        planned++;
      }
      if (!batch.isEmpty()) {
        journal.submitAll(batch).join();
      }
    }

    private Command<?> next() {
      int dice = random.nextInt(100);
      if (dice < 20) {
        return group(single(fund(), anyMember(), 30 + random.nextInt(240)));
      }
      if (dice < 75) {
        return group(single(anyMember(), anyMember(), 1 + random.nextInt(120)));
      }
      if (dice < 85) {
        TransferId id = id();
        open.add(id);
        return group(new TransferRequest.Pending(id, anyMember(), anyMember(),
            Minutes.of(1 + random.nextInt(90)), 2, Optional.empty(), "booking",
            Duration.ofDays(1)));
      }
      if (dice < 93 && !open.isEmpty()) {
        TransferId pending = open.remove(random.nextInt(open.size()));
        if (random.nextInt(4) == 0) {
          return group(new TransferRequest.VoidPending(id(), pending));
        }
        Optional<Minutes> part = random.nextBoolean() ? Optional.empty() : Optional.of(Minutes.of(1));
        return group(new TransferRequest.PostPending(id(), pending, part));
      }
      if (dice < 97) {
        return new Command.TransferGroup(List.of(
            single(anyMember(), anyMember(), 1 + random.nextInt(60)),
            single(anyMember(), anyMember(), 1 + random.nextInt(60))));
      }
      byte[] payload = new byte[16 + random.nextInt(48)];
      random.nextBytes(payload);
      return new Command.Note(7, payload);
    }

    private TransferRequest single(AccountId debit, AccountId credit, long minutes) {
      if (debit.equals(credit)) {
        credit = debit.equals(member(0)) ? member(1) : member(0);
      }
      return new TransferRequest.Single(id(), debit, credit, Minutes.of(minutes), 1,
          Optional.empty(), "service");
    }

    private static Command.TransferGroup group(TransferRequest r) {
      return Command.TransferGroup.of(r);
    }

    private AccountId anyMember() {
      return member(random.nextInt(members));
    }

    private TransferId id() {
      return TransferId.of(nextTransfer++);
    }
  }
}
