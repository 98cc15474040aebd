package org.moralbank.ledger.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;

/**
 * The contract every {@link JournalStore} passes. A store module extends this class and says how
 * to open a fresh store and how to reopen the same one (for durable stores: after close).
 */
public abstract class JournalStoreContract {
  protected JournalStore store;

  protected JournalStoreContract() {}

  /** A new, empty store. */
  protected abstract JournalStore createStore() throws IOException;

  /**
   * Closes {@code store} and opens the same journal again; a store without durability returns
   * {@code store} itself.
   */
  protected abstract JournalStore reopen(JournalStore store) throws IOException;

  @BeforeEach
  void openStore() throws IOException {
    store = createStore();
  }

  @AfterEach
  void closeStore() throws IOException {
    if (store != null) {
      store.close();
    }
  }

  /** Records whose bytes are arbitrary but whose hashes chain like the engine's do. */
  public static List<JournalRecord> chain(long from, Hash previous, int count, String tag) {
    List<JournalRecord> out = new ArrayList<>();
    Hash prev = previous;
    for (int i = 0; i < count; i++) {
      long seq = from + i;
      byte[] bytes = (tag + "-" + seq + "-" + "x".repeat((int) (seq % 17))).getBytes(StandardCharsets.UTF_8);
      Hash hash = HashAlgorithm.SHA_256.leafHash(bytes);
      out.add(new JournalRecord(seq, prev, hash, bytes));
      prev = hash;
    }
    return out;
  }

  protected List<JournalRecord> readAll(JournalStore s) throws IOException {
    List<JournalRecord> out = new ArrayList<>();
    s.read(0, s.size(), out::add);
    return out;
  }

  @Test
  void newStore_isEmpty() throws IOException {
    assertEquals(0, store.size());
    assertEquals(Hash.ZERO, store.head());
    assertEquals(Optional.empty(), store.latestSnapshot());
  }

  @Test
  void append_thenRead_returnsSameRecordsInOrder() throws IOException {
    List<JournalRecord> first = chain(0, Hash.ZERO, 5, "a");
    store.append(first);
    List<JournalRecord> second = chain(5, first.get(4).hash(), 3, "b");
    store.append(second);
    assertEquals(8, store.size());
    assertEquals(second.get(2).hash(), store.head());
    List<JournalRecord> all = new ArrayList<>(first);
    all.addAll(second);
    assertEquals(all, readAll(store));
  }

  @Test
  void read_subRange() throws IOException {
    List<JournalRecord> records = chain(0, Hash.ZERO, 10, "r");
    store.append(records);
    List<JournalRecord> out = new ArrayList<>();
    store.read(3, 7, out::add);
    assertEquals(records.subList(3, 7), out);
    out.clear();
    store.read(10, 10, out::add);
    assertTrue(out.isEmpty());
  }

  @Test
  void read_outsideRange_throws() throws IOException {
    store.append(chain(0, Hash.ZERO, 3, "r"));
    assertThrows(IllegalArgumentException.class, () -> store.read(0, 4, r -> {}));
    assertThrows(IllegalArgumentException.class, () -> store.read(-1, 2, r -> {}));
    assertThrows(IllegalArgumentException.class, () -> store.read(2, 1, r -> {}));
  }

  @Test
  void append_wrongSequence_refusedAndNothingWritten() throws IOException {
    store.append(chain(0, Hash.ZERO, 2, "a"));
    List<JournalRecord> gap = chain(3, store.head(), 2, "b");
    assertThrows(IllegalArgumentException.class, () -> store.append(gap));
    assertEquals(2, store.size());
  }

  @Test
  void append_brokenLink_refusedAndNothingWritten() throws IOException {
    store.append(chain(0, Hash.ZERO, 2, "a"));
    List<JournalRecord> unlinked = chain(2, Hash.ZERO, 2, "b");
    assertThrows(IllegalArgumentException.class, () -> store.append(unlinked));
    assertEquals(2, store.size());
  }

  @Test
  void append_brokenLinkInsideBatch_refusedWhole() throws IOException {
    List<JournalRecord> batch = new ArrayList<>(chain(0, Hash.ZERO, 3, "a"));
    JournalRecord last = batch.get(2);
    batch.set(2, new JournalRecord(2, Hash.ZERO, last.hash(), last.bytes()));
    assertThrows(IllegalArgumentException.class, () -> store.append(batch));
    assertEquals(0, store.size());
    assertEquals(Hash.ZERO, store.head());
  }

  @Test
  void append_empty_refused() {
    assertThrows(IllegalArgumentException.class, () -> store.append(List.of()));
  }

  @Test
  void reopen_keepsEverything() throws IOException {
    List<JournalRecord> records = chain(0, Hash.ZERO, 20, "p");
    store.append(records.subList(0, 7));
    store.append(records.subList(7, 20));
    store = reopen(store);
    assertEquals(20, store.size());
    assertEquals(records.get(19).hash(), store.head());
    assertEquals(records, readAll(store));
    List<JournalRecord> more = chain(20, store.head(), 2, "q");
    store.append(more);
    assertEquals(22, store.size());
  }

  @Test
  void snapshot_latestWins_andSurvivesReopen() throws IOException {
    List<JournalRecord> records = chain(0, Hash.ZERO, 6, "s");
    store.append(records);
    store.saveSnapshot(new Snapshot(3, records.get(2).hash(), new byte[] {1, 2, 3}));
    store.saveSnapshot(new Snapshot(6, records.get(5).hash(), new byte[] {4, 5}));
    store = reopen(store);
    Snapshot s = store.latestSnapshot().orElseThrow();
    assertEquals(6, s.size());
    assertEquals(records.get(5).hash(), s.head());
    assertArrayEquals(new byte[] {4, 5}, s.state());
  }

  @Test
  void snapshot_aheadOfStore_refused() throws IOException {
    store.append(chain(0, Hash.ZERO, 2, "s"));
    assertThrows(
        IllegalArgumentException.class,
        () -> store.saveSnapshot(new Snapshot(3, Hash.ZERO, new byte[0])));
  }

  @Test
  void largeRecord_roundTrips() throws IOException {
    byte[] big = new byte[70_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    Hash h = HashAlgorithm.SHA_256.leafHash(big);
    store.append(List.of(new JournalRecord(0, Hash.ZERO, h, big)));
    store = reopen(store);
    assertArrayEquals(big, readAll(store).get(0).bytes());
  }
}
