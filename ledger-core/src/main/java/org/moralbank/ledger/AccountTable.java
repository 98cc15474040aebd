package org.moralbank.ledger;

import java.util.Arrays;
import java.util.List;

/**
 * A branch's accounts by id, found from the id's two longs: a replay looks up two accounts per
 * transfer without making an {@link AccountId} for either. The slots hold the accounts
 * themselves (open addressing, linear probing, placed by {@link TransferTable#keyedHash} under a
 * random key), and a lookup compares the id kept in the account it lands on: one small array
 * and the account, which the transfer reads anyway, where a {@code HashMap} read a table, a
 * node, a key and then the account, and for ten thousand accounts missed the core's own cache
 * on the way.
 *
 * <p>Accounts leave only by the undo of their opening, which runs in reverse order: the one that
 * leaves is always the last one added.
 */
final class AccountTable {
  private final long key1;
  private final long key2;
  /** The accounts in the order they were added. */
  private BranchState.AccountState[] states = new BranchState.AccountState[16];
  private int size;
  /** At most half full, so that probe runs stay short. */
  private BranchState.AccountState[] slots = new BranchState.AccountState[32];

  AccountTable() {
    long[] key = Ids.random();
    this.key1 = key[0];
    this.key2 = key[1];
  }

  int size() {
    return size;
  }

  /** {@return the account with id {@code (high, low)}, or null} */
  BranchState.AccountState get(long high, long low) {
    BranchState.AccountState[] s = slots;
    int m = s.length - 1;
    for (int i = TransferTable.keyedHash(high, low, key1, key2) & m; ; i = (i + 1) & m) {
      BranchState.AccountState a = s[i];
      if (a == null || (a.idHigh == high && a.idLow == low)) {
        return a;
      }
    }
  }

  /** {@return the account {@code id}, or null} */
  BranchState.AccountState get(AccountId id) {
    return get(id.high(), id.low());
  }

  /**
   * Adds an account.
   *
   * @throws IllegalArgumentException if an account with its id is already here
   */
  void add(BranchState.AccountState account) {
    if (get(account.idHigh, account.idLow) != null) {
      throw new IllegalArgumentException("account " + account.spec.id() + " appears twice");
    }
    if (size == states.length) {
      states = Arrays.copyOf(states, size * 2);
    }
    states[size++] = account;
    if (2 * size > slots.length) {
      slots = new BranchState.AccountState[2 * slots.length];
      for (int i = 0; i < size; i++) {
        place(states[i]);
      }
    } else {
      place(account);
    }
  }

  private void place(BranchState.AccountState a) {
    BranchState.AccountState[] s = slots;
    int m = s.length - 1;
    int i = TransferTable.keyedHash(a.idHigh, a.idLow, key1, key2) & m;
    while (s[i] != null) {
      i = (i + 1) & m;
    }
    s[i] = a;
  }

  /**
   * Removes the account added last, which must be {@code id}.
   *
   * @throws IllegalStateException if it is not (an undo out of order: a bug)
   */
  void removeLast(AccountId id) {
    if (size == 0 || !states[size - 1].spec.id().equals(id)) {
      throw new IllegalStateException("account " + id + " was not the last one opened");
    }
    BranchState.AccountState leaving = states[--size];
    states[size] = null;
    BranchState.AccountState[] s = slots;
    int m = s.length - 1;
    int at = TransferTable.keyedHash(leaving.idHigh, leaving.idLow, key1, key2) & m;
    while (s[at] != leaving) {
      at = (at + 1) & m;
    }
    // The last account added took the first free slot of its probe, and every other account
    // was placed before it: emptying that slot leaves the table as it was before the account
    // came, so no later account needs to move (unlike a removal from the middle).
    s[at] = null;
  }

  /** {@return the accounts in the order they were added} */
  List<BranchState.AccountState> inOrder() {
    return Arrays.asList(Arrays.copyOf(states, size));
  }
}
