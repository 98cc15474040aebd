package org.moralbank.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.store.InMemoryStore;

/** Values shared to save memory stay equal to what they replace. */
class SharedValuesTest {

  @Test
  void smallAmounts_areShared_largerOnesEqual_negativeStillRefused() {
    assertSame(Minutes.of(90), Minutes.of(90));
    assertSame(Minutes.ZERO, Minutes.of(0));
    assertEquals(new Minutes(24 * 60), Minutes.of(24 * 60));
    assertEquals(new Minutes(24 * 60 + 1), Minutes.of(24 * 60 + 1));
    assertNotSame(Minutes.of(100_000), Minutes.of(100_000));
    assertThrows(IllegalArgumentException.class, () -> Minutes.of(-1));
  }

  @Test
  void aRestoredSnapshot_sharesAccountIds_andEncodesToTheSameBytes() throws Exception {
    AccountId fund = AccountId.of(1);
    List<AccountId> members = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      // Ids with high bits as well as low ones, as clients may choose them.
      members.add(new AccountId(i * 0x1000_0000_0000L + 7, 1000 + i));
    }
    try (BranchJournal journal = BranchJournal.create(new InMemoryStore(), BranchConfig.of("b", "s"))) {
      journal.execute(Command.OpenAccount.fund(fund));
      for (AccountId m : members) {
        journal.execute(Command.OpenAccount.member(m));
      }
      for (int i = 1; i <= 2000; i++) {
        // Pending transfers: a snapshot keeps those whole (the others as ids and outcomes).
        journal.execute(Command.TransferGroup.of(TransferRequest.Pending.of(
            TransferId.of(i), fund, members.get(i % members.size()), Minutes.of(i), 1,
            java.time.Duration.ofDays(1))));
      }
      byte[] state = journal.stateBytes();
      StateCodec.Restored restored = StateCodec.decode(state);
      Map<AccountId, Boolean> distinct = new IdentityHashMap<>();
      List<BranchState.PendingEntry> pending = restored.state().pendingEntries();
      assertEquals(2000, pending.size());
      for (BranchState.PendingEntry e : pending) {
        distinct.put(e.request.debit(), true);
        distinct.put(e.request.credit(), true);
      }
      assertEquals(members.size() + 1, distinct.size(), "one object per account");
      assertArrayEquals(state, StateCodec.encode(restored.state(), restored.size(), restored.head(),
          restored.lastTimestamp(), restored.frontier()));
    }
  }
}
