package org.moralbank.timebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.moralbank.timebank.Fixture.*;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.member.MemberProfile;

/** Issue rule 2: pseudonymous journals, personal data in a registry outside them. */
class MemberTest {

  @Test
  void enrol_opensAccountsAtTheHomeBranch() throws Exception {
    try (Fixture f = new Fixture()) {
      assertEquals(MemberId.of("alice"), accept(f.branch("flowers").enrol(Enrolment.of(ALICE))));
      assertEquals(java.util.Optional.of("flowers"), f.bank.homeBranch(ALICE));
      Balance b = f.branch("merchants").balance(ALICE).orElseThrow();
      assertEquals("flowers", b.branch());
      assertEquals(0, b.total().value());
      assertTrue(f.branch("flowers").balance(BOB).isEmpty());
    }
  }

  @Test
  void enrol_rejections_appendNothing() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE);
      Map<String, Long> sizes = f.sizes();
      assertEquals(Reason.MEMBER_UNKNOWN, reason(f.branch("flowers").enrol(Enrolment.of(MemberId.of("stranger")))));
      assertEquals(Reason.ALREADY_ENROLLED, reason(f.branch("merchants").enrol(Enrolment.of(ALICE))));
      assertEquals(Reason.CONSENT_REQUIRED, reason(f.branch("flowers").enrol(Enrolment.of(DAVE))));
      assertEquals(Reason.CONSENT_REQUIRED, reason(f.branch("flowers").enrol(Enrolment.of(DAVE).withConsent(BOB))));
      assertEquals(sizes, f.sizes());
    }
  }

  @Test
  void minors_needTheirGuardiansConsent_andTheAgeIsTheBanksPolicy() throws Exception {
    try (Fixture f = new Fixture(p -> p.withAdultAge(10))) {
      accept(f.branch("flowers").enrol(Enrolment.of(DAVE)));
    }
    try (Fixture f = new Fixture()) {
      accept(f.branch("flowers").enrol(Enrolment.of(DAVE).withConsent(ALICE)));
    }
  }

  @Test
  void journalsHoldPseudonymsOnly_neverPersonalData() throws Exception {
    try (Fixture f = new Fixture()) {
      f.registry.put(f.registry.find(ALICE).orElseThrow().withContact("13800000000, 8 Lotus Road"));
      f.enrol("flowers", ALICE, BOB, CAROL, DAVE);
      f.enrol("merchants", ERIN);
      f.deposit("flowers", ALICE, 120);
      f.deposit("flowers", DAVE, 60);
      accept(f.branch("flowers").gift(Gift.of(ALICE, CAROL, m(30))));
      accept(f.branch("merchants").redeem(Redemption.reward(ALICE, "tea-set", m(20))));
      // Strings of five or more bytes, so that random ids and hashes cannot contain them by chance.
      List<String> personal = List.of("Alice", "Carol", "Zhang", "1985-04", "1950-06", "2013-09", "13800000000",
          "Lotus", "household-1", "LIVING_ALONE");
      for (Map.Entry<String, org.moralbank.ledger.store.InMemoryStore> e : f.stores.stores.entrySet()) {
        for (JournalRecord r : e.getValue().records()) {
          String text = new String(r.bytes(), StandardCharsets.ISO_8859_1);
          for (String p : personal) {
            assertFalse(text.contains(p), e.getKey() + " record " + r.sequence() + " contains " + p);
          }
        }
      }
      // ... while the pseudonyms are there
      assertTrue(f.stores.stores.get("flowers").records().stream()
          .anyMatch(r -> new String(r.bytes(), StandardCharsets.ISO_8859_1).contains("\"alice\"")));
    }
  }

  @Test
  void erasingAProfile_rewritesNoHistory_andStopsRulesThatNeedIt() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE, BOB);
      f.deposit("flowers", ALICE, 120);
      Map<String, Long> sizes = f.sizes();
      assertTrue(f.registry.erase(ALICE));
      assertEquals(sizes, f.sizes());
      assertEquals(120, f.balance(ALICE));
      assertEquals(1, f.branch("flowers").statement(ALICE, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1))
          .orElseThrow().lines().size());
      assertEquals(Reason.MEMBER_UNKNOWN, reason(f.branch("flowers").redeem(Redemption.service(ALICE, BOB, "errands", m(10)))));
      assertEquals(sizes, f.sizes());
      f.reopen();
      assertEquals(120, f.balance(ALICE));
    }
  }

  @Test
  void memberAccountIds_areTheFirst16BytesOfSha256OfTheLabel() {
    // Pinned: any tool finds a member's accounts from the pseudonym alone.
    assertEquals(AccountId.parse("09a8224249842482d3c0754af5590f33"), Accounts.member(MemberId.of("alice")));
    assertEquals(Accounts.derive("member:alice"), Accounts.member(MemberId.of("alice")));
    assertEquals(Accounts.derive("donate-only:alice"), Accounts.donateOnly(MemberId.of("alice")));
    assertEquals(Accounts.derive("clearing:flowers"), Accounts.clearing("flowers"));
  }

  @Test
  void profile_ageFromBirthDate() {
    MemberProfile p = MemberProfile.of(ALICE, "A", LocalDate.of(2000, 3, 10));
    assertEquals(24, p.ageOn(LocalDate.of(2025, 3, 9)));
    assertEquals(25, p.ageOn(LocalDate.of(2025, 3, 10)));
    assertEquals(-1, p.ageOn(LocalDate.of(1999, 1, 1)));
  }
}
