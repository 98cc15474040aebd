package org.moralbank.timebank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.BranchJournal;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.LedgerRecord;
import org.moralbank.ledger.NoteResult;
import org.moralbank.ledger.PendingStatus;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.TransferRequest;
import org.moralbank.ledger.TransferResult;
import org.moralbank.timebank.member.MemberId;

/**
 * One journal and the domain state read from it: the head office's (the branch tree) or a
 * savings branch's (members, proposals, bookings, clearing legs, postings).
 *
 * <p>The state is only ever built by {@link #apply}ing the journal's records in order, both when
 * the bank opens and after each write, so there is one path from the journal to the domain and
 * nothing to keep in sync by hand. Only the thread holding the bank's lock touches a book.
 */
final class Book {
  final String id;
  final BankState bank;
  final BranchJournal journal;
  private long seen;

  boolean setUp;
  Instant closedAt;
  final Set<AccountId> accounts = new LinkedHashSet<>();
  final Map<AccountId, Owner> owners = new HashMap<>();
  final Map<MemberId, MemberState> members = new TreeMap<>();
  final TreeMap<Long, ProposalState> proposals = new TreeMap<>();
  final Map<TransferId, PendingEntry> pendings = new HashMap<>();
  final TreeMap<Long, BookingState> bookings = new TreeMap<>();
  private final Map<TransferId, BookingState> bookingsByOp = new HashMap<>();
  final Map<TransferId, DomainNote.ClearingLeg> legs = new LinkedHashMap<>();
  final TreeMap<Long, GrantState> grantRequests = new TreeMap<>();
  final List<Posting> postings = new ArrayList<>();
  /** Per op, the transfer that credited each member: a deduction names it as what it corrects. */
  final Map<TransferId, Map<MemberId, TransferId>> credits = new HashMap<>();

  Book(String id, BankState bank, BranchJournal journal) {
    this.id = id;
    this.bank = bank;
    this.journal = journal;
    owners.put(Accounts.FUND, new Owner(Owner.Kind.FUND, "fund"));
    owners.put(Accounts.POOL, new Owner(Owner.Kind.POOL, "pool"));
    owners.put(Accounts.SINK, new Owner(Owner.Kind.SINK, "sink"));
  }

  boolean open() {
    return closedAt == null;
  }

  // ---- writing ----

