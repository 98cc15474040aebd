package org.moralbank.timebank;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.moralbank.ledger.Minutes;
import org.moralbank.timebank.member.MemberId;

/**
 * A savings branch (储蓄所): where members enrol, record service, redeem, gift and donate. A
 * member of another branch may act here when the bank's reach policy lets this branch serve
 * theirs (通存通兑); their hours move through clearing accounts.
 *
 * <p>Commands return an {@link Outcome}: accepted and durable, or rejected with a {@link Reason}
 * and nothing written. Thread-safe; see {@link TimeBank} for threading and errors.
 */
public final class Branch {
  private final TimeBank bank;
  private final String id;

  Branch(TimeBank bank, String id) {
    this.bank = bank;
    this.id = id;
  }

  /** {@return the savings branch's id, which is also its journal's} */
  public String id() {
    return id;
  }

  /** {@return the branch's place in the tree: kind, parent, name, open or closed} */
  public BranchInfo info() {
    return bank.locked(() -> bank.state().tree.get(id).info());
  }

  // ---- members ----

  /**
   * Makes this branch the member's home: opens their main and donate-only accounts here.
   *
   * @param e the enrolment
   * @return the member, or the rejection
   */
  public Outcome<MemberId> enrol(Enrolment e) {
    Objects.requireNonNull(e, "e == null");
    return bank.act(() -> bank.desk().enrol(id, e));
  }

  /**
   * {@return the member's hours, wherever their home branch is; empty if not enrolled}
   *
   * @param member the member
   */
  public Optional<Balance> balance(MemberId member) {
    Objects.requireNonNull(member, "member == null");
    return bank.locked(() -> bank.reports().balance(member));
  }

  /**
   * The member's statement (对账单) for the days {@code from} (inclusive) to {@code to} (exclusive).
   *
   * @param member the member
   * @param from the first day, in the bank's zone
   * @param to the day after the last
   * @return the statement; empty if not enrolled
   */
  public Optional<Statement> statement(MemberId member, LocalDate from, LocalDate to) {
    Objects.requireNonNull(member, "member == null");
    checkPeriod(from, to);
    return bank.locked(() -> bank.reports().statement(member, from, to));
  }

  // ---- service ----

  /**
   * Records service for approval (拟记).
   *
   * @param r the service record
   * @return the proposal it made, or the rejection
   */
  public Outcome<ProposalRef> recordService(ServiceRecord r) {
    Objects.requireNonNull(r, "r == null");
    return bank.act(() -> bank.desk().record(id, r));
  }

  /**
   * A reviewer's approval; the last one needed posts the deposits.
   *
   * @param a the approval
   * @return the proposal after the vote, or the rejection
   */
  public Outcome<Proposal> approve(ApproveService a) {
    Objects.requireNonNull(a, "a == null");
    return bank.act(() -> bank.desk().approve(id, a));
  }

  /**
   * A reviewer's rejection.
   *
   * @param r the rejection, with its reason
   * @return the proposal after the vote, or the rejection of the vote
   */
  public Outcome<Proposal> reject(RejectService r) {
    Objects.requireNonNull(r, "r == null");
    return bank.act(() -> bank.desk().reject(id, r));
  }

  /**
   * Takes points away after a review, as a deduction entry with its reason.
   *
   * @param d the deduction
   * @return the minutes deducted, or the rejection
   */
  public Outcome<Minutes> deduct(Deduction d) {
    Objects.requireNonNull(d, "d == null");
    return bank.act(() -> bank.desk().deduct(id, d));
  }

  /**
   * A proposal recorded at this branch, in whatever state it is now.
   *
   * @param ref the proposal
   * @return the proposal; empty if this branch recorded no such proposal
   */
  public Optional<Proposal> proposal(ProposalRef ref) {
    Objects.requireNonNull(ref, "ref == null");
    return bank.locked(() -> {
      Book b = bank.state().books.get(id);
      Book.ProposalState p = ref.branch().equals(id) ? b.proposals.get(ref.sequence()) : null;
      return p == null ? Optional.empty() : Optional.of(bank.desk().view(b, p));
    });
  }

