package org.moralbank.timebank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.store.ForwardingJournalStore;
import org.moralbank.ledger.store.InMemoryStore;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.ledger.store.JournalStore;
import org.moralbank.timebank.member.Circumstance;
import org.moralbank.timebank.member.InMemoryMemberRegistry;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.member.MemberProfile;
import org.moralbank.timebank.member.Relation;
import org.moralbank.timebank.policy.BankConfig;
import org.moralbank.timebank.policy.Policies;

/**
 * A small bank for tests: a clock the test moves, stores that survive a reopen (and can be made
 * to fail, to simulate a crash), a registry of residents, and the branch tree
 *
 * <pre>
 *   head-office ─┬─ east ─┬─ flowers
 *                │        └─ calligraphy
 *                └─ west ──── merchants
 * </pre>
 */
final class Fixture implements AutoCloseable {
  static final Instant T0 = Instant.parse("2025-03-03T00:00:00Z");

  static final MemberId COORDINATOR = MemberId.of("coordinator");
  /** Records service (a grid worker): not a reviewer. */
  static final MemberId GRID = MemberId.of("grid-worker");
  static final MemberId K1 = MemberId.of("council-1");
  static final MemberId K2 = MemberId.of("council-2");
  static final MemberId K3 = MemberId.of("council-3");
  static final MemberId ALICE = MemberId.of("alice");
  static final MemberId BOB = MemberId.of("bob");
  static final MemberId CAROL = MemberId.of("carol");
  static final MemberId DAVE = MemberId.of("dave");
  static final MemberId ERIN = MemberId.of("erin");
  static final MemberId FRANK = MemberId.of("frank");

  final MutableClock clock = new MutableClock(T0);
  final Stores stores = new Stores();
  final InMemoryMemberRegistry registry = new InMemoryMemberRegistry();
  final OperationIds ids;
  BankConfig config;
  TimeBank bank;

  Fixture() {
    this(policies -> policies);
  }

  Fixture(java.util.function.UnaryOperator<Policies> tweak) {
    this(tweak, c -> c);
  }

  Fixture(java.util.function.UnaryOperator<Policies> tweak, java.util.function.UnaryOperator<BankConfig> configure) {
    this(tweak, configure, OperationIds.secureRandom());
  }

  Fixture(java.util.function.UnaryOperator<Policies> tweak, java.util.function.UnaryOperator<BankConfig> configure,
      OperationIds ids) {
    this.ids = ids;
    Policies p = Policies.defaults()
        .withApprovals(Policies.Approvals.defaults()
            .withRoles("*", Policies.Roles.of(Set.of(COORDINATOR), Set.of(K1, K2, K3))))
        .withReach(Policies.Reach.BANK);
    config = configure.apply(BankConfig.of("test-bank").withZone(ZoneOffset.UTC).withPolicies(tweak.apply(p)));
    registry.put(MemberProfile.of(COORDINATOR, "Coordinator Wang", LocalDate.of(1960, 1, 1)));
    registry.put(MemberProfile.of(GRID, "Grid worker Zhao", LocalDate.of(1975, 1, 1)));
    for (MemberId k : List.of(K1, K2, K3)) {
      registry.put(MemberProfile.of(k, "Council " + k, LocalDate.of(1955, 5, 5)));
    }
    registry.put(MemberProfile.of(ALICE, "Alice Li", LocalDate.of(1985, 4, 1))
        .withRelation(CAROL, Relation.PARENT).withRelation(DAVE, Relation.CHILD).withRelation(BOB, Relation.SPOUSE)
        .withRelation(ERIN, Relation.OTHER_RELATIVE).withHousehold("household-1"));
    registry.put(MemberProfile.of(BOB, "Bob Li", LocalDate.of(1960, 2, 2))
        .withRelation(ALICE, Relation.SPOUSE).withHousehold("household-1"));
    registry.put(MemberProfile.of(CAROL, "Carol Zhang", LocalDate.of(1950, 6, 6))
        .withRelation(ALICE, Relation.CHILD).withCircumstances(Circumstance.LIVING_ALONE));
    registry.put(MemberProfile.of(DAVE, "Dave Li", LocalDate.of(2013, 9, 9)).withGuardian(ALICE));
    registry.put(MemberProfile.of(ERIN, "Erin Chen", LocalDate.of(1958, 3, 3)).withHousehold("household-1"));
    registry.put(MemberProfile.of(FRANK, "Frank Wu", LocalDate.of(1990, 7, 7)));
    bank = open();
    accept(bank.openBranch(OpenBranch.subBranch("east", "East street", "head-office")));
    accept(bank.openBranch(OpenBranch.subBranch("west", "West street", "head-office")));
    accept(bank.openBranch(OpenBranch.savings("flowers", "Flower-growing association", "east")));
    accept(bank.openBranch(OpenBranch.savings("calligraphy", "Calligraphy and painting association", "east")));
    accept(bank.openBranch(OpenBranch.savings("merchants", "Local merchants", "west")));
  }

