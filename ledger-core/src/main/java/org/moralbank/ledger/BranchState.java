package org.moralbank.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The derived state of one branch and the rules that change it: the engine proper. Only the
 * branch's writer thread (or a verifier's own thread) touches an instance.
 *
 * <p>Every mutation pushes its inverse onto an undo log. A linked group that fails part-way is
 * rolled back to the mark taken before it, and a whole batch is rolled back when a shared store
 * reports that another writer appended first. The log is cleared once a batch is durable. A
 * replayed group ({@link #replayTransfers}) keeps only the undo its own linked rollback needs:
 * a replay that fails is discarded whole, never continued.
 *
 * <p>The same code decides live commands and replayed records: replay re-runs the command of
 * each record and demands the recorded outcome, so a journal whose outcomes were edited does not
 * replay.
 *
 * <p>A verifier's state ({@link #forVerification}) decides exactly the same, but remembers of
 * every transfer other than an applied pending one only its id and whether it was rejected, which
 * is all that replaying later records asks of it (is the id new, may it be corrected, is it a
 * pending transfer to post or void); it cannot answer retries, queries or snapshots. An audit then
 * keeps 24 bytes of {@link TransferTable} per transfer and no objects, except for pending ones.
 */
final class BranchState {
  final LedgerRecord.Genesis genesis;
  private final Map<AccountId, AccountState> accounts = new HashMap<>();
  private final TransferTable transfers;
  private final TreeSet<TransferEntry> pendingByDeadline = new TreeSet<>(TransferEntry.BY_DEADLINE);
  private final List<Runnable> undo = new ArrayList<>();
  /** False while a replayed single transfer is decided: it changes nothing unless it applies. */
  private boolean recording = true;
  /** The sum of the words {@link #prefetch} read: never used, only kept. */
  @SuppressWarnings("unused")
  private long touched;
  /** True for a verifier's state, which remembers less: see the class comment. */
  private final boolean verifying;

  BranchState(LedgerRecord.Genesis genesis) {
    this(genesis, 0);
  }

  /** Sized for about {@code expectedTransfers}, so that a long replay does not keep rehashing. */
  BranchState(LedgerRecord.Genesis genesis, long expectedTransfers) {
    this(genesis, expectedTransfers, false);
  }

  private BranchState(LedgerRecord.Genesis genesis, long expectedTransfers, boolean verifying) {
    this.genesis = genesis;
    this.verifying = verifying;
    // A verifier's state shares one entry among all applied (not pending) transfers and one
    // among all rejected ones: what the rules read of them is the same for each.
    this.transfers = verifying
        ? new TransferTable(
            expectedTransfers, new TransferEntry(null, -1, -1, null),
            new TransferEntry(null, -1, -1, RejectionReason.LINKED_TRANSFER_FAILED))
        : new TransferTable(expectedTransfers, null, null);
  }

  /** A state that only replays, for a verifier: see the class comment. */
  static BranchState forVerification(LedgerRecord.Genesis genesis, long expectedTransfers) {
    return new BranchState(genesis, expectedTransfers, true);
  }

  /** Refuses what a verifier's state cannot do. */
  private void requireFull(String what) {
    if (verifying) {
      throw new IllegalStateException("a verifier's state cannot " + what);
    }
  }

  // ---- queries ----

  Optional<Account> account(AccountId id) {
    AccountState a = accounts.get(id);
    return a == null ? Optional.empty() : Optional.of(a.view());
  }

  Optional<Transfer> transfer(TransferId id) {
    requireFull("answer queries");
    TransferEntry e = transfers.get(id);
    return e == null ? Optional.empty() : Optional.of(e.view());
  }

  int accountCount() {
    return accounts.size();
  }

  int transferCount() {
    return transfers.size();
  }

  Map<AccountId, AccountState> accounts() {
    return accounts;
  }

  /** Every transfer's entry, in the order they were journaled (snapshots sort them). */
  TransferEntry[] transferEntries() {
    requireFull("be saved");
    return transfers.entries();
  }

  /** Pending transfers whose deadline is at or before {@code timestamp}, oldest first. */
  List<TransferId> due(long timestamp) {
    if (pendingByDeadline.isEmpty() || pendingByDeadline.first().deadline > timestamp) {
      return List.of();
    }
    List<TransferId> out = new ArrayList<>();
    for (TransferEntry e : pendingByDeadline) {
      if (e.deadline > timestamp || out.size() == 0xFFFF) {
        break;
      }
      out.add(e.request.id());
    }
    return out;
  }

  /**
   * Brings into the cache the table slots that replaying {@code body} will look up, so that a
   * caller holding a batch of records can overlap their misses (see {@link TransferTable#touch}).
   * Changes nothing.
   */
  void prefetch(LedgerRecord.Body body) {
    if (body instanceof LedgerRecord.Transfers t) {
      long sum = 0;
      for (TransferRequest r : t.group().transfers()) {
        sum += transfers.touch(r.id());
        if (r instanceof TransferRequest.PostPending p) {
          sum += transfers.touch(p.pendingId());
        } else if (r instanceof TransferRequest.VoidPending v) {
          sum += transfers.touch(v.pendingId());
        }
      }
      // Kept so that the compiler cannot drop the loads.
      touched += sum;
    }
  }

  /**
   * Puts back transfers read from a snapshot: the first {@code count} of {@code entries}. A
   * snapshot lists them by id, which scatters them over the table; warming all their slots first
   * overlaps those cache misses.
   *
   * @throws IllegalArgumentException if an id is already in the state
   */
  void restore(TransferEntry[] entries, int count) {
    long sum = 0;
    for (int i = 0; i < count; i++) {
      sum += transfers.touch(entries[i].request.id());
    }
    touched += sum;
    for (int i = 0; i < count; i++) {
      TransferEntry e = entries[i];
      if (transfers.get(e.request.id()) != null) {
        throw new IllegalArgumentException("transfer " + e.request.id() + " appears twice");
      }
      transfers.put(e);
      if (e.status == PendingStatus.PENDING) {
        pendingByDeadline.add(e);
      }
    }
  }

  // ---- undo ----

  int mark() {
    return undo.size();
  }

  void rollbackTo(int mark) {
    for (int i = undo.size() - 1; i >= mark; i--) {
      undo.remove(i).run();
    }
  }

  void commit() {
    undo.clear();
  }

  // ---- accounts ----

  /** Decides an open; {@code journal} tells the caller whether a record must be appended. */
  Decision<AccountResult> open(Command.OpenAccount c, long timestamp) {
    AccountState existing = accounts.get(c.id());
    if (existing != null) {
      if (existing.spec.equals(c)) {
        return Decision.silent(
            new AccountResult.Applied(c.id(), existing.status, existing.openedAt, true));
      }
      return Decision.silent(
          new AccountResult.Rejected(c.id(), RejectionReason.ACCOUNT_EXISTS_WITH_DIFFERENT_FIELDS));
    }
    AccountState a = new AccountState(c, timestamp);
    accounts.put(c.id(), a);
    if (recording) {
      undo.add(() -> accounts.remove(c.id()));
    }
    return Decision.journaled(new AccountResult.Applied(c.id(), AccountStatus.OPEN, timestamp, false));
  }

  Decision<AccountResult> changeStatus(Command.ChangeAccountStatus c, long timestamp) {
    AccountState a = accounts.get(c.id());
    if (a == null) {
      return Decision.silent(new AccountResult.Rejected(c.id(), RejectionReason.UNKNOWN_ACCOUNT));
    }
    if (a.status == c.status()) {
      return Decision.silent(new AccountResult.Applied(c.id(), a.status, timestamp, true));
    }
    if (a.status == AccountStatus.CLOSED) {
      return Decision.silent(new AccountResult.Rejected(c.id(), RejectionReason.INVALID_STATUS_CHANGE));
    }
    if (c.status() == AccountStatus.CLOSED) {
      if (a.debitsPending != 0 || a.creditsPending != 0) {
        return Decision.silent(
            new AccountResult.Rejected(c.id(), RejectionReason.ACCOUNT_HAS_PENDING_TRANSFERS));
      }
      if (a.debitsPosted != a.creditsPosted) {
        return Decision.silent(new AccountResult.Rejected(c.id(), RejectionReason.ACCOUNT_HAS_BALANCE));
      }
    }
    AccountStatus before = a.status;
    a.status = c.status();
    if (recording) {
      undo.add(() -> a.status = before);
    }
    return Decision.journaled(new AccountResult.Applied(c.id(), c.status(), timestamp, false));
  }

  // ---- transfers ----

  /**
   * Decides a linked group. Id conflicts and pure retries are answered from state and append
   * nothing; every other outcome, applied or rejected, is journaled and remembered per id.
   */
  Decision<List<TransferResult>> transfers(Command.TransferGroup group, long sequence, long timestamp) {
    requireFull("decide live commands");
    Decision<List<TransferResult>> answered = answerFromState(group);
    if (answered != null) {
      return answered;
    }
    List<TransferRequest> requests = group.transfers();
    LedgerRecord.Rejection rejection = decide(requests, sequence, timestamp);
    List<TransferResult> out = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      TransferId id = requests.get(i).id();
      if (rejection == null) {
        out.add(new TransferResult.Created(id, sequence, timestamp, false));
      } else {
        out.add(new TransferResult.Rejected(
            id, i == rejection.index() ? rejection.reason() : RejectionReason.LINKED_TRANSFER_FAILED, false));
      }
    }
    return Decision.journaled(out, Optional.ofNullable(rejection));
  }

  /**
   * Why the engine would journal nothing for {@code group} (an id repeated in it, or seen
   * before), or null when it is new: no sound journal holds a record of such a group.
   */
  String whyNotJournaled(Command.TransferGroup group) {
    if (!group.duplicateIds().isEmpty()) {
      return "the group names a transfer id twice";
    }
    for (TransferRequest r : group.transfers()) {
      if (transfers.get(r.id()) != null) {
        return "transfer " + r.id() + " was journaled before";
      }
    }
    return null;
  }

  /**
   * Re-decides a group read from a journal, by the same rules as {@link #transfers}, without
   * building the caller's results. The group must be new ({@link #whyNotJournaled} is null).
   *
   * @return null when the group applies, else the rejection it gets
   */
  LedgerRecord.Rejection replayTransfers(Command.TransferGroup group, long sequence, long timestamp) {
    List<TransferRequest> requests = group.transfers();
    recording = requests.size() > 1;
    try {
      return decide(requests, sequence, timestamp);
    } finally {
      recording = true;
    }
  }

  /**
   * Answers a group from state alone, or returns null when it is new: repeated ids in the group,
   * ids reused with other fields and pure retries are never journaled.
   */
  private Decision<List<TransferResult>> answerFromState(Command.TransferGroup group) {
    List<TransferRequest> requests = group.transfers();
    int n = requests.size();
    List<TransferId> duplicates = group.duplicateIds();
    if (!duplicates.isEmpty()) {
      List<TransferResult> out = new ArrayList<>(n);
      for (TransferRequest r : requests) {
        out.add(
            new TransferResult.Rejected(
                r.id(),
                duplicates.contains(r.id())
                    ? RejectionReason.DUPLICATE_ID_IN_GROUP
                    : RejectionReason.LINKED_TRANSFER_FAILED,
                false));
      }
      return Decision.silent(out);
    }
    int known = 0;
    boolean conflict = false;
    for (TransferRequest r : requests) {
      TransferEntry e = transfers.get(r.id());
      if (e != null) {
        known++;
        conflict |= !e.request.equals(r);
      }
    }
    if (known == 0) {
      return null;
    }
    List<TransferResult> out = new ArrayList<>(n);
    for (TransferRequest r : requests) {
      TransferEntry e = transfers.get(r.id());
      if (e == null) {
        out.add(new TransferResult.Rejected(r.id(), RejectionReason.LINKED_TRANSFER_FAILED, false));
      } else if (!e.request.equals(r)) {
        out.add(
            new TransferResult.Rejected(
                r.id(), RejectionReason.ID_REUSED_WITH_DIFFERENT_FIELDS, false));
      } else if (conflict) {
        out.add(new TransferResult.Rejected(r.id(), RejectionReason.LINKED_TRANSFER_FAILED, false));
      } else {
        out.add(e.result(true));
      }
    }
    return Decision.silent(out);
  }

  /**
   * Applies a new linked group, all or nothing, and remembers every id with its outcome.
   *
   * @return null when every transfer applied, else the first failure (the rest are rejected as
   *     linked)
   */
  private LedgerRecord.Rejection decide(List<TransferRequest> requests, long sequence, long timestamp) {
    int n = requests.size();
    int mark = mark();
    for (int i = 0; i < n; i++) {
      TransferRequest r = requests.get(i);
      RejectionReason reason = apply(r, timestamp);
      if (reason != null) {
        rollbackTo(mark);
        for (int j = 0; j < n; j++) {
          register(new TransferEntry(
              requests.get(j), sequence, timestamp,
              j == i ? reason : RejectionReason.LINKED_TRANSFER_FAILED), timestamp);
        }
        return new LedgerRecord.Rejection(i, reason);
      }
      register(new TransferEntry(r, sequence, timestamp, null), timestamp);
    }
    return null;
  }

  private void register(TransferEntry e, long timestamp) {
    transfers.put(e);
    if (recording) {
      undo.add(() -> transfers.removeLatest(e.request.id()));
    }
    if (e.rejection == null && e.request instanceof TransferRequest.Pending p) {
      e.status = PendingStatus.PENDING;
      long timeout = p.timeout().toNanos();
      // Saturate: a deadline past the end of time never comes, it does not wrap around.
      e.deadline = timestamp > Long.MAX_VALUE - timeout ? Long.MAX_VALUE : timestamp + timeout;
      pendingByDeadline.add(e);
      if (recording) {
        undo.add(() -> pendingByDeadline.remove(e));
      }
    }
  }

  /** Applies one transfer, or returns why not; changes nothing when it returns a reason. */
  private RejectionReason apply(TransferRequest r, long timestamp) {
    if (r instanceof TransferRequest.Single s) {
      return move(s.debit(), s.credit(), s.amount(), s.corrects(), false);
    } else if (r instanceof TransferRequest.Pending p) {
      return move(p.debit(), p.credit(), p.amount(), p.corrects(), true);
    } else if (r instanceof TransferRequest.PostPending p) {
      return resolve(p.pendingId(), p.amount(), true, timestamp);
    } else if (r instanceof TransferRequest.VoidPending v) {
      return resolve(v.pendingId(), Optional.empty(), false, timestamp);
    }
    throw new AssertionError("unknown transfer " + r);
  }

  private RejectionReason move(
      AccountId debitId, AccountId creditId, Minutes amount, Optional<TransferId> corrects, boolean pending) {
    if (amount.isZero()) {
      return RejectionReason.ZERO_AMOUNT;
    }
    if (debitId.equals(creditId)) {
      return RejectionReason.SAME_ACCOUNT;
    }
    AccountState debit = accounts.get(debitId);
    if (debit == null) {
      return RejectionReason.UNKNOWN_DEBIT_ACCOUNT;
    }
    AccountState credit = accounts.get(creditId);
    if (credit == null) {
      return RejectionReason.UNKNOWN_CREDIT_ACCOUNT;
    }
    RejectionReason status = usable(debit, credit);
    if (status != null) {
      return status;
    }
    if (corrects.isPresent()) {
      TransferEntry corrected = transfers.get(corrects.get());
      if (corrected == null || corrected.rejection != null) {
        return RejectionReason.UNKNOWN_CORRECTED_TRANSFER;
      }
    }
    long a = amount.value();
    long debitsAfter;
    long creditsAfter;
    try {
      debitsAfter = Math.addExact(Math.addExact(debit.debitsPosted, debit.debitsPending), a);
      creditsAfter = Math.addExact(Math.addExact(credit.creditsPosted, credit.creditsPending), a);
    } catch (ArithmeticException e) {
      return RejectionReason.OVERFLOW;
    }
    if (debit.debitsCapped && debitsAfter > debit.creditsPosted) {
      return RejectionReason.INSUFFICIENT_BALANCE;
    }
    if (debit.debitLimit >= 0) {
      // Both totals are non-negative, so the difference cannot overflow.
      if (debitsAfter - debit.creditsPosted > debit.debitLimit) {
        return RejectionReason.DEBIT_LIMIT_EXCEEDED;
      }
    }
    if (credit.creditsCapped && creditsAfter > credit.debitsPosted) {
      return RejectionReason.CREDITS_EXCEED_DEBITS;
    }
    if (recording) {
      debit.save(undo);
      credit.save(undo);
    }
    if (pending) {
      debit.debitsPending += a;
      credit.creditsPending += a;
    } else {
      debit.debitsPosted += a;
      credit.creditsPosted += a;
    }
    return null;
  }

  private static RejectionReason usable(AccountState debit, AccountState credit) {
    if (debit.status == AccountStatus.CLOSED || credit.status == AccountStatus.CLOSED) {
      return RejectionReason.ACCOUNT_CLOSED;
    }
    if (debit.status == AccountStatus.FROZEN || credit.status == AccountStatus.FROZEN) {
      return RejectionReason.ACCOUNT_FROZEN;
    }
    return null;
  }

  private RejectionReason resolve(
      TransferId pendingId, Optional<Minutes> postAmount, boolean post, long timestamp) {
    TransferEntry p = transfers.get(pendingId);
    if (p == null || p.rejection != null) {
      return RejectionReason.UNKNOWN_PENDING_TRANSFER;
    }
    if (!(p.request instanceof TransferRequest.Pending pending)) {
      return RejectionReason.NOT_A_PENDING_TRANSFER;
    }
    switch (p.status) {
      case POSTED:
        return RejectionReason.PENDING_ALREADY_POSTED;
      case VOIDED:
        return RejectionReason.PENDING_ALREADY_VOIDED;
      case EXPIRED:
        return RejectionReason.PENDING_EXPIRED;
      case PENDING:
        break;
    }
    if (p.deadline <= timestamp) {
      return RejectionReason.PENDING_EXPIRED;
    }
    long full = pending.amount().value();
    long amount = postAmount.map(Minutes::value).orElse(full);
    if (post && amount == 0) {
      return RejectionReason.ZERO_AMOUNT;
    }
    if (amount > full) {
      return RejectionReason.AMOUNT_EXCEEDS_PENDING;
    }
    AccountState debit = accounts.get(pending.debit());
    AccountState credit = accounts.get(pending.credit());
    if (post) {
      // Voiding releases hours even on a frozen account; posting moves them, so it may not.
      RejectionReason status = usable(debit, credit);
      if (status != null) {
        return status;
      }
    }
    if (recording) {
      debit.save(undo);
      credit.save(undo);
    }
    debit.debitsPending -= full;
    credit.creditsPending -= full;
    if (post) {
      debit.debitsPosted += amount;
      credit.creditsPosted += amount;
    }
    setStatus(p, post ? PendingStatus.POSTED : PendingStatus.VOIDED);
    return null;
  }

  private void setStatus(TransferEntry p, PendingStatus status) {
    PendingStatus before = p.status;
    p.status = status;
    pendingByDeadline.remove(p);
    if (recording) {
      undo.add(
          () -> {
            p.status = before;
            pendingByDeadline.add(p);
          });
    }
  }

  /**
   * Expires pending transfers. Returns null when done, or a message naming the first id that
   * may not expire at {@code timestamp} (unknown, not pending, or not yet due), changing nothing.
   */
  String expire(List<TransferId> ids, long timestamp) {
    for (TransferId id : ids) {
      TransferEntry p = transfers.get(id);
      if (p == null || p.status != PendingStatus.PENDING) {
        return "transfer " + id + " is not pending";
      }
      if (p.deadline > timestamp) {
        return "transfer " + id + " is not due until " + p.deadline;
      }
    }
    if (ids.size() != ids.stream().distinct().count()) {
      return "an expiry names a transfer twice";
    }
    for (TransferId id : ids) {
      TransferEntry p = transfers.get(id);
      TransferRequest.Pending pending = (TransferRequest.Pending) p.request;
      AccountState debit = accounts.get(pending.debit());
      AccountState credit = accounts.get(pending.credit());
      if (recording) {
        debit.save(undo);
        credit.save(undo);
      }
      debit.debitsPending -= pending.amount().value();
      credit.creditsPending -= pending.amount().value();
      setStatus(p, PendingStatus.EXPIRED);
    }
    return null;
  }

  // ---- state classes ----

  /** What a command decided: the result, and whether (and with which rejection) to journal it. */
  record Decision<R>(R result, boolean journal, Optional<LedgerRecord.Rejection> rejection) {
    static <R> Decision<R> silent(R result) {
      return new Decision<>(result, false, Optional.empty());
    }

    static <R> Decision<R> journaled(R result) {
      return new Decision<>(result, true, Optional.empty());
    }

    static <R> Decision<R> journaled(R result, Optional<LedgerRecord.Rejection> rejection) {
      return new Decision<>(result, true, rejection);
    }
  }

  static final class AccountState {
    final Command.OpenAccount spec;
    final long openedAt;
    AccountStatus status = AccountStatus.OPEN;
    long debitsPending;
    long debitsPosted;
    long creditsPending;
    long creditsPosted;

    // The spec's rules as plain fields: every transfer checks them, and reading them through the
    // spec's set and optional cost a chain of loads per account.
    final boolean debitsCapped;
    final boolean creditsCapped;
    /** The debit limit in minutes, or -1 for none. */
    final long debitLimit;

    AccountState(Command.OpenAccount spec, long openedAt) {
      this.spec = spec;
      this.openedAt = openedAt;
      this.debitsCapped = spec.flags().contains(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
      this.creditsCapped = spec.flags().contains(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS);
      this.debitLimit = spec.debitLimit().map(Minutes::value).orElse(-1L);
    }

    void save(List<Runnable> undo) {
      long dp = debitsPending;
      long dP = debitsPosted;
      long cp = creditsPending;
      long cP = creditsPosted;
      undo.add(
          () -> {
            debitsPending = dp;
            debitsPosted = dP;
            creditsPending = cp;
            creditsPosted = cP;
          });
    }

    Account view() {
      return new Account(
          spec.id(), spec.kind(), spec.flags(), spec.debitLimit(), status, debitsPending,
          debitsPosted, creditsPending, creditsPosted, openedAt);
    }
  }

  static final class TransferEntry {
    static final java.util.Comparator<TransferEntry> BY_DEADLINE =
        java.util.Comparator.<TransferEntry>comparingLong(e -> e.deadline)
            .thenComparing(e -> e.request.id());

    final TransferRequest request;
    final long sequence;
    final long timestamp;
    final RejectionReason rejection;
    PendingStatus status;
    long deadline;

    TransferEntry(TransferRequest request, long sequence, long timestamp, RejectionReason rejection) {
      this.request = request;
      this.sequence = sequence;
      this.timestamp = timestamp;
      this.rejection = rejection;
    }

    TransferResult result(boolean retry) {
      return rejection == null
          ? new TransferResult.Created(request.id(), sequence, timestamp, retry)
          : new TransferResult.Rejected(request.id(), rejection, retry);
    }

    Transfer view() {
      return new Transfer(
          request, sequence, timestamp, Optional.ofNullable(rejection), Optional.ofNullable(status),
          deadline);
    }
  }
}
