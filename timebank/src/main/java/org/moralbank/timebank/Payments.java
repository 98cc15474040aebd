package org.moralbank.timebank;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.NoteResult;
import org.moralbank.ledger.PendingStatus;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.TransferRequest;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.member.MemberProfile;
import org.moralbank.timebank.member.Relation;
import org.moralbank.timebank.policy.Policies;

/**
 * Redemptions (bookings), gifts, donations and grants. As in {@link ServiceDesk}, every rule is
 * checked before anything is written. Called with the bank's lock held.
 */
final class Payments {
  private final BankState bank;
  private final Mover mover;

  Payments(BankState bank, Mover mover) {
    this.bank = bank;
    this.mover = mover;
  }

  // ---- redemption ----

  BookingRef redeem(String branch, Redemption r) {
    Book b = bank.openBook(branch);
    Policies pol = bank.policies();
    Refusal.require(!r.minutes().isZero(), Reason.ZERO_AMOUNT, "a redemption of zero minutes");
    Book home = bank.home(r.redeemer());
    bank.requireReach(home, b);
    MemberProfile p = bank.profile(r.redeemer());
    Refusal.require(p.ageOn(bank.today()) >= pol.redemption().minAge(), Reason.AGE_GATE,
        r.redeemer() + " is younger than " + pol.redemption().minAge());
    bank.requireConsent(p, r.consent());
    AccountId credit = Accounts.SINK;
    if (r.provider().isPresent()) {
      Book ph = bank.home(r.provider().get());
      Refusal.require(ph == b, Reason.NOT_A_MEMBER_OF_THIS_BRANCH,
          "the provider " + r.provider().get() + " is a member of " + ph.id + ", not " + branch);
      credit = Accounts.member(r.provider().get());
    }
    AccountId debit = Accounts.member(r.redeemer());
    Refusal.require(home.engineAvailable(debit) >= r.minutes().value(), Reason.INSUFFICIENT_HOURS,
        r.redeemer() + " has fewer than " + r.minutes() + " available");
    Duration timeout = r.timeout().orElse(pol.redemption().bookingTimeout());
    TransferId op = bank.ids.next();
    NoteResult res = mover.execute(b,
        new DomainNote.Booked(op, r.redeemer(), r.provider(), r.item(), r.minutes().value(), r.consent()),
        op, List.of(Mover.Move.of(TransferCode.REDEMPTION, home, debit, r.minutes().value(), b, credit)),
        Optional.of(timeout));
    return new BookingRef(branch, res.sequence());
  }

  private Book.BookingState booking(Book b, BookingRef ref) {
    Book.BookingState s = ref.branch().equals(b.id) ? b.bookings.get(ref.sequence()) : null;
    Refusal.require(s != null, Reason.BOOKING_UNKNOWN, "no booking " + ref + " at branch " + b.id);
    BookingStatus status = status(b, s);
    Refusal.require(status != BookingStatus.EXPIRED, Reason.BOOKING_EXPIRED, ref + " expired at " + expiresAt(b, s));
    Refusal.require(status == BookingStatus.PENDING, Reason.BOOKING_NOT_PENDING, ref + " is " + status);
    return s;
  }

  private boolean redeemerSide(Book.BookingState s, MemberId by) {
    if (by.equals(s.note.redeemer())) {
      return true;
    }
    Optional<MemberProfile> p = bank.registry.find(s.note.redeemer());
    return p.isPresent() && p.get().guardian().equals(Optional.of(by));
  }

  private boolean coordinator(Book b, MemberId by) {
    return bank.policies().approvals().reviewers(b.id, Policies.ApprovalMode.COORDINATOR).contains(by);
  }

