package org.moralbank.timebank;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.AccountKind;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.NoteResult;
import org.moralbank.ledger.PendingStatus;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.TransferRequest;
import org.moralbank.ledger.TransferResult;
import org.moralbank.timebank.member.MemberId;

/**
 * Writes what an action decided: its domain note and its movements of hours, within one branch
 * or between two (通存通兑).
 *
 * <h2>Between branches</h2>
 *
 * A movement from accounts of branch D (debit) to an account of branch C (credit) is two legs,
 * each a pending transfer beside a {@link DomainNote.ClearingLeg} note in its own journal:
 *
 * <pre>
 *   D: member ──pending──▶ clearing(C)        C: clearing(D) ──pending──▶ provider / sink / pool / member
 * </pre>
 *
 * The leg in the other branch is written first; the leg in the branch where the action is taken
 * is written second, in one durable unit with the action's domain note. Then the debit leg is
 * posted, then the credit leg (with any balance-cap overflow). A crash can stop this anywhere;
 * {@link #resolve} finishes or voids a movement from the legs alone, deterministically:
 *
 * <ul>
 *   <li>a leg without its partner is voided (the action's note was never written);
 *   <li>both legs pending: posted (debit first), unless the movement awaits a booking's
 *       delivery, when the booking's journaled decision is carried out, or nothing if none;
 *   <li>debit posted, credit pending: the credit is posted; debit posted, credit expired: the
 *       credit is completed by a single transfer with an id derived from the movement;
 *   <li>one leg voided or expired before the debit posted: the other is voided.
 * </ul>
 *
 * Posting the debit leg first means only the credit leg can ever need completing, and that
 * never fails: a clearing account has no balance limit. So every movement ends with both legs
 * posted (the hours moved) or neither (they did not), and every clearing pair nets to zero.
 */
final class Mover {
  private final BankState bank;

  Mover(BankState bank) {
    this.bank = bank;
  }

  /** Hours taken from one account of the debit branch. */
  record Debit(AccountId account, long amount, Optional<TransferId> corrects) {
    static Debit of(AccountId account, long amount) {
      return new Debit(account, amount, Optional.empty());
    }
  }

  /** Hours from accounts of {@code debitBook} to {@code creditAccount} of {@code creditBook}. */
  record Move(TransferCode code, Book debitBook, List<Debit> debits, Book creditBook, AccountId creditAccount) {
    Move {
      debits = List.copyOf(debits);
    }

    static Move of(TransferCode code, Book debitBook, AccountId debit, long amount, Book creditBook, AccountId credit) {
      return new Move(code, debitBook, List.of(Debit.of(debit, amount)), creditBook, credit);
    }

    long amount() {
      return debits.stream().mapToLong(Debit::amount).sum();
    }

    boolean local() {
      return debitBook == creditBook;
    }
  }

