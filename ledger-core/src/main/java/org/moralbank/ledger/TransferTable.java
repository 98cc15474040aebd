package org.moralbank.ledger;

import java.util.Arrays;

/**
 * A branch's idempotency table: every transfer id it has journaled, with where it was journaled
 * (record sequence and position in its group) and how it stands (applied, rejected, pending,
 * posted, voided, expired), packed into one long. That is all the rules read of a finished
 * transfer; its request and timestamp stay in the journal, read back for a retry or a query.
 *
 * <p>Ids are client-chosen and usually random, so a map of boxed keys and nodes made every
 * lookup several cache misses and every insert a reference into a huge old array, which each
 * young collection had to scan again. Here the ids live in one {@code long[]} (high, low, value
 * per slot, open addressing with linear probing): one cache miss per lookup and nothing for the
 * collector to trace or copy, 24 bytes per slot.
 *
 * <p>The slot of an id is a keyed hash of all its bits, with a random key per table, so that
 * clients cannot aim ids at one run of slots. Ids that count up are spread like random ones: an
 * earlier version kept ids differing only in their lowest three bits in one aligned group of eight
 * slots, which was faster for small tables but made the runs that linear probing walks eight
 * times longer in large ones. Removal shifts later slots of its run back, so that lookups never
 * meet tombstones.
 */
final class TransferTable {
  /** {@link #get} of an id the table does not hold. */
  static final long ABSENT = -1;

  static final int APPLIED = 0;
  static final int REJECTED = 1;
  static final int PENDING = 2;
  static final int POSTED = 3;
  static final int VOIDED = 4;
  static final int EXPIRED = 5;

  /** Sequences below 2^45 fit the packed value beside a 16-bit group index and a 3-bit outcome. */
  static final long MAX_SEQUENCE = (1L << 45) - 1;

  private static final int STRIDE = 3;
  /** The most slots one {@code long[]} of three longs per slot can hold. */
  private static final int MAX_SLOTS = 1 << 29;

  private final long key1;
  private final long key2;
  private long[] slots;
  private int mask;
  private int size;

  /** @param expected how many ids to size for without growing */
  TransferTable(long expected) {
    long[] key = Ids.random();
    this.key1 = key[0];
    this.key2 = key[1];
    int slotCount = 16;
    while (slotCount < MAX_SLOTS && slotCount * 3L / 4 < expected) {
      slotCount <<= 1;
    }
    this.slots = new long[slotCount * STRIDE];
    this.mask = slotCount - 1;
  }

  /** {@return a value for the table} */
  static long pack(long sequence, int index, int outcome) {
    if (sequence < 0 || sequence > MAX_SEQUENCE) {
      throw new IllegalStateException("record sequence " + sequence + " is beyond the table's range");
    }
    return sequence << 19 | (long) index << 3 | outcome;
  }

  static long sequence(long value) {
    return value >>> 19;
  }

  static int index(long value) {
    return (int) (value >>> 3) & 0xFFFF;
  }

  static int outcome(long value) {
    return (int) value & 7;
  }

  static long withOutcome(long value, int outcome) {
    return (value & ~7L) | outcome;
  }

  int size() {
    return size;
  }

  /** The value of {@code id}, or {@link #ABSENT}. */
  long get(TransferId id) {
    return get(id.high(), id.low());
  }

  /** {@return the value of the id {@code (high, low)}, or {@link #ABSENT}} */
  long get(long high, long low) {
    int at = find(high, low);
    return at < 0 ? ABSENT : slots[at + 2];
  }

  /**
   * Remembers a new id.
   *
   * @throws IllegalStateException if the id is already in the table
   */
  void put(TransferId id, long value) {
    put(id.high(), id.low(), value);
  }

  void put(long high, long low, long value) {
    if (size + 1 > (mask + 1) / 4 * 3) {
      grow();
    }
    int at = freeSlot(high, low);
    slots[at] = high;
    slots[at + 1] = low;
    slots[at + 2] = value;
    size++;
  }

  /**
   * Replaces the value of an id the table holds.
   *
   * @throws IllegalStateException if it does not hold it
   */
  void set(TransferId id, long value) {
    slots[slotOf(id) + 2] = value;
  }

