package org.moralbank.timebank;

import org.moralbank.ledger.Hash;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.moralbank.ledger.Account;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.Minutes;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.member.MemberProfile;
import org.moralbank.timebank.policy.Policies;

/** Balances, statements, branch reports, honours and the trial balance. Called with the lock held. */
final class Reports {
  private final BankState bank;
  private final Payments payments;

  Reports(BankState bank, Payments payments) {
    this.bank = bank;
    this.payments = payments;
  }

  Optional<Balance> balance(MemberId m) {
    String home = bank.homes.get(m);
    if (home == null) {
      return Optional.empty();
    }
    Book b = bank.books.get(home);
    Optional<Account> main = b.journal.account(Accounts.member(m));
    long lifetime = lifetime(b.members.get(m).postings, m, null, null);
    Policies.Honours honours = bank.policies().honours();
    return Optional.of(new Balance(
        m, home,
        Minutes.of(main.map(Account::balance).orElse(0L)),
        Minutes.of(b.engineBalance(Accounts.donateOnly(m))),
        Minutes.of(main.map(Account::debitsPending).orElse(0L)),
        Minutes.of(Math.max(0, lifetime)),
        honours.starsFor(lifetime)));
  }

  /** Service credited to {@code m} (deposits and services delivered) less deductions, within [from, to) if given. */
  private long lifetime(List<Book.Posting> postings, MemberId m, LocalDate from, LocalDate to) {
    long sum = 0;
    for (Book.Posting p : postings) {
      if (from != null && !inPeriod(p, from, to)) {
        continue;
      }
      TransferCode c = p.code();
      if (m.equals(p.credit().member())
          && (c == TransferCode.DEPOSIT || c == TransferCode.GROUP_DEPOSIT || c == TransferCode.REDEMPTION)) {
        sum += p.amount();
      } else if (m.equals(p.debit().member()) && c == TransferCode.DEDUCTION) {
        sum -= p.amount();
      }
    }
    return sum;
  }

  private boolean inPeriod(Book.Posting p, LocalDate from, LocalDate to) {
    LocalDate d = bank.date(p.timestamp());
    return !d.isBefore(from) && d.isBefore(to);
  }

  Optional<Statement> statement(MemberId m, LocalDate from, LocalDate to) {
    String home = bank.homes.get(m);
    if (home == null) {
      return Optional.empty();
    }
    Book b = bank.books.get(home);
    long opening = 0;
    long closing = 0;
    List<StatementLine> lines = new ArrayList<>();
    for (Book.Posting p : b.members.get(m).postings) {
      LocalDate d = bank.date(p.timestamp());
      if (!d.isBefore(to)) {
        break;
      }
      for (boolean credit : new boolean[] {true, false}) {
        Book.Owner self = credit ? p.credit() : p.debit();
        if (!m.equals(self.member())) {
          continue;
        }
        long signed = credit ? p.amount() : -p.amount();
        closing += signed;
        if (d.isBefore(from)) {
          opening += signed;
        } else {
          Book.Owner other = credit ? p.debit() : p.credit();
          lines.add(new StatementLine(
              bank.instant(p.timestamp()), p.sequence(), kind(p.code(), credit),
              self.kind() == Book.Owner.Kind.DONATE_ONLY, signed, other.label(), p.reference()));
        }
      }
    }
    List<Booking> pending = new ArrayList<>();
    for (Book sb : bank.books.values()) {
      for (Book.BookingState s : sb.bookings.values()) {
        if (s.note.redeemer().equals(m) && payments.status(sb, s) == BookingStatus.PENDING) {
          pending.add(payments.view(sb, s));
        }
      }
    }
    return Optional.of(new Statement(m, home, from, to, opening, lines, closing, pending, position(b)));
  }

  private static MovementKind kind(TransferCode code, boolean credit) {
    if (code == null) {
      throw new IllegalStateException("a member account moved by a transfer of unknown code");
    }
    switch (code) {
      case DEPOSIT:
        return MovementKind.SERVICE_DEPOSIT;
      case GROUP_DEPOSIT:
        return MovementKind.GROUP_SERVICE_DEPOSIT;
      case REDEMPTION:
        return credit ? MovementKind.SERVICE_EARNED : MovementKind.REDEEMED;
      case GIFT:
        return credit ? MovementKind.GIFT_RECEIVED : MovementKind.GIFT_SENT;
      case GRANT:
        return MovementKind.GRANT_RECEIVED;
      case DONATION:
        return MovementKind.DONATED;
      case DEDUCTION:
        return MovementKind.DEDUCTED;
      case CAP_OVERFLOW:
        return MovementKind.CAP_OVERFLOW;
      case EXPIRY:
        return MovementKind.EXPIRED;
      case INACTIVITY:
        return MovementKind.INACTIVITY;
    }
    throw new AssertionError(code);
  }

