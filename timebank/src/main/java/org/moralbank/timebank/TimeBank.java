package org.moralbank.timebank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.moralbank.ledger.AccountFlag;
import org.moralbank.ledger.AccountKind;
import org.moralbank.ledger.BranchConfig;
import org.moralbank.ledger.BranchJournal;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.JournalFailedException;
import org.moralbank.ledger.JournalIntegrityException;
import org.moralbank.ledger.PendingStatus;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.member.MemberRegistry;
import org.moralbank.timebank.policy.BankConfig;

/**
 * A moral bank (道德银行): the domain of hours of voluntary service over the ledger engine.
 *
 * <pre>
 *   TimeBank ── head office journal: the branch tree (notes)
 *      │
 *      ├── Branch "flowers" ── savings branch journal: fund, pool, sink, members, clearing
 *      ├── Branch "calligraphy" ── ...
 *      └── MemberRegistry (the application's): names, birth dates, relations; never journaled
 * </pre>
 *
 * <h2>Design</h2>
 *
 * Every savings branch keeps its own hash-chained journal (a {@link BranchJournal}); the head
 * office's journal holds the branch tree. Hours move only as engine transfers; everything else
 * the domain knows (proposals and votes, bookings, gifts, grant requests, the legs of
 * cross-branch movements) is journaled as a note in a versioned canonical-JSON payload, so the
 * domain state is a fold over the journals: it is rebuilt by reading them when the bank opens,
 * and kept current by reading back what each command appended. There is no second source of
 * truth to drift.
 *
 * <p>A command is decided in two phases: every rule is checked first, against the domain state
 * and the engine's balances, and a refusal is returned as {@link Outcome.Rejected} with a
 * {@link Reason} before anything is written; only then is the command written, as one durable
 * unit per journal it touches. Movements between branches (通存通兑) are two legs through
 * clearing accounts, finished or voided on recovery after a crash (see docs/timebank.md).
 *
 * <h2>Threading</h2>
 *
 * A {@code TimeBank} is thread-safe: commands and queries are serialized by one bank-wide lock,
 * because rules read state of several branches at once (a volunteer's intervals, a giver's yearly
 * gifts, both legs of a cross-branch movement). Each command waits until its records are durable.
 *
 * <h2>Errors</h2>
 *
 * A malformed command (a null, a negative amount, times out of order) throws {@link
 * IllegalArgumentException} or {@link NullPointerException} when it is made. A domain rule that
 * refuses a command is an {@link Outcome.Rejected}, never an exception, and appends nothing. A
 * journal that cannot write fails stop with {@link JournalFailedException}: close the bank and
 * open it again, which finishes what the failure interrupted.
 */
public final class TimeBank implements AutoCloseable {
  private final BankState bank;
  private final StoreFactory stores;
  private final Mover mover;
  private final ServiceDesk desk;
  private final Payments payments;
  private final Reports reports;
  private final Housekeeping housekeeping;

  private TimeBank(BankState bank, StoreFactory stores) {
    this.bank = bank;
    this.stores = stores;
    this.mover = new Mover(bank);
    this.desk = new ServiceDesk(bank, mover);
    this.payments = new Payments(bank, mover);
    this.reports = new Reports(bank, payments);
    this.housekeeping = new Housekeeping(bank, mover, desk);
  }

  /**
   * Opens a bank, creating the head office journal when its store is empty. Rebuilds the domain
   * state from every journal, finishes whatever a crash interrupted (a branch half opened or
   * closed, a cross-branch movement with one leg), and expires pending transfers past their
   * timeout.
   *
   * @param clock the bank's time: domain rules (ages, "no service in the future", days) and the
   *     ledger timestamps of every journal
   * @param ids the ids of the operations the bank issues itself; {@link
   *     OperationIds#secureRandom()} unless a run must be reproducible to the byte
   * @param config the bank's configuration
   * @param stores the store of each journal, by branch id
   * @param registry the members' personal data, read when a rule needs it
   * @return the open bank
   * @throws JournalIntegrityException if a journal does not verify
   * @throws MalformedNoteException if a journal holds a time-bank note this version cannot read
   */
  public static TimeBank open(BankConfig config, StoreFactory stores, MemberRegistry registry, Clock clock,
      OperationIds ids) throws IOException {
    Objects.requireNonNull(config, "config == null");
    Objects.requireNonNull(stores, "stores == null");
    Objects.requireNonNull(registry, "registry == null");
    Objects.requireNonNull(clock, "clock == null");
    Objects.requireNonNull(ids, "ids == null");
    TimeBank tb = new TimeBank(new BankState(config, registry, clock, ids), stores);
    try {
      tb.start();
    } catch (IOException | RuntimeException | Error e) {
      tb.closeJournals(e);
      throw e;
    }
    return tb;
  }