  /**
   * Journals commands as one unit (one durable write when they fit in a batch) and reads back
   * what was appended.
   */
  List<Object> write(List<? extends Command<?>> commands) {
    List<Object> results;
    try {
      results = journal.submitAll(commands).join();
    } catch (CompletionException e) {
      // A failed journal appended nothing of this unit; the bank must be reopened.
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
    catchUp();
    return results;
  }

  /** Writes commands whose transfers were all checked beforehand: the engine must apply them. */
  List<Object> writeChecked(List<? extends Command<?>> commands) {
    List<Object> results = write(commands);
    for (Object r : results) {
      if (r instanceof List<?> transfers) {
        for (Object t : transfers) {
          if (t instanceof TransferResult.Rejected rej) {
            throw new IllegalStateException(
                "branch " + id + " refused a transfer the time bank had checked: " + rej.reason());
          }
        }
      }
    }
    return results;
  }

  /** Journals one note, alone. */
  NoteResult note(DomainNote note) {
    return (NoteResult) writeChecked(List.of(NoteCodec.encode(note))).get(0);
  }

  /** Reads the records appended since the last read into the domain state. */
  void catchUp() {
    long size = journal.size();
    if (size <= seen) {
      return;
    }
    try {
      journal.read(seen, size, r -> {
        apply(r);
        seen = r.sequence() + 1;
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the journal of branch " + id, e);
    }
  }

  long engineAvailable(AccountId account) {
    return journal.account(account).map(a -> a.available()).orElse(0L);
  }

  long engineBalance(AccountId account) {
    return journal.account(account).map(a -> a.balance()).orElse(0L);
  }

  /** Posted main plus donate-only hours of a member of this branch: what the cap limits. */
  long total(MemberId m) {
    return engineBalance(Accounts.member(m)) + engineBalance(Accounts.donateOnly(m));
  }

  Optional<PendingStatus> status(TransferId pending) {
    PendingEntry e = pendings.get(pending);
    return e == null ? Optional.empty() : Optional.of(e.status);
  }

  // ---- reading ----

  private void apply(LedgerRecord r) {
    LedgerRecord.Body b = r.body();
    if (b instanceof LedgerRecord.Noted n) {
      if (NoteCodec.ours(n.note().kind())) {
        applyNote(NoteCodec.decode(n.note().kind(), n.note().payload()), r);
      }
    } else if (b instanceof LedgerRecord.AccountOpened o) {
      accounts.add(o.command().id());
    } else if (b instanceof LedgerRecord.Transfers t) {
      if (t.rejection().isEmpty()) {
        for (TransferRequest q : t.group().transfers()) {
          applyTransfer(q, r);
        }
      }
    } else if (b instanceof LedgerRecord.Expired e) {
      for (TransferId id : e.pendingIds()) {
        PendingEntry p = pendings.get(id);
        if (p != null) {
          p.status = PendingStatus.EXPIRED;
        }
      }
    }
  }

  private void applyTransfer(TransferRequest q, LedgerRecord r) {
    if (q instanceof TransferRequest.Single s) {
      post(r, s.id(), s.code(), s.debit(), s.credit(), s.amount().value(), s.reference());
    } else if (q instanceof TransferRequest.Pending p) {
      long timeout = p.timeout().toNanos();
      long deadline = r.timestamp() > Long.MAX_VALUE - timeout ? Long.MAX_VALUE : r.timestamp() + timeout;
      pendings.put(p.id(), new PendingEntry(p, r.sequence(), r.timestamp(), deadline));
      remember(p.reference(), p.credit(), p.id());
      BookingState booking = p.reference().length() == 32 ? bookingsByOp.get(TransferId.parse(p.reference())) : null;
      if (booking != null && booking.transfer == null) {
        booking.transfer = p.id();
      }
    } else if (q instanceof TransferRequest.PostPending pp) {
      PendingEntry e = pendings.get(pp.pendingId());
      e.status = PendingStatus.POSTED;
      TransferRequest.Pending p = e.request;
      long amount = pp.amount().map(m -> m.value()).orElse(p.amount().value());
      post(r, pp.id(), p.code(), p.debit(), p.credit(), amount, p.reference());
    } else if (q instanceof TransferRequest.VoidPending v) {
      pendings.get(v.pendingId()).status = PendingStatus.VOIDED;
    }
  }

  private void post(LedgerRecord r, TransferId id, int code, AccountId debit, AccountId credit, long amount, String ref) {
    Posting p = new Posting(
        r.sequence(), r.timestamp(), id, TransferCode.fromCode(code), owner(debit), owner(credit), amount, ref);
    postings.add(p);
    for (Owner o : List.of(p.debit(), p.credit())) {
      if (o.member() != null) {
        MemberState m = members.get(o.member());
        if (m != null) {
          m.postings.add(p);
        }
      }
    }
    remember(ref, credit, id);
  }

  private void remember(String ref, AccountId credit, TransferId id) {
    Owner o = owner(credit);
    if (o.member() != null && ref.length() == 32) {
      credits.computeIfAbsent(TransferId.parse(ref), k -> new HashMap<>()).putIfAbsent(o.member(), id);
    }
  }

  Owner owner(AccountId account) {
    Owner o = owners.get(account);
    if (o != null) {
      return o;
    }
    String branch = bank.clearingOwner(account);
    if (branch != null) {
      return new Owner(Owner.Kind.CLEARING, branch);
    }
    return new Owner(Owner.Kind.UNKNOWN, account.toString());
  }

  private void applyNote(DomainNote note, LedgerRecord r) {
    long seq = r.sequence();
    long ts = r.timestamp();
    if (note instanceof DomainNote.BranchOpened n) {
      if (bank.isHead(this)) {
        bank.treeOpened(n, ts);
      } else if (n.branch().equals(id)) {
        setUp = true;
      }
    } else if (note instanceof DomainNote.BranchClosed n) {
      if (bank.isHead(this)) {
        bank.treeClosed(n.branch(), ts);
      } else if (n.branch().equals(id)) {
        closedAt = bank.instant(ts);
      }
    } else if (note instanceof DomainNote.MemberEnrolled n) {
      members.put(n.member(), new MemberState(n.member(), ts));
      owners.put(Accounts.member(n.member()), new Owner(Owner.Kind.MAIN, n.member().value()));
      owners.put(Accounts.donateOnly(n.member()), new Owner(Owner.Kind.DONATE_ONLY, n.member().value()));
      bank.homes.put(n.member(), id);
    } else if (note instanceof DomainNote.ServiceProposed n) {
      ProposalState p = new ProposalState(new ProposalRef(id, seq), ts, n);
      proposals.put(seq, p);
      for (MemberId v : n.volunteers()) {
        bank.intervals.computeIfAbsent(v, k -> new ArrayList<>()).add(p);
      }
    } else if (note instanceof DomainNote.ServiceReviewed n) {
      ProposalState p = proposals.get(n.proposal());
      (n.approve() ? p.approvals : p.rejections).add(n.reviewer());
      if (n.decision() == DomainNote.Decision.APPROVED) {
        p.status = ProposalStatus.APPROVED;
        p.decidedAt = ts;
        p.depositOp = n.op();
      } else if (n.decision() == DomainNote.Decision.REJECTED) {
        p.status = ProposalStatus.REJECTED;
        p.decidedAt = ts;
      }
    } else if (note instanceof DomainNote.ProposalExpired n) {
      ProposalState p = proposals.get(n.proposal());
      p.status = ProposalStatus.EXPIRED;
      p.decidedAt = ts;
    } else if (note instanceof DomainNote.Booked n) {
      BookingState b = new BookingState(seq, ts, n);
      bookings.put(seq, b);
      bookingsByOp.put(n.op(), b);
    } else if (note instanceof DomainNote.BookingSettled n) {
      bookings.get(n.booking()).delivered = n.delivered();
    } else if (note instanceof DomainNote.Gifted n) {
      int year = bank.date(ts).getYear();
      bank.gifts.computeIfAbsent(n.giver(), k -> new HashMap<>()).merge(year, n.minutes(), Long::sum);
    } else if (note instanceof DomainNote.GrantRequested n) {
      grantRequests.put(seq, new GrantState(seq, ts, n));
    } else if (note instanceof DomainNote.GrantsAllocated n) {
      for (DomainNote.Allocation a : n.grants()) {
        grantRequests.get(a.request()).granted += a.minutes();
      }
    } else if (note instanceof DomainNote.ClearingLeg n) {
      legs.put(n.xop(), n);
      BookingState b = bookingsByOp.get(n.cause());
      if (b != null) {
        b.leg = n;
      }
    }
    // Deducted, Donated, HoursRetired: their postings say all a report needs.
  }

  // ---- state classes ----

  /** Who an account belongs to, as far as this branch knows. */
  record Owner(Kind kind, String name) {
    enum Kind {
      FUND,
      POOL,
      SINK,
      MAIN,
      DONATE_ONLY,
      CLEARING,
      UNKNOWN
    }

    MemberId member() {
      return kind == Kind.MAIN || kind == Kind.DONATE_ONLY ? MemberId.of(name) : null;
    }

    String label() {
      return kind == Kind.CLEARING ? "branch:" + name : name;
    }
  }

  /** A posted movement of hours in this journal. */
  record Posting(
      long sequence, long timestamp, TransferId id, TransferCode code, Owner debit, Owner credit, long amount,
      String reference) {}

  static final class MemberState {
    final MemberId id;
    final long enrolledAt;
    final List<Posting> postings = new ArrayList<>();

    MemberState(MemberId id, long enrolledAt) {
      this.id = id;
      this.enrolledAt = enrolledAt;
    }
  }

  static final class ProposalState {
    final ProposalRef ref;
    final long recordedAt;
    final DomainNote.ServiceProposed note;
    ProposalStatus status = ProposalStatus.PROPOSED;
    final Set<MemberId> approvals = new LinkedHashSet<>();
    final Set<MemberId> rejections = new LinkedHashSet<>();
    long decidedAt;
    /** The op of the approving vote: the reference of the deposits. */
    TransferId depositOp;

    ProposalState(ProposalRef ref, long recordedAt, DomainNote.ServiceProposed note) {
      this.ref = ref;
      this.recordedAt = recordedAt;
      this.note = note;
    }

    /** The status at {@code now}: an undecided proposal past its review deadline is expired. */
    ProposalStatus statusAt(Instant now) {
      if (status == ProposalStatus.PROPOSED && !now.isBefore(note.reviewBy())) {
        return ProposalStatus.EXPIRED;
      }
      return status;
    }

    /** Whether its interval still counts against overlaps and the daily maximum. */
    boolean live(Instant now) {
      ProposalStatus s = statusAt(now);
      return s == ProposalStatus.PROPOSED || s == ProposalStatus.APPROVED;
    }
  }

  static final class PendingEntry {
    final TransferRequest.Pending request;
    final long sequence;
    final long timestamp;
    final long deadline;
    PendingStatus status = PendingStatus.PENDING;

    PendingEntry(TransferRequest.Pending request, long sequence, long timestamp, long deadline) {
      this.request = request;
      this.sequence = sequence;
      this.timestamp = timestamp;
      this.deadline = deadline;
    }
  }

  static final class BookingState {
    final long sequence;
    final long timestamp;
    final DomainNote.Booked note;
    /** The pending transfer in this journal: the booking, or the credit leg of {@link #leg}. */
    TransferId transfer;
    /** The clearing leg when the redeemer's hours are in another branch. */
    DomainNote.ClearingLeg leg;
    /** The settlement decided: null while none, true delivered, false cancelled. */
    Boolean delivered;

    BookingState(long sequence, long timestamp, DomainNote.Booked note) {
      this.sequence = sequence;
      this.timestamp = timestamp;
      this.note = note;
    }
  }

  static final class GrantState {
    final long sequence;
    final long timestamp;
    final DomainNote.GrantRequested note;
    long granted;

    GrantState(long sequence, long timestamp, DomainNote.GrantRequested note) {
      this.sequence = sequence;
      this.timestamp = timestamp;
      this.note = note;
    }

    long remaining() {
      return note.minutes() - granted;
    }
  }
}
