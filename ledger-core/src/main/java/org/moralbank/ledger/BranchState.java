package org.moralbank.ledger;

import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Of a transfer that is no longer pending the state keeps only what the rules read: its id,
 * the record and position that hold it, and how it stands ({@link TransferTable}); a pending one
 * is kept whole until it is posted, voided or expired. What a retry or a query needs beyond
 * that (the request, its timestamp, the rejection reason) is read back from the journal through
 * {@link #readRecordsFrom}. A state without its journal (a verifier's) decides exactly the same,
 * but cannot answer retries or queries.
 */
final class BranchState {
  /** Reads back a record this state has decided: durable, or staged in the current batch. */
  interface Records {
    /**
     * @throws java.io.UncheckedIOException if the store cannot be read
     */
    LedgerRecord read(long sequence);
  }

  final LedgerRecord.Genesis genesis;
  private final AccountTable accounts = new AccountTable();
  private final TransferTable transfers;
  /** Transfers still pending, whole: posting, voiding and expiring read their request. */
  private final Map<TransferId, PendingEntry> pending = new HashMap<>();
  private final TreeSet<PendingEntry> pendingByDeadline = new TreeSet<>(PendingEntry.BY_DEADLINE);
  private final List<Runnable> undo = new ArrayList<>();
  /** False while a replayed single transfer is decided: it changes nothing unless it applies. */
  private boolean recording = true;
  /** The sum of the words {@link #prefetch} read: never used, only kept. */
  @SuppressWarnings("unused")
  private long touched;
  /** Where the probes {@link #prefetch} warms start; reused. */
  private int[] starts = new int[1024];
  private Records records;

  BranchState(LedgerRecord.Genesis genesis) {
    this(genesis, 0);
  }

  /** Sized for about {@code expectedTransfers}, so that a long replay does not keep rehashing. */
  BranchState(LedgerRecord.Genesis genesis, long expectedTransfers) {
    this.genesis = genesis;
    this.transfers = new TransferTable(expectedTransfers);
  }

  /** Lets the state read back the records it decided, to answer retries and queries. */
  void readRecordsFrom(Records records) {
    this.records = records;
  }

  /** The record at {@code sequence}; refuses when the state has no journal to read. */
  private LedgerRecord record(long sequence, String what) {
    if (records == null) {
      throw new IllegalStateException("a state without its journal cannot " + what);
    }
    return records.read(sequence);
  }

  // ---- queries ----

  Optional<Account> account(AccountId id) {
    AccountState a = accounts.get(id);
    return a == null ? Optional.empty() : Optional.of(a.view());
  }

  Optional<Transfer> transfer(TransferId id) {
    long v = transfers.get(id);
    if (v == TransferTable.ABSENT) {
      return Optional.empty();
    }
    int outcome = TransferTable.outcome(v);
    if (outcome == TransferTable.PENDING) {
      PendingEntry p = pending.get(id);
      return Optional.of(new Transfer(
          p.request, p.sequence, p.timestamp, Optional.empty(), Optional.of(PendingStatus.PENDING), p.deadline));
    }
    LedgerRecord r = record(TransferTable.sequence(v), "answer queries");
    TransferRequest request = requestIn(r, v, id);
    Optional<PendingStatus> status = switch (outcome) {
      case TransferTable.POSTED -> Optional.of(PendingStatus.POSTED);
      case TransferTable.VOIDED -> Optional.of(PendingStatus.VOIDED);
      case TransferTable.EXPIRED -> Optional.of(PendingStatus.EXPIRED);
      default -> Optional.empty();
    };
    long deadline = status.isPresent() ? deadline((TransferRequest.Pending) request, r.timestamp()) : 0;
    return Optional.of(new Transfer(
        request, r.sequence(), r.timestamp(), Optional.ofNullable(rejectionIn(r, v)), status, deadline));
  }

  /**
   * The request of {@code id} at the place {@code value} names in record {@code r}.
   *
   * @throws IllegalStateException if the record does not hold it there as the state says (only a
   *     snapshot that disagrees with its journal gets here)
   */
  private static TransferRequest requestIn(LedgerRecord r, long value, TransferId id) {
    int index = TransferTable.index(value);
    int outcome = TransferTable.outcome(value);
    if (r.body() instanceof LedgerRecord.Transfers t && index < t.group().transfers().size()) {
      TransferRequest request = t.group().transfers().get(index);
      boolean finishedPending = outcome == TransferTable.POSTED || outcome == TransferTable.VOIDED
          || outcome == TransferTable.EXPIRED;
      boolean rejected = outcome == TransferTable.REJECTED;
      if (request.id().equals(id)
          && rejected == t.rejection().isPresent()
          && (!finishedPending || request instanceof TransferRequest.Pending)) {
        return request;
      }
    }
    throw new IllegalStateException("the branch state disagrees with record " + r.sequence()
        + " about transfer " + id + " (a snapshot that does not match its journal?)");
  }

  /** Why the transfer at the place {@code value} names in record {@code r} was rejected, or null. */
  private static RejectionReason rejectionIn(LedgerRecord r, long value) {
    Optional<LedgerRecord.Rejection> rejection = ((LedgerRecord.Transfers) r.body()).rejection();
    if (rejection.isEmpty()) {
      return null;
    }
    return rejection.get().index() == TransferTable.index(value)
        ? rejection.get().reason()
        : RejectionReason.LINKED_TRANSFER_FAILED;
  }

  int accountCount() {
    return accounts.size();
  }

  int transferCount() {
    return transfers.size();
  }

  AccountTable accounts() {
    return accounts;
  }

  TransferTable transferTable() {
    return transfers;
  }

  /** The transfers still pending, by id. */
  List<PendingEntry> pendingEntries() {
    List<PendingEntry> out = new ArrayList<>(pending.values());
    out.sort(java.util.Comparator.comparing(e -> e.request.id()));
    return out;
  }

  /** Pending transfers whose deadline is at or before {@code timestamp}, oldest first. */
  List<TransferId> due(long timestamp) {
    if (pendingByDeadline.isEmpty() || pendingByDeadline.first().deadline > timestamp) {
      return List.of();
    }
    List<TransferId> out = new ArrayList<>();
    for (PendingEntry e : pendingByDeadline) {
      if (e.deadline > timestamp || out.size() == 0xFFFF) {
        break;
      }
      out.add(e.request.id());
    }
    return out;
  }

  /**
   * Brings into the cache the table slots that replaying {@code records[from, to)} will look
   * up, so that a caller holding a batch of records overlaps their misses (see {@link
   * TransferTable#touch(int[], int)}), and then the account entries they name, in a loop of
   * their own: loading both in one loop held the table's loads up behind the account lookups
   * (measured on the AMD machine of docs/performance.md). Changes nothing.
   *
   * @param records the records decoded, null where slot {@code i} of {@code plain} holds a plain
   *     transfer instead
   */
  void prefetch(LedgerRecord[] records, RecordCodec.PlainTransfers plain, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (records[i] == null) {
        n = warm(n, plain.ids[2 * i], plain.ids[2 * i + 1]);
      } else if (records[i].body() instanceof LedgerRecord.Transfers t) {
        for (TransferRequest r : t.group().transfers()) {
          n = warm(n, r.id());
          if (r instanceof TransferRequest.PostPending p) {
            n = warm(n, p.pendingId());
          } else if (r instanceof TransferRequest.VoidPending v) {
            n = warm(n, v.pendingId());
          }
        }
      }
    }
    // Kept so that the compiler cannot drop the loads.
    long sum = transfers.touch(starts, n);
    for (int i = from; i < to; i++) {
      if (records[i] == null) {
        sum += touch(plain.debits[2 * i], plain.debits[2 * i + 1])
            + touch(plain.credits[2 * i], plain.credits[2 * i + 1]);
      } else if (records[i].body() instanceof LedgerRecord.Transfers t) {
        for (TransferRequest r : t.group().transfers()) {
          if (r instanceof TransferRequest.Single s) {
            sum += touch(s.debit().high(), s.debit().low()) + touch(s.credit().high(), s.credit().low());
          }
        }
      }
    }
    touched += sum;
  }

  private long touch(long high, long low) {
    AccountState a = accounts.get(high, low);
    return a == null ? 0 : a.debitsPosted;
  }

  private int warm(int n, TransferId id) {
    return warm(n, id.high(), id.low());
  }

  private int warm(int n, long high, long low) {
    if (n == starts.length) {
      starts = Arrays.copyOf(starts, n * 2);
    }
    starts[n] = transfers.start(high, low);
    return n + 1;
  }

  /**
   * Puts back transfers read from a snapshot: the first {@code count} of {@code ids} (high and
   * low bits, two longs each) with their table values. Warming all their slots first overlaps
   * the cache misses of ids scattered over the table.
   *
   * @throws IllegalArgumentException if an id is already in the state
   */
  void restore(long[] ids, long[] values, int count) {
    if (starts.length < count) {
      starts = new int[count];
    }
    for (int i = 0; i < count; i++) {
      starts[i] = transfers.start(ids[2 * i], ids[2 * i + 1]);
    }
    touched += transfers.touch(starts, count);
    for (int i = 0; i < count; i++) {
      TransferId id = new TransferId(ids[2 * i], ids[2 * i + 1]);
      if (transfers.get(id) != TransferTable.ABSENT) {
        throw new IllegalArgumentException("transfer " + id + " appears twice");
      }
      transfers.put(id, values[i]);
    }
  }

  /**
   * Puts back a pending transfer read from a snapshot, after its id ({@link #restore}).
   *
   * @throws IllegalArgumentException if the table does not hold it as pending at that sequence
   */
  void restorePending(TransferRequest.Pending request, long timestamp) {
    long v = transfers.get(request.id());
    if (v == TransferTable.ABSENT || TransferTable.outcome(v) != TransferTable.PENDING) {
      throw new IllegalArgumentException("transfer " + request.id() + " is not listed as pending");
    }
    if (pending.containsKey(request.id())) {
      throw new IllegalArgumentException("pending transfer " + request.id() + " appears twice");
    }
    PendingEntry e = new PendingEntry(
        request, TransferTable.sequence(v), TransferTable.index(v), timestamp, deadline(request, timestamp));
    pending.put(request.id(), e);
    pendingByDeadline.add(e);
  }

  /** How many transfers the table lists as pending. */
  int pendingCount() {
    return pending.size();
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
    accounts.add(a);
    if (recording) {
      undo.add(() -> accounts.removeLast(c.id()));
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
      if (transfers.get(r.id()) != TransferTable.ABSENT) {
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
   * Replays plain transfer {@code i} of {@code plain} as {@link #replayTransfers} would replay
   * its record, without the record's objects, when it applies as its record says.
   *
   * @return false, having changed nothing, when it does not (its id is known, or the rules
   *     reject it): replaying the record in full then gives the verdict
   */
  boolean replayPlain(RecordCodec.PlainTransfers plain, int i) {
    long high = plain.ids[2 * i];
    long low = plain.ids[2 * i + 1];
    if (transfers.get(high, low) != TransferTable.ABSENT) {
      return false;
    }
    // A group of one keeps no undo (replayTransfers): it changes nothing unless it applies.
    recording = false;
    try {
      RejectionReason reason = move(plain.debits[2 * i], plain.debits[2 * i + 1],
          plain.credits[2 * i], plain.credits[2 * i + 1], plain.amounts[i], null, false);
      if (reason != null) {
        return false;
      }
    } finally {
      recording = true;
    }
    transfers.put(high, low, TransferTable.pack(plain.sequences[i], 0, TransferTable.APPLIED));
    return true;
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
    long[] values = new long[n];
    int known = 0;
    for (int i = 0; i < n; i++) {
      values[i] = transfers.get(requests.get(i).id());
      if (values[i] != TransferTable.ABSENT) {
        known++;
      }
    }
    if (known == 0) {
      return null;
    }
    // Known ids: read back what they were (most often all from one record) and compare.
    Map<Long, LedgerRecord> read = new HashMap<>();
    TransferResult[] first = new TransferResult[n];
    boolean conflict = false;
    for (int i = 0; i < n; i++) {
      long v = values[i];
      if (v == TransferTable.ABSENT) {
        continue;
      }
      TransferRequest r = requests.get(i);
      PendingEntry p = TransferTable.outcome(v) == TransferTable.PENDING ? pending.get(r.id()) : null;
      if (p != null) {
        if (p.request.equals(r)) {
          first[i] = new TransferResult.Created(r.id(), p.sequence, p.timestamp, true);
        }
      } else {
        long sequence = TransferTable.sequence(v);
        LedgerRecord record = read.get(sequence);
        if (record == null) {
          record = record(sequence, "answer retries");
          read.put(sequence, record);
        }
        if (requestIn(record, v, r.id()).equals(r)) {
          RejectionReason reason = rejectionIn(record, v);
          first[i] = reason == null
              ? new TransferResult.Created(r.id(), sequence, record.timestamp(), true)
              : new TransferResult.Rejected(r.id(), reason, true);
        }
      }
      conflict |= first[i] == null;
    }
    List<TransferResult> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      TransferId id = requests.get(i).id();
      if (values[i] == TransferTable.ABSENT) {
        out.add(new TransferResult.Rejected(id, RejectionReason.LINKED_TRANSFER_FAILED, false));
      } else if (first[i] == null) {
        out.add(new TransferResult.Rejected(id, RejectionReason.ID_REUSED_WITH_DIFFERENT_FIELDS, false));
      } else if (conflict) {
        out.add(new TransferResult.Rejected(id, RejectionReason.LINKED_TRANSFER_FAILED, false));
      } else {
        out.add(first[i]);
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
          register(requests.get(j), TransferTable.pack(sequence, j, TransferTable.REJECTED), timestamp);
        }
        return new LedgerRecord.Rejection(i, reason);
      }
      boolean pends = r instanceof TransferRequest.Pending;
      register(r, TransferTable.pack(sequence, i, pends ? TransferTable.PENDING : TransferTable.APPLIED), timestamp);
    }
    return null;
  }

  private void register(TransferRequest r, long value, long timestamp) {
    TransferId id = r.id();
    transfers.put(id, value);
    if (recording) {
      undo.add(() -> transfers.remove(id));
    }
    if (TransferTable.outcome(value) == TransferTable.PENDING) {
      TransferRequest.Pending p = (TransferRequest.Pending) r;
      PendingEntry e = new PendingEntry(
          p, TransferTable.sequence(value), TransferTable.index(value), timestamp, deadline(p, timestamp));
      pending.put(id, e);
      pendingByDeadline.add(e);
      if (recording) {
        undo.add(() -> {
          pending.remove(id);
          pendingByDeadline.remove(e);
        });
      }
    }
  }

  /** When a pending transfer made at {@code timestamp} expires. */
  private static long deadline(TransferRequest.Pending p, long timestamp) {
    long timeout = p.timeout().toNanos();
    // Saturate: a deadline past the end of time never comes, it does not wrap around.
    return timestamp > Long.MAX_VALUE - timeout ? Long.MAX_VALUE : timestamp + timeout;
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
    return move(debitId.high(), debitId.low(), creditId.high(), creditId.low(), amount.value(),
        corrects.orElse(null), pending);
  }

  /**
   * The rules of a movement, on the ids' bits: a replay of a plain transfer ({@link
   * #replayPlain}) has no objects to pass.
   *
   * @param corrects the transfer corrected, or null
   */
  private RejectionReason move(long debitHigh, long debitLow, long creditHigh, long creditLow, long a,
      TransferId corrects, boolean pending) {
    if (a == 0) {
      return RejectionReason.ZERO_AMOUNT;
    }
    if (debitHigh == creditHigh && debitLow == creditLow) {
      return RejectionReason.SAME_ACCOUNT;
    }
    AccountState debit = accounts.get(debitHigh, debitLow);
    if (debit == null) {
      return RejectionReason.UNKNOWN_DEBIT_ACCOUNT;
    }
    AccountState credit = accounts.get(creditHigh, creditLow);
    if (credit == null) {
      return RejectionReason.UNKNOWN_CREDIT_ACCOUNT;
    }
    RejectionReason status = usable(debit, credit);
    if (status != null) {
      return status;
    }
    if (corrects != null) {
      long corrected = transfers.get(corrects);
      if (corrected == TransferTable.ABSENT || TransferTable.outcome(corrected) == TransferTable.REJECTED) {
        return RejectionReason.UNKNOWN_CORRECTED_TRANSFER;
      }
    }
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
    long v = transfers.get(pendingId);
    if (v == TransferTable.ABSENT) {
      return RejectionReason.UNKNOWN_PENDING_TRANSFER;
    }
    switch (TransferTable.outcome(v)) {
      case TransferTable.REJECTED:
        return RejectionReason.UNKNOWN_PENDING_TRANSFER;
      case TransferTable.APPLIED:
        return RejectionReason.NOT_A_PENDING_TRANSFER;
      case TransferTable.POSTED:
        return RejectionReason.PENDING_ALREADY_POSTED;
      case TransferTable.VOIDED:
        return RejectionReason.PENDING_ALREADY_VOIDED;
      case TransferTable.EXPIRED:
        return RejectionReason.PENDING_EXPIRED;
      default:
        break;
    }
    PendingEntry p = pending.get(pendingId);
    if (p.deadline <= timestamp) {
      return RejectionReason.PENDING_EXPIRED;
    }
    TransferRequest.Pending request = p.request;
    long full = request.amount().value();
    long amount = postAmount.map(Minutes::value).orElse(full);
    if (post && amount == 0) {
      return RejectionReason.ZERO_AMOUNT;
    }
    if (amount > full) {
      return RejectionReason.AMOUNT_EXCEEDS_PENDING;
    }
    AccountState debit = accounts.get(request.debit());
    AccountState credit = accounts.get(request.credit());
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
    finish(p, post ? TransferTable.POSTED : TransferTable.VOIDED);
    return null;
  }

  /** A pending transfer is posted, voided or expired: only its outcome is kept from now on. */
  private void finish(PendingEntry p, int outcome) {
    TransferId id = p.request.id();
    long before = TransferTable.pack(p.sequence, p.index, TransferTable.PENDING);
    transfers.set(id, TransferTable.withOutcome(before, outcome));
    pending.remove(id);
    pendingByDeadline.remove(p);
    if (recording) {
      undo.add(
          () -> {
            transfers.set(id, before);
            pending.put(id, p);
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
      PendingEntry p = pending.get(id);
      if (p == null) {
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
      PendingEntry p = pending.get(id);
      AccountState debit = accounts.get(p.request.debit());
      AccountState credit = accounts.get(p.request.credit());
      if (recording) {
        debit.save(undo);
        credit.save(undo);
      }
      debit.debitsPending -= p.request.amount().value();
      credit.creditsPending -= p.request.amount().value();
      finish(p, TransferTable.EXPIRED);
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
    /** The id's bits, beside the balances: a lookup compares them ({@link AccountTable}). */
    final long idHigh;
    final long idLow;
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
      this.idHigh = spec.id().high();
      this.idLow = spec.id().low();
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

  /** A transfer still pending: kept whole until it is posted, voided or expired. */
  static final class PendingEntry {
    static final java.util.Comparator<PendingEntry> BY_DEADLINE =
        java.util.Comparator.<PendingEntry>comparingLong(e -> e.deadline)
            .thenComparing(e -> e.request.id());

    final TransferRequest.Pending request;
    final long sequence;
    /** The transfer's position in the group its record holds. */
    final int index;
    final long timestamp;
    final long deadline;

    PendingEntry(TransferRequest.Pending request, long sequence, int index, long timestamp, long deadline) {
      this.request = request;
      this.sequence = sequence;
      this.index = index;
      this.timestamp = timestamp;
      this.deadline = deadline;
    }
  }
}