  /**
   * {@link #open(BankConfig, StoreFactory, MemberRegistry, Clock, OperationIds)} with random
   * operation ids.
   *
   * @param config the bank's configuration
   * @param stores the store of each journal, by branch id
   * @param registry the members' personal data, read when a rule needs it
   * @param clock the bank's time
   * @return the open bank
   * @throws JournalIntegrityException if a journal does not verify
   * @throws MalformedNoteException if a journal holds a time-bank note this version cannot read
   */
  public static TimeBank open(BankConfig config, StoreFactory stores, MemberRegistry registry, Clock clock)
      throws IOException {
    return open(config, stores, registry, clock, OperationIds.secureRandom());
  }

  /**
   * {@link #open(BankConfig, StoreFactory, MemberRegistry, Clock)} with the system clock.
   *
   * @param config the bank's configuration
   * @param stores the store of each journal, by branch id
   * @param registry the members' personal data, read when a rule needs it
   * @return the open bank
   * @throws IOException if a journal cannot be read or does not verify
   */
  public static TimeBank open(BankConfig config, StoreFactory stores, MemberRegistry registry) throws IOException {
    return open(config, stores, registry, Clock.systemUTC());
  }

  private void start() throws IOException {
    bank.lock.lock();
    try {
      String headId = bank.config.headOffice();
      bank.head = new Book(headId, bank, journal(headId));
      bank.head.catchUp();
      if (!bank.tree.containsKey(headId)) {
        bank.head.note(new DomainNote.BranchOpened(headId, BranchKind.HEAD_OFFICE, Optional.empty(), "Head office"));
      }
      for (BankState.TreeNode n : new ArrayList<>(bank.tree.values())) {
        if (n.kind == BranchKind.SAVINGS_BRANCH) {
          attach(n);
        }
      }
      for (Book b : bank.books.values()) {
        if (!b.open() && bank.tree.get(b.id).open()) {
          // Closed in its own journal, then the crash came before the head office heard of it.
          bank.head.note(new DomainNote.BranchClosed(b.id));
        }
      }
      housekeeping.expireTransfers();
      housekeeping.recover();
    } finally {
      bank.lock.unlock();
    }
  }

  private BranchJournal journal(String branch) throws IOException {
    BranchConfig c = BranchConfig.of(bank.config.bankId(), branch)
        .withAlgorithm(bank.config.algorithm())
        .withClock(bank::nanos);
    return BranchJournal.openOrCreate(stores.open(branch), c);
  }

  /** Opens a savings branch's journal, setting it up when its creation was interrupted. */
  private void attach(BankState.TreeNode n) throws IOException {
    Book b = new Book(n.id, bank, journal(n.id));
    bank.books.put(n.id, b);
    b.catchUp();
    if (!b.setUp) {
      b.writeChecked(List.of(
          NoteCodec.encode(new DomainNote.BranchOpened(n.id, n.kind, n.parent, n.name)),
          Command.OpenAccount.fund(Accounts.FUND),
          Command.OpenAccount.of(Accounts.POOL, AccountKind.DONATION_POOL, AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS),
          Command.OpenAccount.of(Accounts.SINK, AccountKind.REDEMPTION_SINK)));
    }
  }

  /** {@return the configuration the bank was opened with} */
  public BankConfig config() {
    return bank.config;
  }

  /**
   * A handle on a savings branch (open or closed).
   *
   * @param id the savings branch's id
   * @return the handle
   * @throws UnknownBranchException if the bank has no savings branch {@code id}
   */
  public Branch branch(String id) {
    Objects.requireNonNull(id, "id == null");
    return locked(() -> {
      BankState.TreeNode n = bank.tree.get(id);
      if (n == null || n.kind != BranchKind.SAVINGS_BRANCH) {
        throw new UnknownBranchException(id);
      }
      return new Branch(this, id);
    });
  }

  /**
   * {@return the branch tree: the head office first, then branches in the order they were opened}
   */
  public List<BranchInfo> branches() {
    return locked(bank::branches);
  }

  /**
   * {@return the member's home branch, if enrolled}
   *
   * @param member the member
   */
  public Optional<String> homeBranch(MemberId member) {
    Objects.requireNonNull(member, "member == null");
    return locked(() -> Optional.ofNullable(bank.homes.get(member)));
  }

  /**
   * Opens a sub-branch or a savings branch (with its own journal, fund, pool and sink).
   *
   * @param c the branch to open
   * @return the branch, or the rejection
   */
  public Outcome<BranchInfo> openBranch(OpenBranch c) {
    Objects.requireNonNull(c, "c == null");
    return act(() -> {
      Refusal.require(!bank.tree.containsKey(c.id()), Reason.BRANCH_EXISTS, "branch " + c.id() + " exists");
      BankState.TreeNode parent = bank.tree.get(c.parent());
      Refusal.require(parent != null, Reason.BRANCH_UNKNOWN, "no parent branch " + c.parent());
      Refusal.require(parent.open(), Reason.PARENT_CLOSED, "parent " + c.parent() + " is closed");
      BranchKind wanted = c.kind() == BranchKind.SUB_BRANCH ? BranchKind.HEAD_OFFICE : BranchKind.SUB_BRANCH;
      Refusal.require(parent.kind == wanted, Reason.INVALID_PARENT,
          "a " + c.kind() + " belongs under a " + wanted + ", not a " + parent.kind);
      bank.head.note(new DomainNote.BranchOpened(c.id(), c.kind(), Optional.of(c.parent()), c.name()));
      BankState.TreeNode n = bank.tree.get(c.id());
      if (c.kind() == BranchKind.SAVINGS_BRANCH) {
        try {
          attach(n);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot open the journal of " + c.id(), e);
        }
      }
      return n.info();
    });
  }