  Booking deliver(String branch, Delivery d) {
    Book b = bank.openBook(branch);
    Book.BookingState s = booking(b, d.booking());
    Refusal.require(!s.note.provider().equals(Optional.of(d.by())), Reason.NOT_AUTHORIZED,
        "the provider cannot confirm their own delivery");
    Refusal.require(redeemerSide(s, d.by()) || coordinator(b, d.by()), Reason.NOT_AUTHORIZED,
        d.by() + " may not confirm delivery of " + d.booking());
    DomainNote.BookingSettled note = new DomainNote.BookingSettled(bank.ids.next(), s.sequence, true, d.by());
    if (s.leg == null) {
      List<TransferRequest> group = new ArrayList<>();
      group.add(TransferRequest.PostPending.full(bank.ids.next(), s.transfer));
      AccountId credit = b.pendings.get(s.transfer).request.credit();
      String ref = s.note.op().toString();
      long cap = bank.policies().balanceCap().map(Minutes::value).orElse(Long.MAX_VALUE);
      MemberId provider = b.owner(credit).member();
      if (provider != null) {
        long over = Math.min(s.note.minutes(), b.total(provider) + s.note.minutes() - cap);
        if (over > 0) {
          group.add(new TransferRequest.Single(bank.ids.next(), credit, Accounts.POOL, Minutes.of(over),
              TransferCode.CAP_OVERFLOW.code(), Optional.empty(), ref));
        }
      }
      // The engine refuses the post only if the booking expired in the instant since the check.
      b.write(List.of(NoteCodec.encode(note), new Command.TransferGroup(group)));
    } else {
      b.note(note);
      Book debitBook = bank.books.get(s.leg.counterpart());
      if (mover.postDebit(debitBook, s.leg)) {
        mover.postCredit(debitBook, b, s.leg);
      } else {
        mover.voidCredit(b, s.leg);
      }
    }
    return view(b, s);
  }

  Booking cancel(String branch, Cancellation c) {
    Book b = bank.openBook(branch);
    Book.BookingState s = booking(b, c.booking());
    Refusal.require(redeemerSide(s, c.by()) || s.note.provider().equals(Optional.of(c.by())) || coordinator(b, c.by()),
        Reason.NOT_AUTHORIZED, c.by() + " may not cancel " + c.booking());
    DomainNote.BookingSettled note = new DomainNote.BookingSettled(bank.ids.next(), s.sequence, false, c.by());
    if (s.leg == null) {
      b.write(List.of(NoteCodec.encode(note),
          Command.TransferGroup.of(new TransferRequest.VoidPending(bank.ids.next(), s.transfer))));
    } else {
      b.note(note);
      mover.voidDebit(bank.books.get(s.leg.counterpart()), s.leg);
      mover.voidCredit(b, s.leg);
    }
    return view(b, s);
  }

  /** A booking's status from its transfers (and, across branches, both legs and the decision). */
  BookingStatus status(Book b, Book.BookingState s) {
    Book.PendingEntry e = b.pendings.get(s.transfer);
    PendingStatus credit = e.status;
    PendingStatus debit = credit;
    if (s.leg != null) {
      debit = Mover.debitStatus(bank.books.get(s.leg.counterpart()), s.leg).orElse(null);
    }
    if (credit == PendingStatus.POSTED || (debit == PendingStatus.POSTED && s.delivered == Boolean.TRUE)) {
      return BookingStatus.DELIVERED;
    }
    if (s.delivered == Boolean.FALSE) {
      return BookingStatus.CANCELLED;
    }
    if (credit == PendingStatus.EXPIRED || debit == PendingStatus.EXPIRED) {
      return BookingStatus.EXPIRED;
    }
    if (credit == PendingStatus.VOIDED || debit != PendingStatus.PENDING) {
      return BookingStatus.CANCELLED;
    }
    return expiresAt(b, s) <= bank.nanos() ? BookingStatus.EXPIRED : BookingStatus.PENDING;
  }

  /** The first deadline of the booking's pending transfers, in ledger nanoseconds. */
  private long expiresAt(Book b, Book.BookingState s) {
    long deadline = b.pendings.get(s.transfer).deadline;
    if (s.leg != null) {
      Book.PendingEntry d = bank.books.get(s.leg.counterpart()).pendings.get(s.leg.debitTransfers().get(0));
      if (d != null) {
        deadline = Math.min(deadline, d.deadline);
      }
    }
    return deadline;
  }