  JournalPosition position(Book b) {
    // Three reads of a journal another instance may extend: retry until they agree.
    while (true) {
      org.moralbank.ledger.proof.TreeHead tree = b.journal.treeHead();
      Hash head = b.journal.head();
      if (b.journal.size() == tree.size() && b.journal.treeHead().equals(tree)) {
        return new JournalPosition(b.id, tree.size(), head, tree.root());
      }
    }
  }

  BranchReport report(Book b, LocalDate from, LocalDate to) {
    long deposited = 0;
    long redeemed = 0;
    long donated = 0;
    long granted = 0;
    long gifted = 0;
    long deducted = 0;
    long overflow = 0;
    long retired = 0;
    for (Book.Posting p : b.postings) {
      if (p.code() == null || !inPeriod(p, from, to)) {
        continue;
      }
      Book.Owner.Kind debit = p.debit().kind();
      Book.Owner.Kind credit = p.credit().kind();
      long a = p.amount();
      switch (p.code()) {
        case DEPOSIT:
        case GROUP_DEPOSIT:
          deposited += debit == Book.Owner.Kind.FUND ? a : 0;
          break;
        case REDEMPTION:
          redeemed += credit == Book.Owner.Kind.MAIN || credit == Book.Owner.Kind.SINK ? a : 0;
          break;
        case DONATION:
          donated += credit == Book.Owner.Kind.POOL ? a : 0;
          break;
        case GRANT:
          granted += debit == Book.Owner.Kind.POOL ? a : 0;
          break;
        case GIFT:
          gifted += credit == Book.Owner.Kind.MAIN ? a : 0;
          break;
        case DEDUCTION:
          deducted += credit == Book.Owner.Kind.FUND ? a : 0;
          break;
        case CAP_OVERFLOW:
          overflow += a;
          break;
        case EXPIRY:
        case INACTIVITY:
          retired += a;
          break;
      }
    }
    Policies.Honours honours = bank.policies().honours();
    List<Integer> stars = new ArrayList<>(Collections.nCopies(honours.stars().size() + 1, 0));
    List<HonourEntry> list = new ArrayList<>();
    Map<MemberId, Long> period = new HashMap<>();
    for (Book.MemberState m : b.members.values()) {
      int s = honours.starsFor(lifetime(m.postings, m.id, null, null));
      stars.set(s, stars.get(s) + 1);
      long served = lifetime(m.postings, m.id, from, to);
      if (served > 0) {
        period.put(m.id, served);
      }
    }
    List<Map.Entry<MemberId, Long>> ranked = new ArrayList<>(period.entrySet());
    ranked.sort(Map.Entry.<MemberId, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    for (int i = 0; i < ranked.size() && i < honours.listSize(); i++) {
      MemberId m = ranked.get(i).getKey();
      String name = m.value();
      if (honours.naming() == Policies.HonourNaming.DISPLAY_NAME) {
        name = bank.registry.find(m).map(MemberProfile::displayName).orElse(m.value());
      }
      list.add(new HonourEntry(i + 1, name, Minutes.of(ranked.get(i).getValue()),
          honours.starsFor(lifetime(b.members.get(m).postings, m, null, null))));
    }
    return new BranchReport(
        b.id, from, to, Minutes.of(deposited), Minutes.of(redeemed), Minutes.of(donated), Minutes.of(granted),
        Minutes.of(gifted), Minutes.of(deducted), Minutes.of(overflow), Minutes.of(retired),
        Minutes.of(b.engineBalance(Accounts.POOL)), b.members.size(), stars, list, position(b));
  }

  TrialBalance trialBalance() {
    List<TrialBalance.BranchTotal> totals = new ArrayList<>();
    List<TrialBalance.ClearingPair> pairs = new ArrayList<>();
    List<Book> books = new ArrayList<>(bank.books.values());
    for (Book b : books) {
      long sum = 0;
      for (AccountId id : b.accounts) {
        sum += b.engineBalance(id);
      }
      totals.add(new TrialBalance.BranchTotal(b.id, sum, -b.engineBalance(Accounts.FUND)));
    }
    for (int i = 0; i < books.size(); i++) {
      for (int j = i + 1; j < books.size(); j++) {
        Book a = books.get(i);
        Book c = books.get(j);
        Optional<Account> ac = a.journal.account(Accounts.clearing(c.id));
        Optional<Account> ca = c.journal.account(Accounts.clearing(a.id));
        if (ac.isPresent() || ca.isPresent()) {
          pairs.add(new TrialBalance.ClearingPair(
              a.id, c.id, ac.map(Account::balance).orElse(0L), ca.map(Account::balance).orElse(0L),
              ac.map(x -> x.creditsPending() - x.debitsPending()).orElse(0L),
              ca.map(x -> x.creditsPending() - x.debitsPending()).orElse(0L)));
        }
      }
    }
    return new TrialBalance(totals, pairs);
  }
}