  /**
   * Journals {@code note} at {@code invoking} with its moves, whose rules were all checked.
   *
   * @param await for a booking: the moves are pending transfers with this timeout, posted on
   *     delivery; empty to move the hours now
   */
  NoteResult execute(Book invoking, DomainNote note, TransferId cause, List<Move> moves, Optional<Duration> await) {
    String ref = cause.toString();
    List<Command<?>> commands = new ArrayList<>();
    commands.add(NoteCodec.encode(note));
    List<TransferRequest> group = new ArrayList<>();
    Map<MemberId, Long> incoming = new HashMap<>();
    List<Move> crossing = new ArrayList<>();
    List<DomainNote.ClearingLeg> prepared = new ArrayList<>();
    for (Move m : moves) {
      if (m.debitBook() != invoking && m.creditBook() != invoking) {
        throw new AssertionError("a move must touch the branch where the action is taken");
      }
      if (m.local()) {
        for (Debit d : m.debits()) {
          TransferId id = bank.ids.next();
          Minutes amount = Minutes.of(d.amount());
          group.add(await.isPresent()
              ? new TransferRequest.Pending(id, d.account(), m.creditAccount(), amount, m.code().code(), d.corrects(), ref, await.get())
              : new TransferRequest.Single(id, d.account(), m.creditAccount(), amount, m.code().code(), d.corrects(), ref));
        }
        if (await.isEmpty()) {
          overflow(invoking, m.creditAccount(), m.amount(), incoming, ref).ifPresent(group::add);
        }
        continue;
      }
      ensureClearing(m.debitBook(), m.creditBook());
      TransferId xop = bank.ids.next();
      List<TransferId> debitIds = new ArrayList<>();
      List<TransferRequest> debitLeg = new ArrayList<>();
      Duration timeout = await.orElse(TransferRequest.MAX_TIMEOUT);
      AccountId toCredit = Accounts.clearing(m.creditBook().id);
      for (Debit d : m.debits()) {
        TransferId id = bank.ids.next();
        debitIds.add(id);
        debitLeg.add(new TransferRequest.Pending(
            id, d.account(), toCredit, Minutes.of(d.amount()), m.code().code(), d.corrects(), ref, timeout));
      }
      TransferId creditId = bank.ids.next();
      TransferRequest creditLeg = new TransferRequest.Pending(
          creditId, Accounts.clearing(m.debitBook().id), m.creditAccount(), Minutes.of(m.amount()),
          m.code().code(), Optional.empty(), ref, timeout);
      DomainNote.ClearingLeg debitNote = new DomainNote.ClearingLeg(
          xop, cause, m.code(), true, m.creditBook().id, debitIds, creditId, m.creditAccount(), m.amount(),
          await.isPresent());
      DomainNote.ClearingLeg creditNote = new DomainNote.ClearingLeg(
          xop, cause, m.code(), false, m.debitBook().id, debitIds, creditId, m.creditAccount(), m.amount(),
          await.isPresent());
      if (m.debitBook() == invoking) {
        m.creditBook().writeChecked(List.of(NoteCodec.encode(creditNote), new Command.TransferGroup(List.of(creditLeg))));
        commands.add(NoteCodec.encode(debitNote));
        group.addAll(debitLeg);
      } else {
        m.debitBook().writeChecked(List.of(NoteCodec.encode(debitNote), new Command.TransferGroup(debitLeg)));
        commands.add(NoteCodec.encode(creditNote));
        group.add(creditLeg);
      }
      crossing.add(m);
      prepared.add(debitNote);
    }
    if (!group.isEmpty()) {
      commands.add(new Command.TransferGroup(group));
    }
    NoteResult result = (NoteResult) invoking.writeChecked(commands).get(0);
    if (await.isEmpty()) {
      for (int i = 0; i < prepared.size(); i++) {
        Move m = crossing.get(i);
        if (postDebit(m.debitBook(), prepared.get(i))) {
          postCredit(m.debitBook(), m.creditBook(), prepared.get(i));
        } else {
          voidCredit(m.creditBook(), prepared.get(i));
        }
      }
    }
    return result;
  }

  /** The overflow of a credit beyond the balance cap, moved on to the pool, when the credit is a member's. */
  private Optional<TransferRequest> overflow(
      Book book, AccountId credit, long amount, Map<MemberId, Long> incoming, String ref) {
    MemberId m = book.owner(credit).member();
    Optional<Minutes> cap = bank.policies().balanceCap();
    if (m == null || cap.isEmpty()) {
      return Optional.empty();
    }
    long before = book.total(m) + incoming.getOrDefault(m, 0L);
    incoming.merge(m, amount, Long::sum);
    long over = Math.min(amount, before + amount - cap.get().value());
    if (over <= 0) {
      return Optional.empty();
    }
    return Optional.of(new TransferRequest.Single(
        bank.ids.next(), credit, Accounts.POOL, Minutes.of(over), TransferCode.CAP_OVERFLOW.code(),
        Optional.empty(), ref));
  }

  private void ensureClearing(Book a, Book b) {
    for (Book[] pair : new Book[][] {{a, b}, {b, a}}) {
      AccountId id = Accounts.clearing(pair[1].id);
      if (!pair[0].accounts.contains(id)) {
        pair[0].writeChecked(List.of(Command.OpenAccount.of(id, AccountKind.CLEARING)));
      }
    }
  }

  // ---- settling the legs ----

  /** Posts the debit leg; false when the engine found it expired. */
  boolean postDebit(Book debitBook, DomainNote.ClearingLeg leg) {
    List<TransferRequest> posts = new ArrayList<>();
    for (TransferId id : leg.debitTransfers()) {
      posts.add(TransferRequest.PostPending.full(bank.ids.next(), id));
    }
    return applied(debitBook.write(List.of(new Command.TransferGroup(posts))));
  }

  /** Posts the credit leg with any cap overflow; completes it when it expired meanwhile. */
  void postCredit(Book debitBook, Book creditBook, DomainNote.ClearingLeg leg) {
    List<TransferRequest> group = new ArrayList<>();
    group.add(TransferRequest.PostPending.full(bank.ids.next(), leg.creditTransfer()));
    String ref = leg.cause().toString();
    overflow(creditBook, leg.creditAccount(), leg.amount(), new HashMap<>(), ref).ifPresent(group::add);
    if (!applied(creditBook.write(List.of(new Command.TransferGroup(group))))) {
      complete(debitBook, creditBook, leg);
    }
  }

