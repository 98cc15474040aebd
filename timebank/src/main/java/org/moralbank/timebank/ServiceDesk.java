package org.moralbank.timebank;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.NoteResult;
import org.moralbank.ledger.TransferId;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.member.MemberProfile;
import org.moralbank.timebank.policy.CatalogueVersion;
import org.moralbank.timebank.policy.Policies;
import org.moralbank.timebank.policy.ServiceType;

/**
 * Enrolment, service records and their review, deductions. Every method checks all its rules
 * first (a failed rule throws {@link Refusal} before anything is written), then writes. Called
 * with the bank's lock held.
 */
final class ServiceDesk {
  private final BankState bank;
  private final Mover mover;

  ServiceDesk(BankState bank, Mover mover) {
    this.bank = bank;
    this.mover = mover;
  }

  MemberId enrol(String branch, Enrolment e) {
    Book b = bank.openBook(branch);
    MemberId m = e.member();
    MemberProfile p = bank.profile(m);
    Refusal.require(!bank.homes.containsKey(m), Reason.ALREADY_ENROLLED,
        m + " is already a member of " + bank.homes.get(m));
    bank.requireConsent(p, e.consent());
    b.writeChecked(List.of(
        NoteCodec.encode(new DomainNote.MemberEnrolled(bank.ids.next(), m, e.consent())),
        Command.OpenAccount.member(Accounts.member(m)),
        Command.OpenAccount.member(Accounts.donateOnly(m))));
    return m;
  }

  ProposalRef record(String branch, ServiceRecord r) {
    Book b = bank.openBook(branch);
    Instant now = bank.now();
    Policies pol = bank.policies();
    ZoneId zone = bank.config.zone();
    for (MemberId v : r.volunteers()) {
      bank.requireReach(bank.home(v), b);
      bank.requireConsent(bank.profile(v), r.consents());
    }
    bank.profile(r.recorder());
    Refusal.require(!r.end().isAfter(now), Reason.SERVICE_IN_FUTURE,
        "the service ends at " + r.end() + ", after now (" + now + ")");
    LocalDate day = LocalDate.ofInstant(r.start(), zone);
    Optional<CatalogueVersion> version = bank.config.catalogue().on(day);
    Optional<ServiceType> type = version.flatMap(v -> v.type(r.serviceType()));
    Refusal.require(type.isPresent(), Reason.SERVICE_TYPE_UNKNOWN,
        "no service type " + r.serviceType() + " in the catalogue on " + day);
    long minutes = r.minutes();
    long credit = type.get().weight().creditFor(minutes);
    Refusal.require(credit > 0, Reason.ZERO_CREDIT,
        minutes + " minutes of " + r.serviceType() + " at weight " + type.get().weight() + " earn no whole minute");
    long dailyMax = pol.service().dailyMaximum().value();
    for (MemberId v : r.volunteers()) {
      List<Book.ProposalState> live = new ArrayList<>();
      for (Book.ProposalState q : bank.intervals.getOrDefault(v, List.of())) {
        if (q.live(now)) {
          live.add(q);
          Refusal.require(!(q.note.start().isBefore(r.end()) && r.start().isBefore(q.note.end())),
              Reason.INTERVAL_OVERLAPS, v + " already has " + q.ref + " from " + q.note.start() + " to " + q.note.end());
        }
      }
      for (LocalDate d = day; d.atStartOfDay(zone).toInstant().isBefore(r.end()); d = d.plusDays(1)) {
        long total = minutesOn(r.start(), r.end(), d, zone);
        for (Book.ProposalState q : live) {
          total += minutesOn(q.note.start(), q.note.end(), d, zone);
        }
        Refusal.require(total <= dailyMax, Reason.DAILY_MAXIMUM_EXCEEDED,
            v + " would have " + Minutes.format(total) + " of service on " + d + "; the maximum is "
                + Minutes.format(dailyMax));
      }
    }
    Policies.ApprovalRule rule = pol.approvals().ruleFor(branch, r.serviceType());
    DomainNote.ServiceProposed note = new DomainNote.ServiceProposed(
        bank.ids.next(), r.volunteers(), r.groupActivity(), r.serviceType(), version.get().version(),
        type.get().weight(), r.start(), r.end(), minutes, credit, type.get().weight().remainderFor(minutes),
        r.beneficiary(), r.recorder(), List.copyOf(new TreeSet<>(r.consents())), rule.mode(), rule.quorum(),
        now.plus(pol.service().reviewWindow()));
    NoteResult res = b.note(note);
    return new ProposalRef(branch, res.sequence());
  }