  /**
   * Closes a branch: it keeps its history and accepts no new entries. A savings branch closes
   * when nothing is in flight (proposals awaiting review, bookings, grant requests, clearing
   * legs); a sub-branch after all its savings branches. Members keep their pseudonymous history;
   * their hours stay in the closed journal.
   *
   * @param id the branch
   * @return the branch, closed, or the rejection
   */
  public Outcome<BranchInfo> closeBranch(String id) {
    Objects.requireNonNull(id, "id == null");
    return act(() -> {
      BankState.TreeNode n = bank.tree.get(id);
      Refusal.require(n != null, Reason.BRANCH_UNKNOWN, "no branch " + id);
      Refusal.require(n.kind != BranchKind.HEAD_OFFICE, Reason.HEAD_OFFICE, "the head office closes with the bank");
      Refusal.require(n.open(), Reason.BRANCH_CLOSED, id + " is already closed");
      if (n.kind == BranchKind.SUB_BRANCH) {
        for (BankState.TreeNode c : bank.tree.values()) {
          Refusal.require(!(c.parent.equals(Optional.of(id)) && c.open()), Reason.BRANCH_HAS_OPEN_CHILDREN,
              id + " still has the open branch " + c.id);
        }
      } else {
        Book b = bank.books.get(id);
        requireIdle(b);
        desk.expireProposals(b);
        b.note(new DomainNote.BranchClosed(id));
      }
      bank.head.note(new DomainNote.BranchClosed(id));
      return n.info();
    });
  }

  private void requireIdle(Book b) {
    Instant now = bank.now();
    for (Book.ProposalState p : b.proposals.values()) {
      Refusal.require(p.statusAt(now) != ProposalStatus.PROPOSED, Reason.BRANCH_BUSY,
          b.id + " has the open proposal " + p.ref);
    }
    for (Book.GrantState g : b.grantRequests.values()) {
      Refusal.require(g.remaining() <= 0, Reason.BRANCH_BUSY, b.id + " has an open grant request");
    }
    for (Book.PendingEntry e : b.pendings.values()) {
      Refusal.require(e.status != PendingStatus.PENDING, Reason.BRANCH_BUSY,
          b.id + " has a pending transfer (a booking or a clearing leg)");
    }
    for (Book other : bank.books.values()) {
      for (DomainNote.ClearingLeg leg : other.legs.values()) {
        Refusal.require(!(leg.counterpart().equals(b.id) && mover.unfinished(other.id, leg)), Reason.BRANCH_BUSY,
            b.id + " has an unfinished movement with " + other.id);
      }
    }
  }

  /**
   * The bank-wide trial balance: each branch sums to zero and each pair of clearing accounts nets
   * to zero, posted and pending.
   *
   * @return the trial balance
   */
  public TrialBalance trialBalance() {
    return locked(reports::trialBalance);
  }

  /**
   * Housekeeping, as explicit journal entries: expires proposals nobody reviewed in time and
   * pending transfers past their timeout, finishes cross-branch movements, and applies the
   * expiry and inactivity rules when the policies enable them. Run it daily.
   *
   * @return what the sweep did
   */
  public SweepReport sweep() {
    return locked(housekeeping::sweep);
  }

  /** Closes every journal. */
  @Override
  public void close() throws IOException {
    bank.lock.lock();
    try {
      closeJournals(null);
    } finally {
      bank.lock.unlock();
    }
  }

  private void closeJournals(Throwable primary) throws IOException {
    IOException first = null;
    List<Book> all = new ArrayList<>(bank.books.values());
    if (bank.head != null) {
      all.add(bank.head);
    }
    for (Book b : all) {
      try {
        b.journal.close();
      } catch (IOException e) {
        if (primary != null) {
          primary.addSuppressed(e);
        } else if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  // ---- for Branch ----

  BankState state() {
    return bank;
  }

  ServiceDesk desk() {
    return desk;
  }

  Payments payments() {
    return payments;
  }

  Reports reports() {
    return reports;
  }

  /** Runs a command under the lock; a refusal becomes {@link Outcome.Rejected}. */
  <T> Outcome<T> act(Supplier<T> command) {
    bank.lock.lock();
    try {
      return new Outcome.Accepted<>(command.get());
    } catch (Refusal r) {
      return new Outcome.Rejected<>(r.reason, r.getMessage());
    } finally {
      bank.lock.unlock();
    }
  }

  <T> T locked(Supplier<T> query) {
    bank.lock.lock();
    try {
      return query.get();
    } finally {
      bank.lock.unlock();
    }
  }
}
