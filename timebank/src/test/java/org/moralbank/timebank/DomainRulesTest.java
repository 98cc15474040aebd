package org.moralbank.timebank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.moralbank.timebank.Fixture.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.JournalVerifier;
import org.moralbank.ledger.LedgerRecord;
import org.moralbank.ledger.TransferRequest;
import org.moralbank.ledger.store.InMemoryStore;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.timebank.member.MemberId;

/** Rules from DOMAIN.md ("What existing software gets wrong", governance) not covered elsewhere. */
class DomainRulesTest {

  /** A day of a busy bank, used by several rules below. */
  static void busyDay(Fixture f) {
    f.enrol("flowers", ALICE, BOB, CAROL);
    f.enrol("merchants", FRANK);
    f.deposit("flowers", ALICE, 240);
    f.deposit("merchants", BOB, 60);
    accept(f.branch("flowers").gift(Gift.of(ALICE, CAROL, m(30))));
    accept(f.branch("merchants").donate(Donation.of(ALICE, m(20))));
    BookingRef b = accept(f.branch("merchants").redeem(Redemption.service(ALICE, FRANK, "errands", m(25))));
    accept(f.branch("merchants").deliver(new Delivery(b, ALICE)));
    accept(f.branch("flowers").deduct(Deduction.of(BOB, m(10), "late record", COORDINATOR)));
    accept(f.branch("flowers").requestGrant(new GrantRequest(CAROL, m(5))));
  }