  /** Minutes of {@code [start, end)} that fall on {@code day} in {@code zone}. */
  static long minutesOn(Instant start, Instant end, LocalDate day, ZoneId zone) {
    Instant from = day.atStartOfDay(zone).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
    Instant a = start.isAfter(from) ? start : from;
    Instant b = end.isBefore(to) ? end : to;
    return a.isBefore(b) ? Duration.between(a, b).toMinutes() : 0;
  }

  /** The checks every vote shares; returns the open proposal. */
  private Book.ProposalState reviewable(Book b, ProposalRef ref, MemberId reviewer) {
    Book.ProposalState p = ref.branch().equals(b.id) ? b.proposals.get(ref.sequence()) : null;
    Refusal.require(p != null, Reason.PROPOSAL_UNKNOWN, "no proposal " + ref + " at branch " + b.id);
    ProposalStatus s = p.statusAt(bank.now());
    Refusal.require(s != ProposalStatus.EXPIRED, Reason.PROPOSAL_EXPIRED,
        ref + " was not reviewed by " + p.note.reviewBy());
    Refusal.require(s == ProposalStatus.PROPOSED, Reason.PROPOSAL_DECIDED, ref + " is already " + s);
    Set<MemberId> reviewers = bank.policies().approvals().reviewers(b.id, p.note.mode());
    Refusal.require(reviewers.contains(reviewer), Reason.NOT_A_REVIEWER,
        reviewer + " is not a " + p.note.mode() + " reviewer at " + b.id);
    Refusal.require(!reviewer.equals(p.note.recorder()) && !p.note.volunteers().contains(reviewer)
            && !p.note.beneficiary().equals(Optional.of(reviewer)),
        Reason.OWN_RECORD, reviewer + " recorded, gave or received the service of " + ref);
    Refusal.require(!p.approvals.contains(reviewer) && !p.rejections.contains(reviewer),
        Reason.ALREADY_REVIEWED, reviewer + " has already reviewed " + ref);
    return p;
  }

  Proposal approve(String branch, ApproveService a) {
    Book b = bank.openBook(branch);
    Book.ProposalState p = reviewable(b, a.proposal(), a.reviewer());
    TransferId op = bank.ids.next();
    if (p.approvals.size() + 1 < p.note.quorum()) {
      b.note(new DomainNote.ServiceReviewed(op, p.ref.sequence(), a.reviewer(), true, "", DomainNote.Decision.OPEN));
      return view(b, p);
    }
    boolean donateOnly = p.note.group() && bank.policies().service().groupHoursDonateOnly();
    List<Mover.Move> moves = new ArrayList<>();
    for (MemberId v : p.note.volunteers()) {
      Book home = bank.home(v);
      AccountId account = donateOnly ? Accounts.donateOnly(v) : Accounts.member(v);
      moves.add(Mover.Move.of(donateOnly ? TransferCode.GROUP_DEPOSIT : TransferCode.DEPOSIT,
          b, Accounts.FUND, p.note.credit(), home, account));
    }
    mover.execute(b,
        new DomainNote.ServiceReviewed(op, p.ref.sequence(), a.reviewer(), true, "", DomainNote.Decision.APPROVED),
        op, moves, Optional.empty());
    return view(b, p);
  }

  Proposal reject(String branch, RejectService r) {
    Book b = bank.openBook(branch);
    Book.ProposalState p = reviewable(b, r.proposal(), r.reviewer());
    DomainNote.Decision decision;
    if (p.note.mode() == Policies.ApprovalMode.COORDINATOR) {
      decision = DomainNote.Decision.REJECTED;
    } else {
      int council = bank.policies().approvals().reviewers(b.id, Policies.ApprovalMode.COUNCIL).size();
      // Rejected once the votes left can no longer reach the quorum.
      decision = p.rejections.size() + 1 > council - p.note.quorum()
          ? DomainNote.Decision.REJECTED : DomainNote.Decision.OPEN;
    }
    b.note(new DomainNote.ServiceReviewed(
        bank.ids.next(), p.ref.sequence(), r.reviewer(), false, r.reason(), decision));
    return view(b, p);
  }

