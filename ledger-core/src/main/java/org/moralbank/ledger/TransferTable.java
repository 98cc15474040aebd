package org.moralbank.ledger;

import java.util.Arrays;

/**
 * A branch's idempotency table: every transfer id it has journaled, and what it remembers of
 * each. Ids are client-chosen and usually random, so a table of boxed keys and map nodes made
 * every lookup several cache misses and every insert a reference into a huge old array, which
 * each young collection had to scan again. Here the ids live in one {@code long[]} (high, low,
 * value per slot, open addressing with linear probing): one cache miss per lookup, nothing for
 * the collector to trace, and the entries themselves in an array in the order they came.
 *
 * <p>The slot of an id is a keyed hash of its bits, with a random key per table, so that clients
 * cannot aim ids at one run of slots. Ids that differ only in their lowest three bits share an
 * aligned group of eight slots, so that ids a caller numbers itself stay next to each other; no
 * more than eight ids can share a group on purpose.
 *
 * <p>A slot's value is what {@link #get} returns: an index into the entries, or, in a
 * verifier's table, one of two shared entries for "applied" and "rejected" (see {@link
 * BranchState#forVerification}). Removal only ever takes back the latest entry (the undo log is a
 * stack) and shifts later slots of its run back, so that lookups never need tombstones.
 */
final class TransferTable {
  private static final int STRIDE = 3;
  private static final int GROUP_BITS = 3;
  /** The most slots one {@code long[]} of three longs per slot can hold. */
  private static final int MAX_SLOTS = 1 << 29;
  private static final long APPLIED = -1;
  private static final long REJECTED = -2;

  private final long key1;
  private final long key2;
  private final BranchState.TransferEntry applied;
  private final BranchState.TransferEntry rejected;
  private long[] slots;
  private int mask;
  private int size;
  private BranchState.TransferEntry[] entries;
  private int entryCount;

  /**
   * @param expected how many ids to size for without growing
   * @param applied the entry every applied transfer that cannot pend shares, or null to keep
   *     every entry (likewise {@code rejected})
   */
  TransferTable(long expected, BranchState.TransferEntry applied, BranchState.TransferEntry rejected) {
    long[] key = Ids.random();
    this.key1 = key[0];
    this.key2 = key[1];
    this.applied = applied;
    this.rejected = rejected;
    int slotCount = 16;
    while (slotCount < MAX_SLOTS && slotCount * 3L / 4 < expected) {
      slotCount <<= 1;
    }
    this.slots = new long[slotCount * STRIDE];
    this.mask = slotCount - 1;
    this.entries = new BranchState.TransferEntry[(int) Math.min(expected + 1, 1 << 20)];
  }

  int size() {
    return size;
  }

  /** The entry of {@code id}, or null when the table has never seen it. */
  BranchState.TransferEntry get(TransferId id) {
    long high = id.high();
    long low = id.low();
    long[] s = slots;
    int m = mask;
    for (int i = home(high, low, m); ; i = (i + 1) & m) {
      int at = i * STRIDE;
      long h = s[at];
      long l = s[at + 1];
      if (h == high && l == low) {
        return entry(s[at + 2]);
      }
      if (h == 0 && l == 0) {
        return null;
      }
    }
  }

  /**
   * Remembers a new id. In a verifier's table an entry that cannot pend is remembered as the
   * shared applied or rejected entry.
   *
   * @throws IllegalStateException if the id is already in the table
   */
  void put(BranchState.TransferEntry e) {
    if (size + 1 > (mask + 1) / 4 * 3) {
      grow();
    }
    TransferId id = e.request.id();
    int at = freeSlot(id.high(), id.low());
    long value;
    if (applied != null && !(e.rejection == null && e.request instanceof TransferRequest.Pending)) {
      value = e.rejection == null ? APPLIED : REJECTED;
    } else {
      if (entryCount == entries.length) {
        entries = Arrays.copyOf(entries, Math.max(16, entryCount + (entryCount >> 1)));
      }
      entries[entryCount++] = e;
      value = entryCount;
    }
    slots[at] = id.high();
    slots[at + 1] = id.low();
    slots[at + 2] = value;
    size++;
  }

