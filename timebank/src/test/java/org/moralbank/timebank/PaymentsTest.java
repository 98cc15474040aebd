package org.moralbank.timebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.moralbank.timebank.Fixture.*;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.moralbank.timebank.member.Circumstance;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.member.MemberProfile;
import org.moralbank.timebank.member.Relation;
import org.moralbank.timebank.policy.Policies;

/** Issue rule 4: redemption, gifts, donations, grants, the balance cap, expiry. */
class PaymentsTest {
  static final LocalDate Y2025 = LocalDate.of(2025, 1, 1);
  static final LocalDate Y2026 = LocalDate.of(2026, 1, 1);

  // ---- redemption ----

  @Test
  void hoursBuyServices_bookingIsPendingUntilDelivered_andTheProviderEarnsIt() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE, BOB);
      f.deposit("flowers", ALICE, 120);
      Branch b = f.branch("flowers");
      BookingRef ref = accept(b.redeem(Redemption.service(ALICE, BOB, "errands", m(45))));
      Booking pending = b.booking(ref).orElseThrow();
      assertEquals(BookingStatus.PENDING, pending.status());
      assertEquals(Fixture.T0.plus(Duration.ofMinutes(121)).plus(Duration.ofDays(14)).getEpochSecond(),
          pending.expiresAt().getEpochSecond(), "the policy's default timeout");
      Balance held = b.balance(ALICE).orElseThrow();
      assertEquals(120, held.main().value());
      assertEquals(45, held.reserved().value());
      assertEquals(75, held.available().value());
      assertEquals(0, f.balance(BOB));
      Map<String, Long> sizes = f.sizes();
      assertEquals(Reason.NOT_AUTHORIZED, reason(b.deliver(new Delivery(ref, BOB))), "the provider cannot confirm");
      assertEquals(Reason.NOT_AUTHORIZED, reason(b.deliver(new Delivery(ref, FRANK))));
      assertEquals(Reason.BOOKING_UNKNOWN, reason(b.deliver(new Delivery(new BookingRef("flowers", 9999), ALICE))));
      assertEquals(sizes, f.sizes());
      assertEquals(BookingStatus.DELIVERED, accept(b.deliver(new Delivery(ref, ALICE))).status());
      assertEquals(75, f.balance(ALICE));
      assertEquals(45, f.balance(BOB));
      assertEquals(45, b.balance(BOB).orElseThrow().lifetime().value(), "service given counts for honours");
      assertEquals(Reason.BOOKING_NOT_PENDING, reason(b.cancel(new Cancellation(ref, ALICE))));
      assertEquals(Reason.BOOKING_NOT_PENDING, reason(b.deliver(new Delivery(ref, COORDINATOR))));
    }
  }

  @Test
  void bookingCancelled_orExpired_voidsAndReturnsTheHours() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE, BOB);
      f.deposit("flowers", ALICE, 120);
      Branch b = f.branch("flowers");
      BookingRef cancelled = accept(b.redeem(Redemption.service(ALICE, BOB, "errands", m(30))));
      BookingRef expiring = accept(b.redeem(Redemption.service(ALICE, BOB, "errands", m(40)).withTimeout(Duration.ofDays(1))));
      assertEquals(50, f.available(ALICE));
      assertEquals(BookingStatus.CANCELLED, accept(b.cancel(new Cancellation(cancelled, BOB))).status());
      assertEquals(80, f.available(ALICE));
      f.clock.advance(Duration.ofDays(1).plusMinutes(1));
      assertEquals(BookingStatus.EXPIRED, b.booking(expiring).orElseThrow().status());
      Map<String, Long> sizes = f.sizes();
      assertEquals(Reason.BOOKING_EXPIRED, reason(b.deliver(new Delivery(expiring, ALICE))));
      assertEquals(sizes, f.sizes());
      assertEquals(1, f.bank.sweep().transfersExpired());
      assertEquals(120, f.available(ALICE));
      assertEquals(0, f.balance(BOB));
      f.reopen();
      assertEquals(BookingStatus.EXPIRED, f.branch("flowers").booking(expiring).orElseThrow().status());
      assertEquals(BookingStatus.CANCELLED, f.branch("flowers").booking(cancelled).orElseThrow().status());
    }
  }

  @Test
  void rewardsFromTheMerchantsBranch_goToItsSink() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE);
      f.deposit("flowers", ALICE, 120);
      Branch shop = f.branch("merchants");
      BookingRef ref = accept(shop.redeem(Redemption.reward(ALICE, "haircut", m(60))));
      accept(shop.deliver(new Delivery(ref, COORDINATOR)));
      assertEquals(60, f.balance(ALICE));
      BranchReport r = shop.report(Y2025, Y2026);
      assertEquals(60, r.redeemed().value());
      assertTrue(f.bank.trialBalance().balanced());
    }
  }

  @Test
  void redemption_rejections_appendNothing() throws Exception {
    try (Fixture f = new Fixture(p -> p.withRedemption(new Policies.Redemption(60, Duration.ofDays(14))))) {
      f.enrol("flowers", ALICE, BOB, CAROL, DAVE);
      f.enrol("merchants", FRANK);
      f.deposit("flowers", ALICE, 60);
      f.deposit("flowers", CAROL, 60);
      f.deposit("flowers", DAVE, 60);
      Branch b = f.branch("flowers");
      Map<String, Long> sizes = f.sizes();
      assertEquals(Reason.AGE_GATE, reason(b.redeem(Redemption.service(ALICE, BOB, "errands", m(10)))));
      assertEquals(Reason.ZERO_AMOUNT, reason(b.redeem(Redemption.service(CAROL, BOB, "errands", m(0)))));
      assertEquals(Reason.INSUFFICIENT_HOURS, reason(b.redeem(Redemption.service(CAROL, BOB, "errands", m(61)))));
      assertEquals(Reason.NOT_A_MEMBER_OF_THIS_BRANCH, reason(b.redeem(Redemption.service(CAROL, FRANK, "errands", m(10)))));
      assertEquals(Reason.MEMBER_NOT_ENROLLED, reason(b.redeem(Redemption.service(ERIN, BOB, "errands", m(10)))));
      assertEquals(sizes, f.sizes());
      accept(b.redeem(Redemption.service(CAROL, BOB, "errands", m(10))));
    }
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE, BOB, DAVE);
      f.deposit("flowers", DAVE, 60);
      assertEquals(Reason.CONSENT_REQUIRED, reason(f.branch("flowers").redeem(Redemption.service(DAVE, BOB, "tutoring", m(10)))));
      BookingRef ref = accept(f.branch("flowers").redeem(Redemption.service(DAVE, BOB, "tutoring", m(10)).withConsent(ALICE)));
      accept(f.branch("flowers").deliver(new Delivery(ref, ALICE)));
      assertEquals(50, f.balance(DAVE));
    }
  }

  @Test
  void redemption_badInput_throws() {
    assertThrows(IllegalArgumentException.class, () -> Redemption.service(ALICE, ALICE, "errands", m(10)));
    assertThrows(IllegalArgumentException.class, () -> Redemption.reward(ALICE, "Tea Set", m(10)));
    assertThrows(IllegalArgumentException.class, () -> Redemption.reward(ALICE, "tea", m(10)).withTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> m(-1));
    assertThrows(NullPointerException.class, () -> Redemption.reward(null, "tea", m(10)));
    assertThrows(NullPointerException.class, () -> Redemption.reward(ALICE, "tea", null));
  }

  // ---- gifts ----

  @Test
  void storedHours_mayBeGiven_toASpouseOrDirectRelativesAged60OrOver() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE, BOB, CAROL, DAVE, ERIN, FRANK);
      f.deposit("flowers", ALICE, 600);
      Branch b = f.branch("flowers");
      Map<String, Long> sizes = f.sizes();
      assertEquals(Reason.RELATION_NOT_ALLOWED, reason(b.gift(Gift.of(ALICE, ERIN, m(10)))), "other relative, same household");
      assertEquals(Reason.RELATION_NOT_ALLOWED, reason(b.gift(Gift.of(ALICE, FRANK, m(10)))));
      assertEquals(Reason.RECIPIENT_TOO_YOUNG, reason(b.gift(Gift.of(ALICE, DAVE, m(10)))), "a child aged 11");
      assertEquals(Reason.ZERO_AMOUNT, reason(b.gift(Gift.of(ALICE, CAROL, m(0)))));
      assertEquals(Reason.INSUFFICIENT_HOURS, reason(b.gift(Gift.of(ALICE, CAROL, m(601)))));
      assertEquals(sizes, f.sizes());
      accept(b.gift(Gift.of(ALICE, CAROL, m(60))));
      accept(b.gift(Gift.of(ALICE, BOB, m(30))));
      assertEquals(60, f.balance(CAROL));
      assertEquals(30, f.balance(BOB));
      assertEquals(510, f.balance(ALICE));
      Statement s = b.statement(CAROL, Y2025, Y2026).orElseThrow();
      assertEquals(MovementKind.GIFT_RECEIVED, s.lines().get(0).kind());
      assertEquals("alice", s.lines().get(0).counterparty());
    }
  }

  @Test
  void gifts_withinTheHousehold_whenThePolicyAllows() throws Exception {
    try (Fixture f = new Fixture(p -> p.withGifts(new Policies.Gifts(EnumSet.of(Relation.SPOUSE), true, 0, h(100))))) {
      f.enrol("flowers", ALICE, CAROL, ERIN);
      f.deposit("flowers", ALICE, 60);
      accept(f.branch("flowers").gift(Gift.of(ALICE, ERIN, m(10))));
      assertEquals(Reason.RELATION_NOT_ALLOWED, reason(f.branch("flowers").gift(Gift.of(ALICE, CAROL, m(10)))), "a parent, not allowed here");
    }
  }

  @Test
  void gifts_cappedPerCalendarYear() throws Exception {
    try (Fixture f = new Fixture(p -> p.withGifts(new Policies.Gifts(EnumSet.of(Relation.PARENT), false, 60, h(2))))) {
      f.enrol("flowers", ALICE, CAROL);
      f.deposit("flowers", ALICE, 600);
      Branch b = f.branch("flowers");
      accept(b.gift(Gift.of(ALICE, CAROL, m(100))));
      assertEquals(Reason.YEARLY_GIFT_CAP, reason(b.gift(Gift.of(ALICE, CAROL, m(21)))));
      accept(b.gift(Gift.of(ALICE, CAROL, m(20))));
      f.reopen();
      assertEquals(Reason.YEARLY_GIFT_CAP, reason(f.branch("flowers").gift(Gift.of(ALICE, CAROL, m(1)))));
      f.clock.set(java.time.Instant.parse("2026-01-01T00:00:00Z"));
      accept(f.branch("flowers").gift(Gift.of(ALICE, CAROL, m(120))));
    }
  }

  @Test
  void minorsGifts_needConsent() throws Exception {
    try (Fixture f = new Fixture()) {
      f.registry.put(f.registry.find(DAVE).orElseThrow().withRelation(CAROL, Relation.GRANDPARENT));
      f.enrol("flowers", ALICE, CAROL, DAVE);
      f.deposit("flowers", DAVE, 60);
      assertEquals(Reason.CONSENT_REQUIRED, reason(f.branch("flowers").gift(Gift.of(DAVE, CAROL, m(10)))));
      accept(f.branch("flowers").gift(Gift.of(DAVE, CAROL, m(10)).withConsent(ALICE)));
      assertEquals(Reason.CONSENT_REQUIRED, reason(f.branch("flowers").donate(Donation.of(DAVE, m(10)))));
      accept(f.branch("flowers").donate(Donation.of(DAVE, m(10)).withConsent(ALICE)));
    }
  }

  // ---- donations and grants ----

  @Test
  void donations_goToTheBranchPool_andGrantsGoToElderlyPeopleLivingAloneFirst() throws Exception {
    try (Fixture f = new Fixture()) {
      MemberId gina = MemberId.of("gina");
      MemberId hank = MemberId.of("hank");
      f.registry.put(MemberProfile.of(gina, "Gina", LocalDate.of(1940, 1, 1)));
      f.registry.put(MemberProfile.of(hank, "Hank", LocalDate.of(1942, 1, 1)).withCircumstances(Circumstance.BEREAVED_OF_ONLY_CHILD));
      f.enrol("flowers", ALICE, BOB, CAROL, gina, hank);
      f.deposit("flowers", ALICE, 300);
      Branch b = f.branch("flowers");
      accept(b.donate(Donation.of(ALICE, m(100))));
      assertEquals(100, b.pool().value());
      GrantRequestRef first = accept(b.requestGrant(new GrantRequest(gina, m(60))));
      accept(b.requestGrant(new GrantRequest(BOB, m(60))));
      accept(b.requestGrant(new GrantRequest(hank, m(30))));
      accept(b.requestGrant(new GrantRequest(CAROL, m(50))));
      Map<String, Long> sizes = f.sizes();
      assertEquals(Reason.GRANT_ALREADY_REQUESTED, reason(b.requestGrant(new GrantRequest(gina, m(10)))));
      assertEquals(Reason.NOT_A_MEMBER_OF_THIS_BRANCH, reason(f.branch("merchants").requestGrant(new GrantRequest(gina, m(10)))));
      assertEquals(Reason.NOT_AUTHORIZED, reason(b.allocateGrants(new GrantAllocation(K1))));
      assertEquals(sizes, f.sizes());
      List<Grant> grants = accept(b.allocateGrants(new GrantAllocation(COORDINATOR)));
      assertEquals(List.of(
              new Grant(grants.get(0).request(), CAROL, m(50), Policies.GrantCategory.ELDERLY_LIVING_ALONE),
              new Grant(grants.get(1).request(), hank, m(30), Policies.GrantCategory.ELDERLY_BEREAVED_OF_ONLY_CHILD),
              new Grant(first, gina, m(20), Policies.GrantCategory.ELDERLY)),
          grants);
      assertEquals(0, b.pool().value());
      assertEquals(50, f.balance(CAROL));
      assertEquals(Reason.NOTHING_TO_GRANT, reason(b.allocateGrants(new GrantAllocation(COORDINATOR))));
      accept(b.donate(Donation.of(ALICE, m(100))));
      grants = accept(b.allocateGrants(new GrantAllocation(COORDINATOR)));
      assertEquals(List.of(gina, BOB), grants.stream().map(Grant::member).toList(), "gina's request stayed open for 40 more");
      assertEquals(List.of(m(40), m(60)), grants.stream().map(Grant::minutes).toList());
      BranchReport r = b.report(Y2025, Y2026);
      assertEquals(200, r.donated().value());
      assertEquals(200, r.granted().value());
    }
  }

  @Test
  void grantPriority_isTheBanksPolicy() throws Exception {
    try (Fixture f = new Fixture(p -> p.withGrants(new Policies.Grants(List.of(Policies.GrantCategory.OTHER), 60)))) {
      f.enrol("flowers", ALICE, BOB, CAROL);
      f.deposit("flowers", ALICE, 100);
      accept(f.branch("flowers").donate(Donation.of(ALICE, m(50))));
      accept(f.branch("flowers").requestGrant(new GrantRequest(BOB, m(50))));
      accept(f.branch("flowers").requestGrant(new GrantRequest(CAROL, m(50))));
      List<Grant> grants = accept(f.branch("flowers").allocateGrants(new GrantAllocation(COORDINATOR)));
      assertEquals(List.of(BOB), grants.stream().map(Grant::member).toList(), "first come, first served");
    }
  }

  @Test
  void donations_takeDonateOnlyHoursFirst_thenMainHours() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE, BOB);
      f.deposit("flowers", ALICE, 60);
      ProposalRef g = accept(f.branch("flowers").recordService(ServiceRecord.group(List.of(ALICE, BOB), "greening",
          T0.minus(Duration.ofHours(10)), T0.minus(Duration.ofHours(9)), GRID)));
      accept(f.branch("flowers").approve(new ApproveService(g, COORDINATOR)));
      accept(f.branch("merchants").donate(Donation.of(ALICE, m(90))));
      Balance a = f.branch("flowers").balance(ALICE).orElseThrow();
      assertEquals(0, a.donateOnly().value());
      assertEquals(30, a.main().value());
      assertEquals(90, f.branch("merchants").pool().value());
      assertEquals(Reason.INSUFFICIENT_HOURS, reason(f.branch("flowers").donate(Donation.of(ALICE, m(31)))));
      assertTrue(f.bank.trialBalance().balanced());
    }
  }

  // ---- the balance cap ----

  @Test
  void capOnAnIndividualBalance_theExcessGoesToTheDonationPool() throws Exception {
    try (Fixture f = new Fixture(p -> p.withBalanceCap(Optional.of(h(2))))) {
      f.enrol("flowers", ALICE, BOB);
      f.enrol("merchants", FRANK);
      f.deposit("flowers", ALICE, 100);
      f.deposit("flowers", ALICE, 50);
      assertEquals(120, f.balance(ALICE));
      assertEquals(30, f.branch("flowers").pool().value());
      assertEquals(150, f.branch("flowers").balance(ALICE).orElseThrow().lifetime().value(), "the cap does not take honours");
      // a service earned across branches is capped at the provider's branch
      f.deposit("merchants", FRANK, 110);
      BookingRef ref = accept(f.branch("flowers").redeem(Redemption.service(FRANK, ALICE, "errands", m(100))));
      accept(f.branch("flowers").deliver(new Delivery(ref, FRANK)));
      assertEquals(120, f.balance(ALICE));
      assertEquals(130, f.branch("flowers").pool().value());
      // gifts respect it too
      accept(f.branch("flowers").donate(Donation.of(ALICE, m(60))));
      assertEquals(60, f.balance(ALICE));
      f.enrol("flowers", CAROL);
      f.deposit("flowers", CAROL, 100);
      accept(f.branch("flowers").gift(Gift.of(ALICE, CAROL, m(60))));
      assertEquals(120, f.balance(CAROL));
      assertEquals(130 + 60 + 40, f.branch("flowers").pool().value());
      Statement s = f.branch("flowers").statement(ALICE, Y2025, Y2026).orElseThrow();
      assertTrue(s.lines().stream().anyMatch(l -> l.kind() == MovementKind.CAP_OVERFLOW && l.minutes() == -30));
      assertEquals(s.closing(), f.balance(ALICE));
      assertTrue(f.bank.trialBalance().balanced());
    }
  }

  // ---- expiry and inactivity ----

  @Test
  void hoursExpiry_whenEnabled_isAnExplicitEntry_oldestHoursFirst() throws Exception {
    try (Fixture f = new Fixture(p -> p.withExpiry(new Policies.Expiry(Optional.of(Period.ofYears(1)), Optional.empty())))) {
      f.enrol("flowers", ALICE, BOB);
      f.deposit("flowers", ALICE, 100);
      f.deposit("flowers", BOB, 100);
      f.clock.advance(Duration.ofDays(200));
      f.deposit("flowers", ALICE, 40);
      BookingRef tea = accept(f.branch("merchants").redeem(Redemption.reward(ALICE, "tea", m(30))));
      accept(f.branch("merchants").deliver(new Delivery(tea, ALICE)));
      f.clock.advance(Duration.ofDays(100));
      assertEquals(0, f.bank.sweep().expired().value());
      f.clock.advance(Duration.ofDays(80));
      // Day 380: the 100 of day 0 are over a year old. Alice spent 30, oldest first, so 70 of them
      // are left to expire and the 40 of day 200 stay; Bob's 100 all expire.
      SweepReport r = f.bank.sweep();
      assertEquals(170, r.expired().value());
      assertEquals(40, f.balance(ALICE));
      assertEquals(0, f.balance(BOB));
      assertEquals(0, f.bank.sweep().expired().value(), "idempotent");
      Statement s = f.branch("flowers").statement(ALICE, Y2025, LocalDate.of(2027, 1, 1)).orElseThrow();
      assertTrue(s.lines().stream().anyMatch(l -> l.kind() == MovementKind.EXPIRED && l.minutes() == -70 && l.counterparty().equals("fund")));
      assertEquals(100, f.branch("flowers").balance(ALICE).orElseThrow().lifetime().value() - 40, "expiry takes no honours");
      assertTrue(f.bank.trialBalance().balanced());
    }
  }

  @Test
  void inactivity_whenEnabled_movesTheBalanceToThePool() throws Exception {
    try (Fixture f = new Fixture(p -> p.withExpiry(new Policies.Expiry(Optional.empty(), Optional.of(Period.ofMonths(6)))))) {
      f.enrol("flowers", ALICE, BOB);
      f.deposit("flowers", ALICE, 100);
      f.deposit("flowers", BOB, 100);
      f.clock.advance(Duration.ofDays(100));
      accept(f.branch("flowers").donate(Donation.of(ALICE, m(10))));
      f.clock.advance(Duration.ofDays(100));
      SweepReport r = f.bank.sweep();
      assertEquals(100, r.inactive().value(), "bob, inactive since day 0");
      assertEquals(0, f.balance(BOB));
      assertEquals(90, f.balance(ALICE));
      assertEquals(110, f.branch("flowers").pool().value());
      assertEquals(0, f.bank.sweep().inactive().value());
      assertTrue(f.branch("flowers").statement(BOB, Y2025, Y2026).orElseThrow()
          .lines().stream().anyMatch(l -> l.kind() == MovementKind.INACTIVITY && l.minutes() == -100));
    }
  }

  @Test
  void expiryEntries_doNotCountAsActivity() throws Exception {
    try (Fixture f = new Fixture(p -> p.withExpiry(new Policies.Expiry(Optional.of(Period.ofYears(1)), Optional.of(Period.ofMonths(6)))))) {
      f.enrol("flowers", ALICE);
      f.deposit("flowers", ALICE, 100);
      f.clock.advance(Duration.ofDays(200));
      f.deposit("flowers", ALICE, 50);
      f.clock.advance(Duration.ofDays(180));
      SweepReport day380 = f.bank.sweep();
      assertEquals(100, day380.expired().value(), "the deposit of day 0 is over a year old");
      assertEquals(0, day380.inactive().value(), "active on day 200");
      f.clock.advance(Duration.ofDays(20));
      // Day 400: over six months since alice's own last movement; the expiry entry of day 380
      // was the bank's, not hers.
      SweepReport day400 = f.bank.sweep();
      assertEquals(0, day400.expired().value());
      assertEquals(50, day400.inactive().value());
      assertEquals(0, f.balance(ALICE));
    }
  }

  @Test
  void expiryAndInactivity_offByDefault() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE);
      f.deposit("flowers", ALICE, 100);
      f.clock.advance(Duration.ofDays(3000));
      Map<String, Long> sizes = f.sizes();
      SweepReport r = f.bank.sweep();
      assertEquals(new SweepReport(0, 0, 0, m(0), m(0)), r);
      assertEquals(sizes, f.sizes());
      assertEquals(100, f.balance(ALICE));
    }
  }
}