  Minutes deduct(String branch, Deduction d) {
    Book b = bank.openBook(branch);
    Policies pol = bank.policies();
    Refusal.require(pol.approvals().isReviewer(branch, d.reviewer()), Reason.NOT_A_REVIEWER,
        d.reviewer() + " is not a reviewer at " + branch);
    Refusal.require(!d.reviewer().equals(d.member()), Reason.OWN_RECORD, d.reviewer() + " cannot review themselves");
    Refusal.require(!d.minutes().isZero(), Reason.ZERO_AMOUNT, "a deduction of zero minutes");
    Book home = bank.home(d.member());
    bank.requireReach(home, b);
    Optional<TransferId> corrects = Optional.empty();
    boolean groupFirst = false;
    if (d.proposal().isPresent()) {
      ProposalRef ref = d.proposal().get();
      Book pb = bank.books.get(ref.branch());
      Book.ProposalState q = pb == null ? null : pb.proposals.get(ref.sequence());
      Refusal.require(q != null, Reason.PROPOSAL_UNKNOWN, "no proposal " + ref);
      Refusal.require(q.status == ProposalStatus.APPROVED && q.note.volunteers().contains(d.member()),
          Reason.NOT_CREDITED_BY_PROPOSAL, ref + " did not credit " + d.member());
      corrects = Optional.ofNullable(home.credits.getOrDefault(q.depositOp, Map.of()).get(d.member()));
      groupFirst = q.note.group();
    }
    AccountId main = Accounts.member(d.member());
    AccountId donateOnly = Accounts.donateOnly(d.member());
    AccountId first = groupFirst ? donateOnly : main;
    AccountId second = groupFirst ? main : donateOnly;
    long want = d.minutes().value();
    long fromFirst = Math.min(want, home.engineAvailable(first));
    long fromSecond = want - fromFirst;
    Refusal.require(fromSecond <= home.engineAvailable(second), Reason.INSUFFICIENT_HOURS,
        d.member() + " holds fewer than " + d.minutes());
    List<Mover.Debit> debits = new ArrayList<>();
    if (fromFirst > 0) {
      debits.add(new Mover.Debit(first, fromFirst, corrects));
    }
    if (fromSecond > 0) {
      debits.add(new Mover.Debit(second, fromSecond, fromFirst > 0 ? Optional.empty() : corrects));
    }
    TransferId op = bank.ids.next();
    mover.execute(b,
        new DomainNote.Deducted(op, d.member(), want, d.reason(), d.reviewer(), d.proposal()),
        op, List.of(new Mover.Move(TransferCode.DEDUCTION, home, debits, b, Accounts.FUND)), Optional.empty());
    return d.minutes();
  }

  /** Journals the expiry of every proposal past its review deadline; returns how many. */
  int expireProposals(Book b) {
    Instant now = bank.now();
    int n = 0;
    for (Book.ProposalState p : new ArrayList<>(b.proposals.values())) {
      if (p.status == ProposalStatus.PROPOSED && p.statusAt(now) == ProposalStatus.EXPIRED) {
        b.note(new DomainNote.ProposalExpired(p.ref.sequence()));
        n++;
      }
    }
    return n;
  }

  Proposal view(Book b, Book.ProposalState p) {
    DomainNote.ServiceProposed n = p.note;
    return new Proposal(
        p.ref, p.statusAt(bank.now()), n.volunteers(), n.group(), n.type(), n.catalogue(), n.weight(), n.start(),
        n.end(), Minutes.of(n.minutes()), Minutes.of(n.credit()), n.remainder(), n.beneficiary(), n.recorder(),
        n.mode(), n.quorum(), p.approvals, p.rejections, bank.instant(p.recordedAt), n.reviewBy());
  }
}