  /** The credit leg expired after the debit leg posted: move the hours by a single transfer. */
  private void complete(Book debitBook, Book creditBook, DomainNote.ClearingLeg leg) {
    TransferId id = completionId(leg.xop());
    if (creditBook.journal.transfer(id).isPresent()) {
      return;
    }
    String ref = leg.cause().toString();
    List<TransferRequest> group = new ArrayList<>();
    group.add(new TransferRequest.Single(
        id, Accounts.clearing(debitBook.id), leg.creditAccount(), Minutes.of(leg.amount()), leg.code().code(),
        Optional.empty(), ref));
    overflow(creditBook, leg.creditAccount(), leg.amount(), new HashMap<>(), ref).ifPresent(group::add);
    creditBook.writeChecked(List.of(new Command.TransferGroup(group)));
  }

  static TransferId completionId(TransferId xop) {
    AccountId a = Accounts.derive("complete:" + xop);
    return new TransferId(a.high(), a.low());
  }

  void voidDebit(Book debitBook, DomainNote.ClearingLeg leg) {
    List<TransferRequest> voids = new ArrayList<>();
    for (TransferId id : leg.debitTransfers()) {
      if (debitBook.status(id).orElse(null) == PendingStatus.PENDING) {
        voids.add(new TransferRequest.VoidPending(bank.ids.next(), id));
      }
    }
    if (!voids.isEmpty()) {
      debitBook.write(List.of(new Command.TransferGroup(voids)));
    }
  }

  void voidCredit(Book creditBook, DomainNote.ClearingLeg leg) {
    if (creditBook.status(leg.creditTransfer()).orElse(null) == PendingStatus.PENDING) {
      creditBook.write(List.of(Command.TransferGroup.of(
          new TransferRequest.VoidPending(bank.ids.next(), leg.creditTransfer()))));
    }
  }

  private static boolean applied(List<Object> results) {
    for (Object r : results) {
      if (r instanceof List<?> l) {
        for (Object t : l) {
          if (t instanceof TransferResult.Rejected) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** The status of a movement's debit leg: all its transfers share it (one group, one timeout). */
  static Optional<PendingStatus> debitStatus(Book debitBook, DomainNote.ClearingLeg leg) {
    return debitBook.status(leg.debitTransfers().get(0));
  }

  /**
   * Brings a movement between branches as far as its legs and the journaled decisions allow;
   * returns true if it wrote anything. See the class comment for the rules.
   *
   * @param self the branch whose journal holds {@code leg}
   */
  boolean resolve(String self, DomainNote.ClearingLeg leg) {
    Book debitBook = bank.books.get(leg.debitBranch(self));
    Book creditBook = bank.books.get(leg.creditBranch(self));
    PendingStatus d = debitStatus(debitBook, leg).orElse(null);
    PendingStatus c = creditBook.status(leg.creditTransfer()).orElse(null);
    if (d == PendingStatus.POSTED) {
      if (c == PendingStatus.PENDING) {
        postCredit(debitBook, creditBook, leg);
        return true;
      }
      if (c != PendingStatus.POSTED && !creditBook.journal.transfer(completionId(leg.xop())).isPresent()) {
        complete(debitBook, creditBook, leg);
        return true;
      }
      return false;
    }
    if (d == PendingStatus.PENDING) {
      if (c == PendingStatus.PENDING) {
        Boolean decision = leg.await() ? bookingDecision(creditBook, leg) : Boolean.TRUE;
        if (decision == null) {
          return false;
        }
        if (decision) {
          if (postDebit(debitBook, leg)) {
            postCredit(debitBook, creditBook, leg);
          } else {
            voidCredit(creditBook, leg);
          }
        } else {
          voidDebit(debitBook, leg);
          voidCredit(creditBook, leg);
        }
        return true;
      }
      if (c == PendingStatus.POSTED) {
        // Never written in this order; posting the debit is the only way to keep the pair even.
        postDebit(debitBook, leg);
        return true;
      }
      voidDebit(debitBook, leg);
      return true;
    }
    if (c == PendingStatus.PENDING) {
      voidCredit(creditBook, leg);
      return true;
    }
    return false;
  }

  /** The journaled settlement of the booking a movement awaits: null while undecided. */
  private static Boolean bookingDecision(Book creditBook, DomainNote.ClearingLeg leg) {
    for (Book.BookingState b : creditBook.bookings.values()) {
      if (b.leg != null && b.leg.xop().equals(leg.xop())) {
        return b.delivered;
      }
    }
    return null;
  }

  /** Whether the movement still has a pending leg, or a credit leg owed a completion. */
  boolean unfinished(String self, DomainNote.ClearingLeg leg) {
    Book debitBook = bank.books.get(leg.debitBranch(self));
    Book creditBook = bank.books.get(leg.creditBranch(self));
    PendingStatus d = debitStatus(debitBook, leg).orElse(null);
    PendingStatus c = creditBook.status(leg.creditTransfer()).orElse(null);
    if (d == PendingStatus.PENDING || c == PendingStatus.PENDING) {
      return true;
    }
    return d == PendingStatus.POSTED && c != PendingStatus.POSTED
        && !creditBook.journal.transfer(completionId(leg.xop())).isPresent();
  }
}
