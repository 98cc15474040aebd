package org.moralbank.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The accounts of a branch by id, checked against a {@link HashMap} through adds and undos. */
class AccountTableTest {
  @Property(tries = 200)
  void agreesWithAMap_throughAddsAndUndosInReverse(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    AccountTable table = new AccountTable();
    Map<AccountId, BranchState.AccountState> model = new HashMap<>();
    List<AccountId> order = new ArrayList<>();
    for (int step = 0; step < 400; step++) {
      if (!order.isEmpty() && random.nextInt(4) == 0) {
        AccountId last = order.remove(order.size() - 1);
        table.removeLast(last);
        model.remove(last);
      } else {
        // Ids that differ in few bits, and random ones.
        AccountId id = random.nextBoolean()
            ? AccountId.of(1 + random.nextInt(64))
            : new AccountId(random.nextLong(), random.nextLong() | 1);
        BranchState.AccountState a = new BranchState.AccountState(Command.OpenAccount.member(id), step);
        if (model.containsKey(id)) {
          assertThrows(IllegalArgumentException.class, () -> table.add(a));
        } else {
          table.add(a);
          model.put(id, a);
          order.add(id);
        }
      }
      assertEquals(model.size(), table.size());
      AccountId probe = random.nextBoolean() && !order.isEmpty()
          ? order.get(random.nextInt(order.size()))
          : AccountId.of(1 + random.nextInt(64));
      assertSame(model.get(probe), table.get(probe));
      assertSame(model.get(probe), table.get(probe.high(), probe.low()));
    }
    List<BranchState.AccountState> inOrder = table.inOrder();
    assertEquals(order.size(), inOrder.size());
    for (int i = 0; i < order.size(); i++) {
      assertSame(model.get(order.get(i)), inOrder.get(i));
    }
  }

  @Example
  void anUndoOutOfOrder_isRefused_andChangesNothing() {
    AccountTable table = new AccountTable();
    table.add(new BranchState.AccountState(Command.OpenAccount.member(AccountId.of(1)), 0));
    table.add(new BranchState.AccountState(Command.OpenAccount.member(AccountId.of(2)), 0));
    assertThrows(IllegalStateException.class, () -> table.removeLast(AccountId.of(1)));
    assertEquals(2, table.size());
    table.removeLast(AccountId.of(2));
    assertNull(table.get(AccountId.of(2)));
    assertEquals(AccountId.of(1), table.get(0, 1).spec.id());
  }
}
