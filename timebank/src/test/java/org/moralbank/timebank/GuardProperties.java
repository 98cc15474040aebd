package org.moralbank.timebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.moralbank.timebank.Fixture.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.member.MemberProfile;
import org.moralbank.timebank.member.Relation;
import org.moralbank.timebank.policy.Policies;

/** Every guard of the issue, against a plain model, with the rule that a rejection appends nothing. */
class GuardProperties {
  static final List<MemberId> VOLUNTEERS = List.of(ALICE, BOB, FRANK);
  /** Two days of possible service, all of it in the past of the fixture's clock. */
  static final Instant BASE = Instant.parse("2025-02-27T00:00:00Z");

  /** A rejection must leave every journal exactly as it was. */
  static <T> Outcome<T> checked(Fixture f, Outcome<T> o, Map<String, Long> before) {
    if (!o.accepted()) {
      assertEquals(before, f.sizes(), "a rejection appended: " + o);
    }
    return o;
  }

  // ---- service records: no overlaps, a daily maximum ----

  record Attempt(int volunteer, int startMinute, int minutes, int branch, boolean rejectAfter) {}

  @Provide
  Arbitrary<Attempt> attempts() {
    return Combinators.combine(
            Arbitraries.integers().between(0, VOLUNTEERS.size() - 1),
            Arbitraries.integers().between(0, 2 * 1440 - 1),
            Arbitraries.integers().between(1, 300),
            Arbitraries.integers().between(0, 1),
            Arbitraries.of(false, false, true))
        .as(Attempt::new);
  }

  @Property(tries = 300)
  void overlappingIntervalsAreNeverAccepted_andTheDailyMaximumHolds(@ForAll @Size(min = 1, max = 25) List<@From("attempts") Attempt> attempts)
      throws Exception {
    long dailyMax = 5 * 60;
    try (Fixture f = new Fixture(p -> p.withService(new Policies.Service(Duration.ofDays(30), Fixture.m(dailyMax), true)))) {
      f.enrol("flowers", ALICE, BOB);
      f.enrol("calligraphy", FRANK);
      List<List<long[]>> live = new ArrayList<>();
      VOLUNTEERS.forEach(v -> live.add(new ArrayList<>()));
      for (Attempt a : attempts) {
        Instant start = BASE.plus(Duration.ofMinutes(a.startMinute()));
        Instant end = start.plus(Duration.ofMinutes(a.minutes()));
        long s = start.getEpochSecond() / 60;
        long e = end.getEpochSecond() / 60;
        List<long[]> mine = live.get(a.volunteer());
        boolean overlaps = mine.stream().anyMatch(x -> x[0] < e && s < x[1]);
        boolean tooMuch = false;
        for (LocalDate d = LocalDate.ofInstant(start, ZoneOffset.UTC); d.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(end); d = d.plusDays(1)) {
          long total = onDay(s, e, d);
          for (long[] x : mine) {
            total += onDay(x[0], x[1], d);
          }
          tooMuch |= total > dailyMax;
        }
        Branch b = f.branch(a.branch() == 0 ? "flowers" : "calligraphy");
        Map<String, Long> sizes = f.sizes();
        Outcome<ProposalRef> o = checked(f,
            b.recordService(ServiceRecord.individual(VOLUNTEERS.get(a.volunteer()), "patrol", start, end, GRID)), sizes);
        Statistics.collect(o.accepted() ? "accepted" : reason(o).name());
        if (overlaps) {
          assertEquals(Reason.INTERVAL_OVERLAPS, reason(o));
        } else if (tooMuch) {
          assertEquals(Reason.DAILY_MAXIMUM_EXCEEDED, reason(o));
        } else {
          assertTrue(o.accepted(), o.toString());
          if (a.rejectAfter()) {
            accept(b.reject(new RejectService(o.value(), COORDINATOR, "not confirmed")));
          } else {
            mine.add(new long[] {s, e});
          }
        }
      }
    }
    Statistics.coverage(c -> {
      c.check("accepted").count(n -> n > 0);
      c.check("INTERVAL_OVERLAPS").count(n -> n > 0);
      c.check("DAILY_MAXIMUM_EXCEEDED").count(n -> n > 0);
    });
  }