  /** {@return the proposals still awaiting review, oldest first} */
  public List<Proposal> openProposals() {
    return bank.locked(() -> {
      Book b = bank.state().books.get(id);
      List<Proposal> out = new ArrayList<>();
      for (Book.ProposalState p : b.proposals.values()) {
        if (p.statusAt(bank.state().now()) == ProposalStatus.PROPOSED) {
          out.add(bank.desk().view(b, p));
        }
      }
      return out;
    });
  }

  // ---- hours ----

  /**
   * Books a redemption here: a pending transfer from the redeemer to the provider or the sink.
   *
   * @param r the redemption
   * @return the booking, or the rejection
   */
  public Outcome<BookingRef> redeem(Redemption r) {
    Objects.requireNonNull(r, "r == null");
    return bank.act(() -> bank.payments().redeem(id, r));
  }

  /**
   * The booking was delivered: it posts.
   *
   * @param d the delivery
   * @return the booking, delivered, or the rejection
   */
  public Outcome<Booking> deliver(Delivery d) {
    Objects.requireNonNull(d, "d == null");
    return bank.act(() -> bank.payments().deliver(id, d));
  }

  /**
   * The booking is cancelled: its hours return to the redeemer.
   *
   * @param c the cancellation
   * @return the booking, cancelled, or the rejection
   */
  public Outcome<Booking> cancel(Cancellation c) {
    Objects.requireNonNull(c, "c == null");
    return bank.act(() -> bank.payments().cancel(id, c));
  }

  /**
   * A booking made at this branch, in whatever state it is now.
   *
   * @param ref the booking
   * @return the booking; empty if this branch made no such booking
   */
  public Optional<Booking> booking(BookingRef ref) {
    Objects.requireNonNull(ref, "ref == null");
    return bank.locked(() -> {
      Book b = bank.state().books.get(id);
      Book.BookingState s = ref.branch().equals(id) ? b.bookings.get(ref.sequence()) : null;
      return s == null ? Optional.empty() : Optional.of(bank.payments().view(b, s));
    });
  }

  /**
   * Gives hours to a relative who is a member of this branch.
   *
   * @param g the gift
   * @return the minutes given, or the rejection
   */
  public Outcome<Minutes> gift(Gift g) {
    Objects.requireNonNull(g, "g == null");
    return bank.act(() -> bank.payments().gift(id, g));
  }

  /**
   * Donates hours to this branch's donation pool.
   *
   * @param d the donation
   * @return the minutes donated, or the rejection
   */
  public Outcome<Minutes> donate(Donation d) {
    Objects.requireNonNull(d, "d == null");
    return bank.act(() -> bank.payments().donate(id, d));
  }

  /**
   * A member of this branch asks for hours from its pool.
   *
   * @param r the request
   * @return the open request, or the rejection
   */
  public Outcome<GrantRequestRef> requestGrant(GrantRequest r) {
    Objects.requireNonNull(r, "r == null");
    return bank.act(() -> bank.payments().requestGrant(id, r));
  }

  /**
   * Distributes the pool over open requests by the bank's priority.
   *
   * @param a the allocation, naming the coordinator
   * @return the grants made, or the rejection
   */
  public Outcome<List<Grant>> allocateGrants(GrantAllocation a) {
    Objects.requireNonNull(a, "a == null");
    return bank.act(() -> bank.payments().allocate(id, a));
  }

  /** {@return the donation pool's balance} */
  public Minutes pool() {
    return bank.locked(() -> Minutes.of(bank.state().books.get(id).engineBalance(Accounts.POOL)));
  }

  // ---- reports ----

  /**
   * The branch's figures for the days {@code from} (inclusive) to {@code to} (exclusive), for
   * public disclosure (居务公开).
   *
   * @param from the first day, in the bank's zone
   * @param to the day after the last
   * @return the report, with the journal position it was computed at
   */
  public BranchReport report(LocalDate from, LocalDate to) {
    checkPeriod(from, to);
    return bank.locked(() -> bank.reports().report(bank.state().books.get(id), from, to));
  }

  /** {@return the journal position now: what a checkpoint of this branch would commit to} */
  public JournalPosition position() {
    return bank.locked(() -> bank.reports().position(bank.state().books.get(id)));
  }

  private static void checkPeriod(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(to, "to == null");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("a period runs from a day to a later day: " + from + " to " + to);
    }
  }

  @Override
  public String toString() {
    return "Branch[" + id + "]";
  }
}