  Booking view(Book b, Book.BookingState s) {
    return new Booking(
        new BookingRef(b.id, s.sequence), status(b, s), s.note.redeemer(), s.note.provider(), s.note.item(),
        Minutes.of(s.note.minutes()), bank.instant(s.timestamp), bank.instant(expiresAt(b, s)));
  }

  // ---- gifts and donations ----

  Minutes gift(String branch, Gift g) {
    Book b = bank.openBook(branch);
    Policies.Gifts pol = bank.policies().gifts();
    Refusal.require(!g.minutes().isZero(), Reason.ZERO_AMOUNT, "a gift of zero minutes");
    Book rh = bank.home(g.recipient());
    Refusal.require(rh == b, Reason.NOT_A_MEMBER_OF_THIS_BRANCH,
        "the recipient " + g.recipient() + " is a member of " + rh.id + ", not " + branch);
    Book gh = bank.home(g.giver());
    bank.requireReach(gh, b);
    MemberProfile gp = bank.profile(g.giver());
    MemberProfile rp = bank.profile(g.recipient());
    bank.requireConsent(gp, g.consent());
    Relation rel = gp.relations().get(g.recipient());
    String basis;
    if (rel != null && pol.allowedRelations().contains(rel)) {
      basis = rel.name();
    } else if (pol.sameHousehold() && gp.household().isPresent() && gp.household().equals(rp.household())) {
      basis = "HOUSEHOLD";
    } else {
      throw new Refusal(Reason.RELATION_NOT_ALLOWED,
          g.recipient() + " is " + (rel == null ? "no relative" : rel) + " of " + g.giver()
              + "; gifts go to " + pol.allowedRelations() + (pol.sameHousehold() ? " or the household" : ""));
    }
    LocalDate today = bank.today();
    Refusal.require(rp.ageOn(today) >= pol.recipientMinAge(), Reason.RECIPIENT_TOO_YOUNG,
        g.recipient() + " is younger than " + pol.recipientMinAge());
    long given = bank.gifts.getOrDefault(g.giver(), Map.of()).getOrDefault(today.getYear(), 0L);
    Refusal.require(given + g.minutes().value() <= pol.yearlyCap().value(), Reason.YEARLY_GIFT_CAP,
        g.giver() + " has gifted " + Minutes.format(given) + " in " + today.getYear() + "; the cap is " + pol.yearlyCap());
    AccountId debit = Accounts.member(g.giver());
    Refusal.require(gh.engineAvailable(debit) >= g.minutes().value(), Reason.INSUFFICIENT_HOURS,
        g.giver() + " has fewer than " + g.minutes() + " available");
    TransferId op = bank.ids.next();
    mover.execute(b,
        new DomainNote.Gifted(op, g.giver(), g.recipient(), g.minutes().value(), basis, g.consent()),
        op, List.of(Mover.Move.of(TransferCode.GIFT, gh, debit, g.minutes().value(), b, Accounts.member(g.recipient()))),
        Optional.empty());
    return g.minutes();
  }

  Minutes donate(String branch, Donation d) {
    Book b = bank.openBook(branch);
    Refusal.require(!d.minutes().isZero(), Reason.ZERO_AMOUNT, "a donation of zero minutes");
    Book home = bank.home(d.donor());
    bank.requireReach(home, b);
    bank.requireConsent(bank.profile(d.donor()), d.consent());
    long want = d.minutes().value();
    long fromDonateOnly = Math.min(want, home.engineAvailable(Accounts.donateOnly(d.donor())));
    long fromMain = want - fromDonateOnly;
    Refusal.require(fromMain <= home.engineAvailable(Accounts.member(d.donor())), Reason.INSUFFICIENT_HOURS,
        d.donor() + " has fewer than " + d.minutes() + " available");
    List<Mover.Debit> debits = new ArrayList<>();
    if (fromDonateOnly > 0) {
      debits.add(Mover.Debit.of(Accounts.donateOnly(d.donor()), fromDonateOnly));
    }
    if (fromMain > 0) {
      debits.add(Mover.Debit.of(Accounts.member(d.donor()), fromMain));
    }
    TransferId op = bank.ids.next();
    mover.execute(b,
        new DomainNote.Donated(op, d.donor(), fromDonateOnly, fromMain, d.consent()),
        op, List.of(new Mover.Move(TransferCode.DONATION, home, debits, b, Accounts.POOL)), Optional.empty());
    return d.minutes();
  }

