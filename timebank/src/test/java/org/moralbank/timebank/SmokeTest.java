package org.moralbank.timebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.moralbank.timebank.Fixture.*;

import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void depositRedeemAcrossBranches_reopen() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE, BOB);
      f.enrol("merchants", FRANK);
      f.deposit("flowers", ALICE, 120);
      assertEquals(120, f.balance(ALICE));
      BookingRef b = accept(f.branch("merchants").redeem(Redemption.service(ALICE, FRANK, "errands", m(30))));
      assertEquals(90, f.available(ALICE));
      accept(f.branch("merchants").deliver(new Delivery(b, ALICE)));
      assertEquals(90, f.balance(ALICE));
      assertEquals(30, f.balance(FRANK));
      assertTrue(f.bank.trialBalance().balanced(), f.bank.trialBalance().toString());
      f.reopen();
      assertEquals(90, f.balance(ALICE));
      assertEquals(30, f.balance(FRANK));
      assertEquals(BookingStatus.DELIVERED, f.branch("merchants").booking(b).orElseThrow().status());
      assertTrue(f.bank.trialBalance().balanced());
    }
  }
}
