package org.moralbank.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.BranchConfig;
import org.moralbank.ledger.BranchJournal;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.JournalVerifier;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.TransferRequest;
import org.moralbank.storage.file.FileJournalStore;

/**
 * Reopen and audit times of a large file journal, one measurement per JVM (a reopen happens in a
 * fresh process, cold JIT included):
 *
 * <pre>
 * java -Xmx10g -cp benchmarks.jar org.moralbank.benchmarks.ReopenTime generate --dir D [--records 10000000] [--algorithm SHA_256] [--random-ids]
 * java -Xmx10g -cp benchmarks.jar org.moralbank.benchmarks.ReopenTime open --dir D [--no-snapshot]
 * java -Xmx10g -cp benchmarks.jar org.moralbank.benchmarks.ReopenTime verify --dir D
 * </pre>
 *
 * <p>{@code generate} writes the journal with the engine ({@code BranchJournal.submitAll} in
 * batches of 8192 commands over {@code FileJournalStore}): 10,000 member accounts and a fund,
 * then single transfers, 10% fund deposits and 90% gifts between members, and saves a snapshot at
 * the end. Transfer ids count up from 1, or with {@code --random-ids} are random 128-bit ids (seeded,
 * so the same every run), as clients that choose their own ids (and {@code timebank}) make them.
 * {@code open} times {@code FileJournalStore.open} (the store's recovery scan) and
 * {@code BranchJournal.open} (snapshot restore and replay of the tail); {@code --no-snapshot}
 * moves the snapshot files aside for the run and back afterwards, so that the engine replays every
 * record. {@code verify} times {@code JournalVerifier.verify(store, Optional.empty())}.
 */
public final class ReopenTime {
  static final int MEMBERS = 10_000;
  static final int BATCH = 8192;
  static final String ASIDE = ".aside";