  private static long onDay(long startMinute, long endMinute, LocalDate day) {
    long from = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() / 60;
    long to = from + 1440;
    return Math.max(0, Math.min(endMinute, to) - Math.max(startMinute, from));
  }

  // ---- the balance cap ----

  record Credit(int kind, int member, int minutes) {}

  @Provide
  Arbitrary<Credit> credits() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 150))
        .as(Credit::new);
  }

  @Property(tries = 200)
  void theBalanceCapIsNeverExceeded(@ForAll @Size(min = 1, max = 15) List<@From("credits") Credit> credits) throws Exception {
    long cap = 180;
    try (Fixture f = new Fixture(p -> p.withBalanceCap(Optional.of(Fixture.m(cap))))) {
      List<MemberId> members = List.of(ALICE, CAROL, BOB);
      f.enrol("flowers", ALICE, CAROL);
      f.enrol("merchants", BOB);
      f.deposit("flowers", ALICE, 60);
      accept(f.branch("flowers").donate(Donation.of(ALICE, Fixture.m(60))));
      long issuedAndEarned = 60;
      for (Credit c : credits) {
        f.clock.advance(Duration.ofDays(1));
        MemberId m = members.get(c.member());
        switch (c.kind()) {
          case 0:
            f.deposit(f.bank.homeBranch(m).orElseThrow(), m, c.minutes());
            issuedAndEarned += c.minutes();
            break;
          case 1:
            if (f.available(ALICE) >= c.minutes()) {
              accept(f.branch("flowers").gift(Gift.of(ALICE, CAROL, Fixture.m(c.minutes()))));
            }
            break;
          case 2:
            if (!m.equals(BOB) && f.available(BOB) >= c.minutes()) {
              String home = f.bank.homeBranch(m).orElseThrow();
              BookingRef b = accept(f.branch(home).redeem(Redemption.service(BOB, m, "errands", Fixture.m(c.minutes()))));
              accept(f.branch(home).deliver(new Delivery(b, BOB)));
            }
            break;
          default:
            if (!m.equals(BOB)) {
              // A second request while one is open is refused; the allocation may find nothing to grant.
              f.branch("flowers").requestGrant(new GrantRequest(m, Fixture.m(c.minutes())));
              f.branch("flowers").allocateGrants(new GrantAllocation(COORDINATOR));
            }
        }
        for (MemberId x : members) {
          assertTrue(f.balance(x) <= cap, x + " holds " + f.balance(x));
        }
      }
      long total = 0;
      for (MemberId x : members) {
        total += f.balance(x);
      }
      for (String b : List.of("flowers", "merchants")) {
        total += f.branch(b).pool().value();
      }
      assertEquals(issuedAndEarned, total, "every minute issued is held by a member or a pool");
      assertTrue(f.bank.trialBalance().balanced());
    }
  }

  // ---- gifts: only to allowed relations ----

  @Property(tries = 300)
  void giftsGoOnlyToAllowedRelations(
      @ForAll Relation relation,
      @ForAll boolean related,
      @ForAll boolean sameHousehold,
      @ForAll boolean policyAllowsHousehold,
      @ForAll @IntRange(min = 0, max = 100) int recipientAge,
      @ForAll @Size(max = 4) Set<Relation> allowed) throws Exception {
    MemberId giver = MemberId.of("giver");
    MemberId recipient = MemberId.of("recipient");
    Policies.Gifts gifts = new Policies.Gifts(allowed.isEmpty() ? EnumSet.noneOf(Relation.class) : EnumSet.copyOf(allowed),
        policyAllowsHousehold, 60, Fixture.h(100));
    try (Fixture f = new Fixture(p -> p.withGifts(gifts))) {
      MemberProfile g = MemberProfile.of(giver, "G", LocalDate.of(1970, 1, 1)).withHousehold("house-g");
      if (related) {
        g = g.withRelation(recipient, relation);
      }
      f.registry.put(g);
      MemberProfile r = MemberProfile.of(recipient, "R", LocalDate.of(2025 - recipientAge, 1, 1)).withGuardian(giver);
      f.registry.put(sameHousehold ? r.withHousehold("house-g") : r.withHousehold("house-r"));
      f.enrol("flowers", giver);
      Fixture.accept(f.branch("flowers").enrol(Enrolment.of(recipient).withConsent(giver)));
      f.deposit("flowers", giver, 60);
      Map<String, Long> sizes = f.sizes();
      Outcome<?> o = checked(f, f.branch("flowers").gift(Gift.of(giver, recipient, Fixture.m(10))), sizes);
      boolean byRelation = related && allowed.contains(relation);
      boolean byHousehold = policyAllowsHousehold && sameHousehold;
      int age = r.ageOn(LocalDate.of(2025, 3, 3));
      if (!byRelation && !byHousehold) {
        assertEquals(Reason.RELATION_NOT_ALLOWED, reason(o));
      } else if (age < 60) {
        assertEquals(Reason.RECIPIENT_TOO_YOUNG, reason(o));
      } else {
        assertTrue(o.accepted(), o.toString());
        assertEquals(10, f.balance(recipient));
      }
    }
  }

  // ---- minors act only with their guardian's consent ----

  enum Act { RECORD, REDEEM, GIFT, DONATE }

  enum Consent { NONE, GUARDIAN, SOMEONE_ELSE }

  @Property(tries = 300)
  void minorsActOnlyWithTheirGuardiansConsent(@ForAll Act act, @ForAll Consent consent, @ForAll boolean minor) throws Exception {
    MemberId kid = MemberId.of("kid");
    try (Fixture f = new Fixture()) {
      LocalDate born = minor ? LocalDate.of(2012, 1, 1) : LocalDate.of(2000, 1, 1);
      f.registry.put(MemberProfile.of(kid, "Kid", born).withGuardian(ALICE).withRelation(CAROL, Relation.GRANDPARENT));
      f.enrol("flowers", ALICE, BOB, CAROL);
      accept(f.branch("flowers").enrol(Enrolment.of(kid).withConsent(ALICE)));
      ProposalRef earned = f.branch("flowers").recordService(
          ServiceRecord.individual(kid, "tutoring", BASE, BASE.plusSeconds(3600), GRID).withConsents(ALICE)).value();
      f.branch("flowers").approve(new ApproveService(earned, COORDINATOR)).value();
      Optional<MemberId> given = consent == Consent.NONE ? Optional.empty()
          : Optional.of(consent == Consent.GUARDIAN ? ALICE : BOB);
      Map<String, Long> sizes = f.sizes();
      Branch b = f.branch("flowers");
      Outcome<?> o;
      switch (act) {
        case RECORD:
          ServiceRecord r = ServiceRecord.individual(kid, "tutoring", BASE.plusSeconds(7200), BASE.plusSeconds(9000), GRID);
          o = b.recordService(given.map(g -> r.withConsents(g)).orElse(r));
          break;
        case REDEEM:
          o = b.redeem(new Redemption(kid, Optional.of(BOB), "tutoring", Fixture.m(10), Optional.empty(), given));
          break;
        case GIFT:
          o = b.gift(new Gift(kid, CAROL, Fixture.m(10), given));
          break;
        default:
          o = b.donate(new Donation(kid, Fixture.m(10), given));
      }
      checked(f, o, sizes);
      if (minor && consent != Consent.GUARDIAN) {
        assertEquals(Reason.CONSENT_REQUIRED, reason(o));
      } else {
        assertTrue(o.accepted(), o.toString());
      }
    }
  }
}