  TimeBank open() {
    try {
      return TimeBank.open(config, stores, registry, clock, ids);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes the bank and opens it again from the same stores. */
  TimeBank reopen() {
    try {
      bank.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    stores.revive();
    bank = open();
    return bank;
  }

  Branch branch(String id) {
    return bank.branch(id);
  }

  static <T> T accept(Outcome<T> o) {
    if (o instanceof Outcome.Rejected<T> r) {
      throw new AssertionError("rejected: " + r.reason() + " (" + r.detail() + ")");
    }
    return o.value();
  }

  static Reason reason(Outcome<?> o) {
    if (o instanceof Outcome.Rejected<?> r) {
      return r.reason();
    }
    throw new AssertionError("accepted: " + o);
  }

  void enrol(String branch, MemberId... members) {
    for (MemberId m : members) {
      Enrolment e = Enrolment.of(m);
      if (m.equals(DAVE)) {
        e = e.withConsent(ALICE);
      }
      accept(branch(branch).enrol(e));
    }
  }

  /** Records and approves service for one volunteer, ending an hour before now. */
  ProposalRef deposit(String branch, MemberId volunteer, long minutes) {
    Instant end = clock.instant().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    ServiceRecord r = ServiceRecord.individual(volunteer, "daily-care", end.minus(Duration.ofMinutes(minutes)), end, GRID);
    if (volunteer.equals(DAVE)) {
      r = r.withConsents(ALICE);
    }
    ProposalRef ref = accept(branch(branch).recordService(r));
    accept(branch(branch).approve(new ApproveService(ref, COORDINATOR)));
    clock.advance(Duration.ofMinutes(minutes + 1));
    return ref;
  }

  long balance(MemberId m) {
    return bank.branch(bank.homeBranch(m).orElseThrow()).balance(m).orElseThrow().total().value();
  }

  long available(MemberId m) {
    return bank.branch(bank.homeBranch(m).orElseThrow()).balance(m).orElseThrow().available().value();
  }

  /** The number of records in every journal, to check that a rejection appends nothing. */
  Map<String, Long> sizes() {
    return stores.sizes();
  }

  static Minutes h(long hours) {
    return Minutes.ofHours(hours);
  }

  static Minutes m(long minutes) {
    return Minutes.of(minutes);
  }

  @Override
  public void close() throws IOException {
    bank.close();
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    void set(Instant t) {
      now = t;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    /** A view in {@code zone} that reads this clock's instant, so it moves when this one is set. */
    @Override
    public Clock withZone(ZoneId zone) {
      return zone.equals(getZone()) ? this : new InZone(this, zone);
    }

    @Override
    public Instant instant() {
      return now;
    }

    /** The mutable clock seen in another zone: same instant, always current. */
    private static final class InZone extends Clock {
      private final MutableClock source;
      private final ZoneId zone;

      InZone(MutableClock source, ZoneId zone) {
        this.source = source;
        this.zone = zone;
      }

      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return source.withZone(other);
      }

      @Override
      public Instant instant() {
        return source.instant();
      }
    }
  }

  /**
   * In-memory stores keyed by branch that survive a bank's close: closing a journal closes its
   * store, so {@link #revive} copies every record into a fresh store. A shared budget of appends
   * simulates a crash: once spent, every append fails, as a process that died would write no more.
   */
  static final class Stores implements StoreFactory {
    final Map<String, InMemoryStore> stores = new HashMap<>();
    final AtomicInteger budget = new AtomicInteger(Integer.MAX_VALUE);

    @Override
    public synchronized JournalStore open(String branchId) {
      InMemoryStore s = stores.computeIfAbsent(branchId, k -> new InMemoryStore());
      return new Crashing(s, budget);
    }

    synchronized void revive() {
      budget.set(Integer.MAX_VALUE);
      for (Map.Entry<String, InMemoryStore> e : stores.entrySet()) {
        InMemoryStore fresh = new InMemoryStore();
        List<JournalRecord> records = e.getValue().records();
        try {
          if (!records.isEmpty()) {
            fresh.append(records);
          }
        } catch (IOException x) {
          throw new UncheckedIOException(x);
        }
        e.setValue(fresh);
      }
    }

    synchronized Map<String, Long> sizes() {
      Map<String, Long> out = new HashMap<>();
      stores.forEach((k, v) -> out.put(k, (long) v.records().size()));
      return out;
    }
  }

  /** Delegates to a store until the shared budget of appends is spent. */
  static final class Crashing extends ForwardingJournalStore {
    private final AtomicInteger budget;

    Crashing(InMemoryStore store, AtomicInteger budget) {
      super(store);
      this.budget = budget;
    }

    @Override
    public void append(List<JournalRecord> batch) throws IOException {
      if (budget.getAndDecrement() <= 0) {
        throw new IOException("simulated crash");
      }
      super.append(batch);
    }
  }
}
