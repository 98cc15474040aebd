package org.moralbank.storage.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moralbank.ledger.Account;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.BranchConfig;
import org.moralbank.ledger.BranchJournal;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.JournalVerifier;
import org.moralbank.ledger.Transfer;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.store.InMemoryStore;
import org.moralbank.ledger.store.JournalRecord;

/**
 * Kills a writing process with SIGKILL at random moments, again and again on the same journal,
 * and checks after each kill that nothing acknowledged was lost and nothing was half applied:
 * every acknowledged transfer is there with its outcome, the chain verifies, the journal ends on
 * a batch boundary, and the state restored from the snapshot equals a full replay.
 */
class KillTest {
  static final BranchConfig CONFIG = BranchConfig.of("kill-bank", "branch-1");
  private static final int KILLS = Integer.getInteger("moralbank.kills", 50);

  @TempDir Path dir;
  @TempDir Path out;
  private int children;

  /** What one child said before it died. */
  private static final class Transcript {
    final Set<Long> batchEnds = new HashSet<>();
    long durable;
    final Map<TransferId, Boolean> acknowledged = new LinkedHashMap<>();

    final List<String> lines = new ArrayList<>();

    void accept(String line) {
      lines.add(line);
      if (!line.endsWith(";")) {
        return; // the kill cut this line short
      }
      String[] f = line.substring(0, line.length() - 1).split(" ");
      switch (f[0]) {
        case "ready" -> { }
        case "batch" -> batchEnds.add(Long.parseLong(f[1]) + Long.parseLong(f[2]));
        case "durable" -> durable = Math.max(durable, Long.parseLong(f[1]));
        case "ack" -> {
          for (String t : f[1].split(",")) {
            acknowledged.put(TransferId.parse(t.substring(0, 32)), t.endsWith("=C"));
          }
        }
        default -> throw new AssertionError("unexpected line from the child: " + line);
      }
    }
  }

  @Test
  void sigkillAtRandomMoments_losesNothingAcknowledged() throws Exception {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    long size = 0;
    Hash head = Hash.ZERO;
    int acknowledged = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      String context = "seed " + seed + ", kill " + kill;
      Transcript t = runAndKill(random, context);
      // the journal may not shrink below what was there, nor below what was acknowledged
      try (FileJournalStore store = FileJournalStore.open(dir, KillChild.SEGMENT_SIZE)) {
        long recovered = store.size();
        assertTrue(recovered >= Math.max(size, t.durable), context + ": lost records");
        assertTrue(recovered == size || t.batchEnds.contains(recovered),
            context + ": " + recovered + " records is not a batch boundary " + t.batchEnds
                + " size before " + size + " last lines "
                + t.lines.subList(Math.max(0, t.lines.size() - 30), t.lines.size()));
        Optional<JournalVerifier.Anchor> anchor =
            size == 0 ? Optional.empty() : Optional.of(new JournalVerifier.Anchor(size, head));
        JournalVerifier.Report report = JournalVerifier.verify(store, anchor);
        assertTrue(report.sound(), context + ": " + report);
        assertEquals(recovered, report.records(), context);
        size = recovered;
        head = store.head();
      }
      checkState(t, context);
      acknowledged += t.acknowledged.size();
    }
    assertTrue(acknowledged > KILLS, "the children did acknowledge transfers: " + acknowledged);
    assertTrue(Journals.segments(dir).size() > 1, "segments rolled");
    assertTrue(!Journals.snapshots(dir).isEmpty(), "snapshots were taken");
  }

  /**
   * Runs a child, kills it a random moment after it is ready, and reads what it said. Its stdout
   * goes to a file: destroying a process closes the parent's end of a pipe, losing what was not
   * read yet.
   */
  private Transcript runAndKill(Random random, String context) throws Exception {
    Path output = out.resolve("child-" + children++ + ".out");
    Process child = ChildProcess.start(output, KillChild.class, dir.toString(),
        Long.toString(random.nextLong()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(output, StandardCharsets.UTF_8).contains("ready;\n")) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        child.destroyForcibly().waitFor();
        fail(context + ": the child never became ready: " + Files.readString(output));
      }
      Thread.sleep(5);
    }
    Thread.sleep(random.nextInt(150));
    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
    child.waitFor();
    Transcript t = new Transcript();
    Files.readAllLines(output, StandardCharsets.UTF_8).forEach(t::accept);
    return t;
  }

  /**
   * Opens the branch as the engine would (from the newest snapshot), checks the acknowledged
   * transfers, and compares its state with a replay of every record from the start.
   */
  private void checkState(Transcript t, String context) throws IOException {
    byte[] restored;
    try (BranchJournal journal =
        BranchJournal.open(FileJournalStore.open(dir, KillChild.SEGMENT_SIZE), CONFIG)) {
      for (Map.Entry<TransferId, Boolean> e : t.acknowledged.entrySet()) {
        Optional<Transfer> transfer = journal.transfer(e.getKey());
        assertTrue(transfer.isPresent(), context + ": acknowledged transfer lost " + e.getKey());
        assertEquals(e.getValue(), transfer.get().created(),
            context + ": outcome of " + e.getKey());
      }
      long total = 0;
      for (AccountId id : accounts()) {
        total += journal.account(id).map(Account::balance).orElse(0L);
      }
      assertEquals(0, total, context + ": minutes are conserved");
      restored = journal.stateBytes();
    }
    InMemoryStore replayed = new InMemoryStore();
    try (FileJournalStore store = FileJournalStore.open(dir, KillChild.SEGMENT_SIZE)) {
      List<JournalRecord> all = new ArrayList<>();
      store.read(0, store.size(), all::add);
      replayed.append(all);
    }
    try (BranchJournal full = BranchJournal.open(replayed, CONFIG)) {
      assertArrayEquals(full.stateBytes(), restored, context + ": snapshot + tail != replay");
    }
  }

  private static List<AccountId> accounts() {
    List<AccountId> ids = new ArrayList<>(KillChild.MEMBERS);
    ids.add(KillChild.FUND);
    return ids;
  }
}