  // ---- grants ----

  GrantRequestRef requestGrant(String branch, GrantRequest r) {
    Book b = bank.openBook(branch);
    Refusal.require(!r.minutes().isZero(), Reason.ZERO_AMOUNT, "a request for zero minutes");
    Book home = bank.home(r.member());
    Refusal.require(home == b, Reason.NOT_A_MEMBER_OF_THIS_BRANCH,
        r.member() + " is a member of " + home.id + ", not " + branch);
    bank.profile(r.member());
    for (Book.GrantState g : b.grantRequests.values()) {
      Refusal.require(!(g.note.member().equals(r.member()) && g.remaining() > 0), Reason.GRANT_ALREADY_REQUESTED,
          r.member() + " already has the open request " + b.id + "#" + g.sequence);
    }
    NoteResult res = b.note(new DomainNote.GrantRequested(bank.ids.next(), r.member(), r.minutes().value()));
    return new GrantRequestRef(branch, res.sequence());
  }

  List<Grant> allocate(String branch, GrantAllocation a) {
    Book b = bank.openBook(branch);
    Policies pol = bank.policies();
    Refusal.require(coordinator(b, a.reviewer()), Reason.NOT_AUTHORIZED,
        a.reviewer() + " is not a coordinator at " + branch);
    LocalDate today = bank.today();
    record Candidate(Book.GrantState request, int rank) {}
    List<Candidate> candidates = new ArrayList<>();
    for (Book.GrantState g : b.grantRequests.values()) {
      Optional<MemberProfile> p = bank.registry.find(g.note.member());
      // An erased member cannot be ranked; nobody allocates hours to themselves.
      if (g.remaining() > 0 && p.isPresent() && !g.note.member().equals(a.reviewer())) {
        candidates.add(new Candidate(g, pol.grants().rank(p.get(), today)));
      }
    }
    candidates.sort(Comparator.comparingInt(Candidate::rank).thenComparingLong(c -> c.request().sequence));
    long pool = b.engineAvailable(Accounts.POOL);
    long cap = pol.balanceCap().map(Minutes::value).orElse(Long.MAX_VALUE);
    List<DomainNote.Allocation> allocations = new ArrayList<>();
    List<Mover.Move> moves = new ArrayList<>();
    Map<MemberId, Long> granted = new HashMap<>();
    for (Candidate c : candidates) {
      MemberId m = c.request().note.member();
      long room = Math.max(0, cap - b.total(m) - granted.getOrDefault(m, 0L));
      long amount = Math.min(Math.min(c.request().remaining(), pool), room);
      if (amount > 0) {
        Policies.GrantCategory category = c.rank() < pol.grants().priority().size()
            ? pol.grants().priority().get(c.rank()) : Policies.GrantCategory.OTHER;
        allocations.add(new DomainNote.Allocation(c.request().sequence, m, amount, category));
        moves.add(Mover.Move.of(TransferCode.GRANT, b, Accounts.POOL, amount, b, Accounts.member(m)));
        pool -= amount;
        granted.merge(m, amount, Long::sum);
      }
    }
    Refusal.require(!allocations.isEmpty(), Reason.NOTHING_TO_GRANT,
        "pool " + Minutes.format(b.engineAvailable(Accounts.POOL)) + ", " + candidates.size() + " open requests");
    TransferId op = bank.ids.next();
    mover.execute(b, new DomainNote.GrantsAllocated(op, a.reviewer(), allocations), op, moves, Optional.empty());
    List<Grant> out = new ArrayList<>();
    for (DomainNote.Allocation x : allocations) {
      out.add(new Grant(new GrantRequestRef(branch, x.request()), x.member(), Minutes.of(x.minutes()), x.category()));
    }
    return out;
  }
}