  private ReopenTime() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: generate|open|verify --dir DIR [options]");
    }
    String mode = args[0];
    Path dir = null;
    long records = 10_000_000;
    HashAlgorithm algorithm = HashAlgorithm.SHA_256;
    boolean noSnapshot = false;
    boolean randomIds = false;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--dir":
          dir = Path.of(args[++i]);
          break;
        case "--records":
          records = Long.parseLong(args[++i]);
          break;
        case "--algorithm":
          algorithm = HashAlgorithm.valueOf(args[++i]);
          break;
        case "--no-snapshot":
          noSnapshot = true;
          break;
        case "--random-ids":
          randomIds = true;
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (dir == null) {
      throw new IllegalArgumentException("--dir is required");
    }
    Files.createDirectories(dir);
    System.out.println("ReopenTime " + String.join(" ", args));
    Machine.describe(dir).forEach(line -> System.out.println("  " + line));
    switch (mode) {
      case "generate":
        generate(dir, records, algorithm, randomIds);
        break;
      case "open":
        open(dir, algorithm, noSnapshot);
        break;
      case "verify":
        verify(dir);
        break;
      default:
        throw new IllegalArgumentException("unknown mode " + mode);
    }
  }

  static BranchConfig config(HashAlgorithm algorithm) {
    return BranchConfig.of("bench", "reopen").withAlgorithm(algorithm);
  }

  static void generate(Path dir, long records, HashAlgorithm algorithm, boolean randomIds)
      throws IOException {
    try (var entries = Files.list(dir)) {
      if (entries.findAny().isPresent()) {
        throw new IllegalStateException(dir + " is not empty");
      }
    }
    long start = System.nanoTime();
    AccountId fund = AccountId.of(LoadTarget.FUND);
    try (BranchJournal journal = BranchJournal.create(FileJournalStore.open(dir), config(algorithm))) {
      List<Command<?>> setup = new ArrayList<>();
      setup.add(Command.OpenAccount.fund(fund));
      for (int i = 0; i < MEMBERS; i++) {
        setup.add(Command.OpenAccount.member(AccountId.of(LoadTarget.FIRST_MEMBER + i)));
      }
      for (int i = 0; i < MEMBERS; i++) {
        setup.add(Command.TransferGroup.of(TransferRequest.Single.of(TransferId.of(JournalTarget.SEED_IDS + i),
            fund, AccountId.of(LoadTarget.FIRST_MEMBER + i), Minutes.of(LoadComparison.SEED_MINUTES), 1)));
      }
      for (int from = 0; from < setup.size(); from += BATCH) {
        journal.submitAll(setup.subList(from, Math.min(setup.size(), from + BATCH))).join();
      }
      SplittableRandom random = new SplittableRandom(42);
      long id = 1;
      long lastReport = System.nanoTime();
      while (journal.size() < records) {
        int n = (int) Math.min(BATCH, records - journal.size());
        List<Command<?>> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          AccountId debit;
          AccountId credit;
          if (random.nextInt(10) == 0) {
            debit = fund;
            credit = AccountId.of(LoadTarget.FIRST_MEMBER + random.nextInt(MEMBERS));
          } else {
            int a = random.nextInt(MEMBERS);
            int b = (a + 1 + random.nextInt(MEMBERS - 1)) % MEMBERS;
            debit = AccountId.of(LoadTarget.FIRST_MEMBER + a);
            credit = AccountId.of(LoadTarget.FIRST_MEMBER + b);
          }
          TransferId transferId = TransferIds.next(randomIds, random, id++);
          batch.add(Command.TransferGroup.of(TransferRequest.Single.of(
              transferId, debit, credit, Minutes.of(1 + random.nextInt(120)), 1)));
        }
        journal.submitAll(batch).join();
        if (System.nanoTime() - lastReport > 10_000_000_000L) {
          lastReport = System.nanoTime();
          System.out.printf("  %,d records after %.1f s%n", journal.size(), (lastReport - start) / 1e9);
        }
      }
      long written = System.nanoTime();
      System.out.printf("generated %,d records in %.1f s (%,.0f records/s), %,d bytes%n",
          journal.size(), (written - start) / 1e9, journal.size() / ((written - start) / 1e9), DataDirectory.size(dir));
      journal.snapshot();
      System.out.printf("snapshot saved in %.1f s%n", (System.nanoTime() - written) / 1e9);
    }
    try (DirectoryStream<Path> snaps = Files.newDirectoryStream(dir, "*.snap")) {
      for (Path p : snaps) {
        System.out.printf("  %s: %,d bytes%n", p.getFileName(), Files.size(p));
      }
    }
  }

  static void open(Path dir, HashAlgorithm algorithm, boolean noSnapshot) throws IOException {
    List<Path> aside = new ArrayList<>();
    if (noSnapshot) {
      try (DirectoryStream<Path> snaps = Files.newDirectoryStream(dir, "*.snap")) {
        for (Path p : snaps) {
          aside.add(Files.move(p, p.resolveSibling(p.getFileName() + ASIDE)));
        }
      }
    }
    try {
      long t0 = System.nanoTime();
      FileJournalStore store = FileJournalStore.open(dir);
      long t1 = System.nanoTime();
      boolean snapshot = store.latestSnapshot().isPresent();
      long t2 = System.nanoTime();
      try (BranchJournal journal = BranchJournal.open(store, config(algorithm))) {
        long t3 = System.nanoTime();
        System.out.printf("open %s snapshot: FileJournalStore.open %.2f s, BranchJournal.open %.2f s, total %.2f s"
                + " for %,d records (heap used %,d MiB)%n",
            snapshot ? "with" : "without", (t1 - t0) / 1e9, (t3 - t2) / 1e9, (t3 - t0 - (t2 - t1)) / 1e9,
            journal.size(), usedHeapMiB());
      }
    } finally {
      for (Path p : aside) {
        String name = p.getFileName().toString();
        Files.move(p, p.resolveSibling(name.substring(0, name.length() - ASIDE.length())));
      }
    }
  }

  static void verify(Path dir) throws IOException {
    long t0 = System.nanoTime();
    try (FileJournalStore store = FileJournalStore.open(dir)) {
      long t1 = System.nanoTime();
      JournalVerifier.Report report = JournalVerifier.verify(store, Optional.empty());
      long t2 = System.nanoTime();
      if (!report.sound() || report.records() != store.size()) {
        throw new IllegalStateException("the journal did not verify: " + report);
      }
      System.out.printf("verify: FileJournalStore.open %.2f s, JournalVerifier.verify %.2f s for %,d records"
              + " (%,.0f records/s; with the open %,.0f records/s), sound, tree size %d%n",
          (t1 - t0) / 1e9, (t2 - t1) / 1e9, report.records(), report.records() / ((t2 - t1) / 1e9),
          report.records() / ((t2 - t0) / 1e9), report.tree().orElseThrow().size());
    }
  }

  private static long usedHeapMiB() {
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() - rt.freeMemory()) >> 20;
  }
}