  @Test
  void historyMustNeverChange_correctionsAreNewLinkedEntries() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE);
      ProposalRef p = f.deposit("flowers", ALICE, 120);
      Map<String, List<JournalRecord>> before = new java.util.HashMap<>();
      f.stores.stores.forEach((k, v) -> before.put(k, v.records()));
      accept(f.branch("flowers").deduct(Deduction.of(ALICE, m(120), "the service was never given", COORDINATOR).correcting(p)));
      f.stores.stores.forEach((k, v) -> {
        List<JournalRecord> now = v.records();
        for (int i = 0; i < before.get(k).size(); i++) {
          assertArrayEquals(before.get(k).get(i).bytes(), now.get(i).bytes(), k + " record " + i + " changed");
        }
      });
      assertEquals(0, f.balance(ALICE));
      assertEquals(ProposalStatus.APPROVED, f.branch("flowers").proposal(p).orElseThrow().status(), "the approval stands");
    }
  }

  @Test
  void everyTransferHasACategory_andLeadsBackToItsNote() throws Exception {
    try (Fixture f = new Fixture()) {
      busyDay(f);
      List<String> notes = new ArrayList<>();
      List<String[]> transfers = new ArrayList<>();
      for (String branch : List.of("flowers", "merchants")) {
        List<LedgerRecord> records = new ArrayList<>();
        f.bank.state().books.get(branch).journal.read(0, f.branch(branch).position().size(), records::add);
        for (LedgerRecord r : records) {
          LedgerRecord.Body body = r.body();
          if (body instanceof LedgerRecord.Noted n) {
            notes.add(new String(n.note().payload(), java.nio.charset.StandardCharsets.UTF_8));
          } else if (body instanceof LedgerRecord.Transfers t) {
            for (TransferRequest q : t.group().transfers()) {
              if (q instanceof TransferRequest.Single s) {
                transfers.add(new String[] {String.valueOf(s.code()), s.reference()});
              } else if (q instanceof TransferRequest.Pending p) {
                transfers.add(new String[] {String.valueOf(p.code()), p.reference()});
              }
            }
          }
        }
      }
      // flowers: alice's deposit, the gift, the debit legs of the donation and the redemption,
      // the credit leg of bob's deposit at merchants, bob's deduction; merchants: the other legs.
      assertEquals(9, transfers.size());
      for (String[] t : transfers) {
        assertNotNull(TransferCode.fromCode(Integer.parseInt(t[0])), "code " + t[0]);
        assertTrue(notes.stream().anyMatch(n -> n.contains("\"op\":\"" + t[1] + "\"")), "no note with op " + t[1]);
      }
    }
  }

  @Test
  void zeroHourEntries_areRefusedByName_andNeverJournaled() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE, BOB, CAROL);
      f.deposit("flowers", ALICE, 60);
      Map<String, Long> sizes = f.sizes();
      Branch b = f.branch("flowers");
      for (Outcome<?> o : List.<Outcome<?>>of(
          b.redeem(Redemption.service(ALICE, BOB, "errands", m(0))),
          b.gift(Gift.of(ALICE, CAROL, m(0))),
          b.donate(Donation.of(ALICE, m(0))),
          b.requestGrant(new GrantRequest(CAROL, m(0))),
          b.deduct(Deduction.of(ALICE, m(0), "nothing", COORDINATOR)))) {
        assertEquals(Reason.ZERO_AMOUNT, reason(o));
      }
      assertEquals(sizes, f.sizes());
    }
  }

  @Test
  void anAuditorCanVerifyTheBooksAlone_everyJournalVerifies() throws Exception {
    try (Fixture f = new Fixture()) {
      busyDay(f);
      f.bank.sweep();
      for (Map.Entry<String, InMemoryStore> e : f.stores.stores.entrySet()) {
        JournalVerifier.Report r = JournalVerifier.verify(e.getValue(), Optional.empty());
        assertTrue(r.sound(), e.getKey() + ": " + r);
        assertEquals(e.getValue().size(), r.records());
      }
    }
  }

  @Test
  void publicDisclosure_reportsAreTheSameAfterReopening() throws Exception {
    try (Fixture f = new Fixture()) {
      busyDay(f);
      java.time.LocalDate from = java.time.LocalDate.of(2025, 1, 1);
      java.time.LocalDate to = java.time.LocalDate.of(2026, 1, 1);
      BranchReport flowers = f.branch("flowers").report(from, to);
      BranchReport merchants = f.branch("merchants").report(from, to);
      Statement alice = f.branch("flowers").statement(ALICE, from, to).orElseThrow();
      f.reopen();
      assertEquals(flowers, f.branch("flowers").report(from, to));
      assertEquals(merchants, f.branch("merchants").report(from, to));
      assertEquals(alice, f.branch("flowers").statement(ALICE, from, to).orElseThrow());
    }
  }

  @Test
  void threadSafe_concurrentCommandsConserveHours() throws Exception {
    try (Fixture f = new Fixture(p -> p.withBalanceCap(Optional.empty()))) {
      List<MemberId> members = List.of(ALICE, BOB, CAROL, FRANK);
      f.enrol("flowers", ALICE, BOB);
      f.enrol("merchants", CAROL, FRANK);
      for (MemberId m : members) {
        f.deposit(f.bank.homeBranch(m).orElseThrow(), m, 600);
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          MemberId donor = members.get(t);
          done.add(pool.submit(() -> {
            int accepted = 0;
            for (int i = 0; i < 25; i++) {
              String at = i % 2 == 0 ? "flowers" : "merchants";
              accepted += f.branch(at).donate(Donation.of(donor, m(7))).accepted() ? 1 : 0;
              f.branch(at).balance(donor);
            }
            return accepted;
          }));
        }
        int accepted = 0;
        for (Future<Integer> d : done) {
          accepted += d.get();
        }
        assertEquals(100, accepted);
      } finally {
        pool.shutdown();
      }
      long held = 0;
      for (MemberId m : members) {
        held += f.balance(m);
        assertEquals(600 - 25 * 7, f.balance(m));
      }
      held += f.branch("flowers").pool().value() + f.branch("merchants").pool().value();
      assertEquals(4 * 600, held);
      assertTrue(f.bank.trialBalance().balanced());
    }
  }
}