  /**
   * Forgets {@code id}, which must be the latest id put and not yet removed: undo only ever
   * takes back the newest change.
   *
   * @throws IllegalStateException if it is not in the table, or another entry came after it
   */
  void removeLatest(TransferId id) {
    long high = id.high();
    long low = id.low();
    int m = mask;
    int i = home(high, low, m);
    while (slots[i * STRIDE] != high || slots[i * STRIDE + 1] != low) {
      if (slots[i * STRIDE] == 0 && slots[i * STRIDE + 1] == 0) {
        throw new IllegalStateException("transfer " + id + " is not in the table");
      }
      i = (i + 1) & m;
    }
    long value = slots[i * STRIDE + 2];
    if (value > 0) {
      if (value != entryCount) {
        throw new IllegalStateException("transfer " + id + " is not the latest entry");
      }
      entries[--entryCount] = null;
    }
    size--;
    // Backward-shift deletion: move up every later slot of the run whose home is not between
    // the hole and itself, so that no lookup meets an empty slot before its id.
    long[] s = slots;
    int hole = i;
    for (int j = (i + 1) & m; ; j = (j + 1) & m) {
      int at = j * STRIDE;
      if (s[at] == 0 && s[at + 1] == 0) {
        break;
      }
      int h = home(s[at], s[at + 1], m);
      boolean staysPut = hole <= j ? hole < h && h <= j : hole < h || h <= j;
      if (!staysPut) {
        System.arraycopy(s, at, s, hole * STRIDE, STRIDE);
        hole = j;
      }
    }
    int at = hole * STRIDE;
    s[at] = 0;
    s[at + 1] = 0;
    s[at + 2] = 0;
  }

  /**
   * Reads the first slot {@code id} would probe and returns a word of it, meaningless to the
   * caller: done for a batch of ids before they are looked up one by one, the loads are
   * independent and the processor overlaps their cache misses instead of waiting for each.
   */
  long touch(TransferId id) {
    return slots[home(id.high(), id.low(), mask) * STRIDE];
  }

  /** The entries kept, in the order they were put (a verifier's table keeps only pending ones). */
  BranchState.TransferEntry[] entries() {
    return Arrays.copyOf(entries, entryCount);
  }

  private BranchState.TransferEntry entry(long value) {
    if (value > 0) {
      return entries[(int) value - 1];
    }
    return value == APPLIED ? applied : rejected;
  }

  private int freeSlot(long high, long low) {
    long[] s = slots;
    int m = mask;
    for (int i = home(high, low, m); ; i = (i + 1) & m) {
      int at = i * STRIDE;
      long h = s[at];
      long l = s[at + 1];
      if (h == 0 && l == 0) {
        return at;
      }
      if (h == high && l == low) {
        throw new IllegalStateException("transfer " + Ids.hex(high, low) + " is already in the table");
      }
    }
  }

  private void grow() {
    int slotCount = mask + 1;
    if (slotCount >= MAX_SLOTS) {
      throw new IllegalStateException("a branch cannot remember more than " + (MAX_SLOTS / 4 * 3) + " transfers");
    }
    long[] old = slots;
    slots = new long[slotCount * 2 * STRIDE];
    mask = slotCount * 2 - 1;
    for (int at = 0; at < old.length; at += STRIDE) {
      if (old[at] != 0 || old[at + 1] != 0) {
        int to = freeSlot(old[at], old[at + 1]);
        System.arraycopy(old, at, slots, to, STRIDE);
      }
    }
  }

  /**
   * The first slot to probe: a keyed mix of every bit but the lowest three, which then pick the
   * slot within an aligned group of eight.
   */
  private int home(long high, long low, int m) {
    long x = mix(high ^ key1) + (low >>> GROUP_BITS);
    x = mix(x ^ key2);
    return (int) ((x << GROUP_BITS) | (low & ((1 << GROUP_BITS) - 1))) & m;
  }

  /** The finaliser of MurmurHash3: every input bit affects every output bit. */
  private static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb9fe1a85ec53L;
    x ^= x >>> 33;
    return x;
  }
}
