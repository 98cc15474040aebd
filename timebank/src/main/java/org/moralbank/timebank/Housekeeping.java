package org.moralbank.timebank;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.TransferId;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.policy.Policies;

/**
 * What happens because time passed, always as explicit entries: expired proposals, pending
 * transfers past their timeout, unfinished cross-branch movements, and the optional expiry and
 * inactivity rules. Called with the bank's lock held.
 */
final class Housekeeping {
  private final BankState bank;
  private final Mover mover;
  private final ServiceDesk desk;

  Housekeeping(BankState bank, Mover mover, ServiceDesk desk) {
    this.bank = bank;
    this.mover = mover;
    this.desk = desk;
  }

  private List<Book> openBooks() {
    List<Book> out = new ArrayList<>();
    for (Book b : bank.books.values()) {
      if (b.open()) {
        out.add(b);
      }
    }
    return out;
  }

  /** Lets each open journal expire its due pending transfers; returns how many expired. */
  int expireTransfers() {
    int n = 0;
    for (Book b : openBooks()) {
      n += b.journal.expireDue();
      b.catchUp();
    }
    return n;
  }

  /** Finishes or voids every cross-branch movement that a crash (or a timeout) left half done. */
  int recover() {
    int n = 0;
    for (Book b : new ArrayList<>(bank.books.values())) {
      for (DomainNote.ClearingLeg leg : new ArrayList<>(b.legs.values())) {
        if (mover.unfinished(b.id, leg) && mover.resolve(b.id, leg)) {
          n++;
        }
      }
    }
    return n;
  }

  SweepReport sweep() {
    int transfers = expireTransfers();
    int proposals = 0;
    for (Book b : openBooks()) {
      proposals += desk.expireProposals(b);
    }
    int clearing = recover();
    Policies pol = bank.policies();
    LocalDate today = bank.today();
    long expired = 0;
    long inactive = 0;
    Optional<Period> expiry = pol.expiry().hoursExpireAfter();
    Optional<Period> inactivity = pol.expiry().inactivityAfter();
    for (Book b : openBooks()) {
      for (Book.MemberState m : new ArrayList<>(b.members.values())) {
        if (expiry.isPresent()) {
          expired += retire(b, m, oldHours(m, today.minus(expiry.get())), false);
        }
        if (inactivity.isPresent() && bank.date(lastActivity(m)).isBefore(today.minus(inactivity.get()))) {
          inactive += retire(b, m, Long.MAX_VALUE, true);
        }
      }
    }
    return new SweepReport(
        proposals, transfers, clearing, Minutes.of(expired), Minutes.of(inactive));
  }

  /**
   * Hours credited before {@code cutoff} and not yet spent, spending the oldest first: credits
   * before the cutoff less every debit so far (including earlier expiries), never negative.
   */
  private long oldHours(Book.MemberState m, LocalDate cutoff) {
    long credits = 0;
    long debits = 0;
    for (Book.Posting p : m.postings) {
      if (m.id.equals(p.credit().member()) && bank.date(p.timestamp()).isBefore(cutoff)) {
        credits += p.amount();
      }
      if (m.id.equals(p.debit().member())) {
        debits += p.amount();
      }
    }
    return Math.max(0, credits - debits);
  }

  /** The member's last movement of their own: entries the bank writes for age do not count. */
  private static long lastActivity(Book.MemberState m) {
    long last = m.enrolledAt;
    for (Book.Posting p : m.postings) {
      if (p.code() != TransferCode.EXPIRY && p.code() != TransferCode.INACTIVITY) {
        last = Math.max(last, p.timestamp());
      }
    }
    return last;
  }

  /** Takes up to {@code limit} of a member's available hours, main first; returns how many. */
  private long retire(Book b, Book.MemberState m, long limit, boolean inactivity) {
    MemberId id = m.id;
    AccountId main = Accounts.member(id);
    AccountId donateOnly = Accounts.donateOnly(id);
    long fromMain = Math.min(limit, b.engineAvailable(main));
    long fromDonateOnly = Math.min(limit - fromMain, b.engineAvailable(donateOnly));
    if (fromMain + fromDonateOnly == 0) {
      return 0;
    }
    List<Mover.Debit> debits = new ArrayList<>();
    if (fromMain > 0) {
      debits.add(Mover.Debit.of(main, fromMain));
    }
    if (fromDonateOnly > 0) {
      debits.add(Mover.Debit.of(donateOnly, fromDonateOnly));
    }
    TransferId op = bank.ids.next();
    mover.execute(b,
        new DomainNote.HoursRetired(op, id, inactivity, fromMain, fromDonateOnly),
        op,
        List.of(new Mover.Move(inactivity ? TransferCode.INACTIVITY : TransferCode.EXPIRY, b, debits, b,
            inactivity ? Accounts.POOL : Accounts.FUND)),
        Optional.empty());
    return fromMain + fromDonateOnly;
  }
}
