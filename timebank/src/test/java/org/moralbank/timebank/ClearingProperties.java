package org.moralbank.timebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.moralbank.timebank.Fixture.*;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import org.moralbank.ledger.JournalFailedException;
import org.moralbank.timebank.member.MemberId;

/**
 * Cross-branch conservation with crashes injected anywhere: random sequences of deposits,
 * gifts, donations and redemptions between three branches, a crash after a random number of
 * appends, then a reopen from the same stores. Each operation either happened completely or not
 * at all; every clearing pair nets to zero; no leg is left waiting without its partner.
 */
class ClearingProperties {
  static final List<String> BRANCHES = List.of("flowers", "calligraphy", "merchants");
  /** Who lives where; alice's relatives carol (parent) and bob (spouse) are old enough for gifts. */
  static final Map<MemberId, String> HOMES = Map.of(
      ALICE, "flowers", CAROL, "merchants", BOB, "calligraphy", FRANK, "merchants", ERIN, "calligraphy");
  static final List<MemberId> MEMBERS = List.of(ALICE, CAROL, BOB, FRANK, ERIN);

  sealed interface Op {}

  record Deposit(int member, int branch, int minutes) implements Op {}

  record GiftOp(int relative, int minutes) implements Op {}

  record Donate(int member, int branch, int minutes) implements Op {}

  /** A service bought from {@code provider} at the provider's branch, then delivered or cancelled. */
  record Redeem(int member, int provider, int minutes, boolean deliver) implements Op {}

  @Provide
  Arbitrary<Op> ops() {
    Arbitrary<Integer> member = Arbitraries.integers().between(0, MEMBERS.size() - 1);
    Arbitrary<Integer> branch = Arbitraries.integers().between(0, BRANCHES.size() - 1);
    Arbitrary<Integer> minutes = Arbitraries.integers().between(1, 60);
    return Arbitraries.oneOf(
        Combinators.combine(member, branch, minutes).as(Deposit::new),
        Combinators.combine(Arbitraries.integers().between(0, 1), minutes).as(GiftOp::new),
        Combinators.combine(member, branch, minutes).as(Donate::new),
        Combinators.combine(member, member, minutes, Arbitraries.of(true, false)).as(Redeem::new));
  }

  /** Expected posted totals per member and pool. */
  static final class Model {
    final Map<String, Long> totals = new HashMap<>();

    long get(String k) {
      return totals.getOrDefault(k, 0L);
    }

    void add(String k, long v) {
      totals.merge(k, v, Long::sum);
    }

    Model copy() {
      Model m = new Model();
      m.totals.putAll(totals);
      return m;
    }
  }

  @Property(tries = 500)
  void crashAnywhere_everyOperationAllOrNothing_clearingNets(
      @ForAll @Size(min = 1, max = 12) List<@From("ops") Op> ops, @ForAll @IntRange(min = 0, max = 70) int budget)
      throws Exception {
    try (Fixture f = new Fixture(p -> p.withBalanceCap(Optional.empty()))) {
      for (MemberId m : MEMBERS) {
        f.enrol(HOMES.get(m), m);
      }
      Model model = new Model();
      for (MemberId m : MEMBERS) {
        f.deposit(HOMES.get(m), m, 120);
        model.add(m.value(), 120);
      }
      f.stores.budget.set(budget);
      Model before = model.copy();
      Model after = model.copy();
      boolean crashed = false;
      for (Op op : ops) {
        before = model.copy();
        after = model.copy();
        try {
          apply(f, op, after);
        } catch (JournalFailedException e) {
          crashed = true;
          break;
        }
        model = after;
      }
      Statistics.collect(crashed ? "crashed" : "ran through");
      Statistics.coverage(c -> c.check("crashed").percentage(p -> p >= 30));
      f.reopen();
      // A crash between booking and delivery leaves a booking legitimately pending: let it expire.
      f.clock.advance(Duration.ofDays(15));
      f.bank.sweep();
      Model seen = new Model();
      for (MemberId m : MEMBERS) {
        seen.add(m.value(), f.balance(m));
        assertEquals(f.balance(m), f.available(m), "no booking or leg left reserving " + m);
      }
      for (String b : BRANCHES) {
        seen.add("pool:" + b, f.branch(b).pool().value());
      }
      if (crashed) {
        assertTrue(same(seen, before) || same(seen, after), "neither before " + before.totals + " nor after "
            + after.totals + ": " + seen.totals);
      } else {
        assertTrue(same(seen, model), model.totals + " != " + seen.totals);
      }
      TrialBalance tb = f.bank.trialBalance();
      assertTrue(tb.balanced(), tb.toString());
      assertEquals(0, f.bank.sweep().clearingFinished(), "recovery on open finished everything");
      // The bank works on after the crash.
      f.clock.advance(Duration.ofDays(1));
      f.deposit("flowers", ALICE, 10);
      assertTrue(f.bank.trialBalance().balanced());
    }
  }

  private static boolean same(Model seen, Model expected) {
    for (Map.Entry<String, Long> e : seen.totals.entrySet()) {
      if (e.getValue() != expected.get(e.getKey())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Runs one operation when the model says it is allowed, recording its effect in {@code m}
   * first: a crash part-way leaves the bank in the state before or after it.
   */
  private static void apply(Fixture f, Op op, Model m) {
    f.clock.advance(Duration.ofDays(1));
    if (op instanceof Deposit d) {
      MemberId v = MEMBERS.get(d.member());
      Instant end = f.clock.instant().minus(Duration.ofHours(1));
      String branch = BRANCHES.get(d.branch());
      m.add(v.value(), d.minutes());
      ProposalRef p = accept(f.branch(branch).recordService(
          ServiceRecord.individual(v, "daily-care", end.minus(Duration.ofMinutes(d.minutes())), end, GRID)));
      accept(f.branch(branch).approve(new ApproveService(p, COORDINATOR)));
    } else if (op instanceof GiftOp g) {
      MemberId to = g.relative() == 0 ? CAROL : BOB;
      if (m.get(ALICE.value()) >= g.minutes()) {
        m.add(ALICE.value(), -g.minutes());
        m.add(to.value(), g.minutes());
        accept(f.branch(HOMES.get(to)).gift(Gift.of(ALICE, to, Fixture.m(g.minutes()))));
      }
    } else if (op instanceof Donate d) {
      MemberId v = MEMBERS.get(d.member());
      if (m.get(v.value()) >= d.minutes()) {
        String branch = BRANCHES.get(d.branch());
        m.add(v.value(), -d.minutes());
        m.add("pool:" + branch, d.minutes());
        accept(f.branch(branch).donate(Donation.of(v, Fixture.m(d.minutes()))));
      }
    } else if (op instanceof Redeem r) {
      MemberId v = MEMBERS.get(r.member());
      MemberId provider = MEMBERS.get(r.provider());
      if (!v.equals(provider) && m.get(v.value()) >= r.minutes()) {
        Branch at = f.branch(HOMES.get(provider));
        if (r.deliver()) {
          m.add(v.value(), -r.minutes());
          m.add(provider.value(), r.minutes());
        }
        BookingRef b = accept(at.redeem(Redemption.service(v, provider, "errands", Fixture.m(r.minutes()))));
        if (r.deliver()) {
          accept(at.deliver(new Delivery(b, v)));
        } else {
          accept(at.cancel(new Cancellation(b, v)));
        }
      }
    }
  }
}
