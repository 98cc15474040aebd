package org.moralbank.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.moralbank.ledger.Account;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.AccountKind;
import org.moralbank.ledger.AccountStatus;
import org.moralbank.ledger.BranchConfig;
import org.moralbank.ledger.BranchJournal;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.TransferRequest;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.storage.file.FileJournalStore;

/**
 * A small branch journal written through the real engine and file store, with a fixed clock so
 * that it always has the same bytes. It holds every record type: genesis, accounts of several
 * kinds, status changes, single and pending transfers (posted in part, voided, expired), linked
 * groups applied and rejected, a rejected transfer, a correction, a note, and a reference that is
 * not ASCII. The golden export is made from it: change it and regenerate the golden file.
 */
final class Fixture {
  static final String BANK = "test-bank";
  static final String BRANCH = "branch-1";
  /** 2026-03-01T08:00:00Z. */
  static final long START = 1_772_352_000_000_000_000L;

  static final AccountId FUND = AccountId.of(1);
  static final AccountId POOL = AccountId.of(2);
  static final AccountId ALICE = AccountId.of(101);
  static final AccountId BOB = AccountId.of(102);
  static final AccountId CAROL = AccountId.of(103);
  static final List<AccountId> ACCOUNTS = List.of(FUND, POOL, ALICE, BOB, CAROL);

  /** What the engine says after writing the fixture. */
  record Written(long size, Hash head, Map<AccountId, Account> accounts) {}

  private Fixture() {}

  static BranchConfig config() {
    AtomicLong clock = new AtomicLong(START);
    // One millisecond per reading of the clock.
    return BranchConfig.of(BANK, BRANCH).withClock(() -> clock.addAndGet(1_000_000));
  }

  /** Writes the fixture journal into {@code dir} with the default segment size. */
  static Written write(Path dir) throws IOException {
    return write(dir, FileJournalStore.DEFAULT_SEGMENT_SIZE);
  }

  static Written write(Path dir, long segmentSize) throws IOException {
    try (BranchJournal j = BranchJournal.create(FileJournalStore.open(dir, segmentSize), config())) {
      j.execute(Command.OpenAccount.fund(FUND, Minutes.ofHours(1000)));
      j.execute(Command.OpenAccount.of(POOL, AccountKind.DONATION_POOL));
      j.execute(Command.OpenAccount.member(ALICE));
      j.execute(Command.OpenAccount.member(BOB));
      j.execute(Command.OpenAccount.member(CAROL));
      j.execute(group(single(1, FUND, ALICE, 600, "elder care")));
      j.execute(group(single(2, FUND, BOB, 300, "shopping")));
      j.execute(group(single(3, ALICE, BOB, 90, "Gartenarbeit, café ☕")));
      j.execute(group(single(4, CAROL, ALICE, 10, "too much")));  // rejected: insufficient
      j.execute(group(TransferRequest.Pending.of(
          TransferId.of(5), ALICE, CAROL, Minutes.of(60), 2, Duration.ofDays(2))));
      j.execute(group(new TransferRequest.PostPending(
          TransferId.of(6), TransferId.of(5), Optional.of(Minutes.of(45)))));
      j.execute(group(TransferRequest.Pending.of(
          TransferId.of(7), BOB, CAROL, Minutes.of(30), 2, Duration.ofDays(2))));
      j.execute(group(new TransferRequest.VoidPending(TransferId.of(8), TransferId.of(7))));
      j.execute(group(TransferRequest.Pending.of(
          TransferId.of(9), BOB, ALICE, Minutes.of(20), 2, Duration.ofNanos(1))));
      j.expireDue();
      j.execute(new Command.TransferGroup(List.of(
          single(10, ALICE, BOB, 10, "linked a"), single(11, BOB, CAROL, 5, "linked b"))));
      j.execute(new Command.TransferGroup(List.of(
          single(12, ALICE, BOB, 1, "linked c"), single(13, CAROL, ALICE, 100_000, "linked d"))));
      j.execute(new Command.Note(3, "minutes of the branch meeting".getBytes(StandardCharsets.UTF_8)));
      j.execute(new Command.ChangeAccountStatus(CAROL, AccountStatus.FROZEN));
      j.execute(new Command.ChangeAccountStatus(CAROL, AccountStatus.OPEN));
      j.execute(group(new TransferRequest.Single(TransferId.of(14), BOB, ALICE, Minutes.of(15), 1,
          Optional.of(TransferId.of(3)), "correction")));
      j.execute(group(single(15, ALICE, POOL, 30, "donation")));
      return written(j);
    }
  }

  /** Appends a few more records to a fixture journal, as a branch that kept working. */
  static Written grow(Path dir, int transfers) throws IOException {
    AtomicLong clock = new AtomicLong(START + 1_000_000_000_000L);
    BranchConfig config = BranchConfig.of(BANK, BRANCH).withClock(() -> clock.addAndGet(1_000_000));
    try (BranchJournal j = BranchJournal.open(FileJournalStore.open(dir), config)) {
      for (int i = 0; i < transfers; i++) {
        j.execute(group(single(1000 + i, FUND, BOB, 1 + i, "more")));
      }
      return written(j);
    }
  }

  private static Written written(BranchJournal j) throws IOException {
    Map<AccountId, Account> accounts = new LinkedHashMap<>();
    for (AccountId id : ACCOUNTS) {
      accounts.put(id, j.account(id).orElseThrow());
    }
    return new Written(j.size(), j.head(), accounts);
  }

  /** The records as the store keeps them (open the journal only when no one else has it). */
  static List<JournalRecord> records(Path dir) throws IOException {
    List<JournalRecord> records = new ArrayList<>();
    try (FileJournalStore s = FileJournalStore.open(dir)) {
      s.read(0, s.size(), records::add);
    }
    return records;
  }

  static Command.TransferGroup group(TransferRequest r) {
    return Command.TransferGroup.of(r);
  }

  static TransferRequest single(long id, AccountId debit, AccountId credit, long minutes,
      String reference) {
    return new TransferRequest.Single(TransferId.of(id), debit, credit, Minutes.of(minutes), 1,
        Optional.empty(), reference);
  }
}