  /**
   * Forgets {@code id}.
   *
   * @throws IllegalStateException if it is not in the table
   */
  void remove(TransferId id) {
    int m = mask;
    long[] s = slots;
    int hole = slotOf(id) / STRIDE;
    size--;
    // Backward-shift deletion: move up every later slot of the run whose home is not between
    // the hole and itself, so that no lookup meets an empty slot before its id.
    for (int j = (hole + 1) & m; ; j = (j + 1) & m) {
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

  /** Where the probe for {@code id} starts: an offset for {@link #touch(int[], int)}. */
  int start(long high, long low) {
    return home(high, low, mask) * STRIDE;
  }

  /**
   * Reads the cache lines of the first two slots of the probes that start at {@code starts[0,
   * n)} and returns a sum meaningless to the caller. Done for a batch of ids before they are
   * looked up one by one: computing the starts first and loading them in this short loop leaves
   * the loads independent and few instructions apart, so the processor keeps many cache misses
   * in flight instead of waiting for each (17 ns a random load this way on the AMD machine of
   * docs/performance.md, 210 ns one after the other). Two slots (48 bytes, a second line only
   * where they cross one): a probe for a new id walks about 1.5 slots while a table sized for
   * its journal fills up to 60 %. Reading the next line always, as before, cost the audit of
   * ten million records 0.6–1.0 s of CPU more. The starts hold until the table next grows.
   */
  long touch(int[] starts, int n) {
    long[] s = slots;
    int last = s.length - 1;
    long sum = 0;
    for (int i = 0; i < n; i++) {
      int at = starts[i];
      sum += s[at] + s[Math.min(at + 2 * STRIDE - 1, last)];
    }
    return sum;
  }

  /** Receives one id and its value. */
  interface Visitor {
    void visit(long high, long low, long value);
  }

  /**
   * Visits every id in the order the journal holds them: by sequence, then by position in the
   * group. A canonical order without sorting ten million ids: a counting sort over the
   * sequences, in windows so that a long journal needs no more than 64 MiB of counts at a time,
   * then a sort of each group of more than one.
   *
   * @param records the journal's size: every sequence in the table is below it
   * @throws IllegalStateException if two ids claim the same place
   */
  void inJournalOrder(long records, Visitor visitor) {
    final int window = 1 << 24;
    long[] s = slots;
    for (long base = 0; base < records; base += window) {
      int w = (int) Math.min(window, records - base);
      int[] next = new int[w + 1];
      for (int at = 0; at < s.length; at += STRIDE) {
        long offset = sequence(s[at + 2]) - base;
        if ((s[at] != 0 || s[at + 1] != 0) && offset >= 0 && offset < w) {
          next[(int) offset + 1]++;
        }
      }
      for (int i = 0; i < w; i++) {
        next[i + 1] += next[i];
      }
      int[] order = new int[next[w]];
      for (int at = 0; at < s.length; at += STRIDE) {
        long offset = sequence(s[at + 2]) - base;
        if ((s[at] != 0 || s[at + 1] != 0) && offset >= 0 && offset < w) {
          order[next[(int) offset]++] = at;
        }
      }
      // next[i] is now where the ids of sequence base + i end; sort each group by position.
      int from = 0;
      for (int i = 0; i < w; i++) {
        int to = next[i];
        if (to - from > 1) {
          long[] group = new long[to - from];
          for (int k = from; k < to; k++) {
            group[k - from] = (long) index(s[order[k] + 2]) << 32 | order[k];
          }
          Arrays.sort(group);
          for (int k = from; k < to; k++) {
            order[k] = (int) group[k - from];
            if (k > from && group[k - from] >>> 32 == group[k - from - 1] >>> 32) {
              throw new IllegalStateException(
                  "two transfers at position " + (group[k - from] >>> 32) + " of record " + (base + i));
            }
          }
        }
        from = to;
      }
      for (int at : order) {
        visitor.visit(s[at], s[at + 1], s[at + 2]);
      }
    }
  }

  private int slotOf(TransferId id) {
    int at = find(id.high(), id.low());
    if (at < 0) {
      throw new IllegalStateException("transfer " + id + " is not in the table");
    }
    return at;
  }

  /** The offset of the slot holding the id, or -1. */
  private int find(long high, long low) {
    int at = probe(high, low);
    return isEmpty(at) ? -1 : at;
  }

  /** The offset of the empty slot a new id goes to. */
  private int freeSlot(long high, long low) {
    int at = probe(high, low);
    if (!isEmpty(at)) {
      throw new IllegalStateException("transfer " + Ids.hex(high, low) + " is already in the table");
    }
    return at;
  }

  /** The offset of the slot holding the id, or of the empty slot that ends its run. */
  private int probe(long high, long low) {
    long[] s = slots;
    int m = mask;
    for (int i = home(high, low, m); ; i = (i + 1) & m) {
      int at = i * STRIDE;
      long h = s[at];
      long l = s[at + 1];
      if ((h == high && l == low) || (h == 0 && l == 0)) {
        return at;
      }
    }
  }

  /** Zero is never an id (Ids.check), so a zero key marks an empty slot. */
  private boolean isEmpty(int at) {
    return slots[at] == 0 && slots[at + 1] == 0;
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

  /** The first slot to probe: a keyed mix of all 128 bits. */
  private int home(long high, long low, int m) {
    return keyedHash(high, low, key1, key2) & m;
  }

  /**
   * A hash of all 128 bits of an id under a random key ({@link Ids#random}), so that clients
   * who choose ids cannot aim them at one run of slots: the tables of transfers and of accounts
   * ({@link AccountTable}) both place ids by it.
   */
  static int keyedHash(long high, long low, long key1, long key2) {
    return (int) mix((mix(high ^ key1) + low) ^ key2);
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
