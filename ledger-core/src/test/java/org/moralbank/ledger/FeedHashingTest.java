package org.moralbank.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.moralbank.ledger.store.InMemoryStore;
import org.moralbank.ledger.store.JournalRecord;

/**
 * A {@link JournalVerifier.Feed} checks the leaf hashes a store keeps on whichever thread has
 * time, after the records have gone on to the replay: over several batches it must still give
 * the verdict of the sequential verifier, which computes each hash before anything else.
 */
class FeedHashingTest {
  /**
   * Eight batches of the feed and a part of a ninth: more than the six it keeps in circulation,
   * so batches are reused after both threads hashed them, and the feeding thread waits for free
   * ones (and hashes while it waits).
   */
  private static final int TRANSFERS = 8 * 4096 + 1000;

  private static List<JournalRecord> journal;

  @BeforeAll
  static void writeJournal() throws Exception {
    InMemoryStore store = new InMemoryStore();
    BranchJournal j = Fixtures.create(store, new Fixtures.ManualClock());
    j.execute(Command.OpenAccount.fund(Fixtures.acct(1), Minutes.of(1_000_000_000)));
    j.execute(Command.OpenAccount.member(Fixtures.acct(2)));
    j.execute(Command.OpenAccount.member(Fixtures.acct(3)));
    List<Command<?>> commands = new ArrayList<>();
    for (int i = 0; i < TRANSFERS; i++) {
      AccountId to = Fixtures.acct(2 + i % 2);
      commands.add(Command.TransferGroup.of(
          TransferRequest.Single.of(Fixtures.tid(100 + i), Fixtures.acct(1), to, Minutes.of(1 + i % 90), 1)));
    }
    j.submitAll(commands).join();
    j.close();
    journal = store.records();
    assertTrue(journal.size() > TRANSFERS);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 4095, 4096, 4097, 8200, 12_000, 25_000, 30_000, -1})
  void aWrongStoredHash_failsItsRecord_asTheSequentialVerifierDoes(int at) {
    int k = at < 0 ? journal.size() - 1 : at;
    List<JournalRecord> records = withStoredHash(journal, k, flip(journal.get(k).hash()));
    JournalVerifier.Report expected = sequential(records, Optional.empty());
    assertEquals(Optional.of(IntegrityProblem.STORED_HASH_MISMATCH), expected.failure().map(IntegrityFailure::problem));
    assertEquals(k, expected.failure().orElseThrow().sequence());
    assertEquals(expected, fedFromBuffers(records, Optional.empty()));
    assertEquals(expected, fedAsObjects(records, Optional.empty()));
  }

  @Test
  void aWrongStoredHash_atAnAnchorsLastRecord_isNamedBeforeTheAnchor() {
    int k = 5000;
    JournalVerifier.Anchor anchor = new JournalVerifier.Anchor(k + 1, journal.get(k).hash());
    List<JournalRecord> records = withStoredHash(journal, k, flip(journal.get(k).hash()));
    JournalVerifier.Report expected = sequential(records, Optional.of(anchor));
    assertEquals(Optional.of(IntegrityProblem.STORED_HASH_MISMATCH), expected.failure().map(IntegrityFailure::problem));
    assertEquals(expected, fedFromBuffers(records, Optional.of(anchor)));
  }

  @Test
  void aWrongStoredHash_andABodyFailure_theEarlierRecordIsNamed_theBodyOnATie() {
    int k = 6000;
    List<JournalRecord> bodyFails = withBody(journal, k);
    JournalVerifier.Report bodyOnly = sequential(bodyFails, Optional.empty());
    assertEquals(Optional.of(IntegrityProblem.OUTCOME_MISMATCH), bodyOnly.failure().map(IntegrityFailure::problem));
    assertEquals(bodyOnly, fedFromBuffers(bodyFails, Optional.empty()));
    for (int hashAt : new int[] {k - 700, k, k + 1, k + 300, k + 25_000}) {
      List<JournalRecord> records = withStoredHash(bodyFails, hashAt, flip(bodyFails.get(hashAt).hash()));
      JournalVerifier.Report expected = sequential(records, Optional.empty());
      assertEquals(Math.min(k, hashAt), expected.failure().orElseThrow().sequence());
      assertEquals(expected, fedFromBuffers(records, Optional.empty()), "hash wrong at " + hashAt);
    }
  }

  @Test
  void aSoundJournal_fedInBatches_isSound_withTheSequentialTreeAndHead() {
    JournalVerifier.Report expected = sequential(journal, Optional.empty());
    assertTrue(expected.sound(), expected.toString());
    assertEquals(expected, fedFromBuffers(journal, Optional.empty()));
    assertEquals(expected, fedAsObjects(journal, Optional.empty()));
  }

  private static JournalVerifier.Report sequential(List<JournalRecord> records, Optional<JournalVerifier.Anchor> anchor) {
    JournalVerifier v = new JournalVerifier();
    anchor.ifPresent(v::anchoredAt);
    for (JournalRecord r : records) {
      if (!v.accept(r.sequence(), r.previousHash(), r.hash(), r.bytes())) {
        break;
      }
    }
    return v.finish();
  }

  /** As a file journal's scan feeds: records inside one reused buffer, beside their hash. */
  private static JournalVerifier.Report fedFromBuffers(List<JournalRecord> records, Optional<JournalVerifier.Anchor> anchor) {
    byte[] buffer = new byte[1 << 12];
    try (JournalVerifier.Feed feed = JournalVerifier.feed(anchor, records.size())) {
      for (JournalRecord r : records) {
        int n = r.bytes().length;
        java.util.Arrays.fill(buffer, (byte) 0x5A);
        System.arraycopy(r.bytes(), 0, buffer, 3, n);
        r.hash().copyTo(buffer, 3 + n);
        if (!feed.accept(r.sequence(), buffer, 3, n, 3 + n)) {
          break;
        }
      }
      return feed.finish();
    }
  }

  private static JournalVerifier.Report fedAsObjects(List<JournalRecord> records, Optional<JournalVerifier.Anchor> anchor) {
    try (JournalVerifier.Feed feed = JournalVerifier.feed(anchor, records.size())) {
      for (JournalRecord r : records) {
        if (!feed.accept(r.sequence(), r.previousHash(), r.hash(), r.bytes())) {
          break;
        }
      }
      return feed.finish();
    }
  }

  /** The records with record {@code k}'s stored hash replaced (and the next record's stored link). */
  private static List<JournalRecord> withStoredHash(List<JournalRecord> records, int k, Hash hash) {
    List<JournalRecord> out = new ArrayList<>(records);
    JournalRecord r = out.get(k);
    out.set(k, new JournalRecord(r.sequence(), r.previousHash(), hash, r.bytes()));
    if (k + 1 < out.size()) {
      JournalRecord next = out.get(k + 1);
      out.set(k + 1, new JournalRecord(next.sequence(), hash, next.hash(), next.bytes()));
    }
    return out;
  }

  /**
   * The records with transfer record {@code k} rewritten to claim a rejection the rules do not
   * give, stored and chained as if it were genuine: only the replay can tell.
   */
  private static List<JournalRecord> withBody(List<JournalRecord> records, int k) {
    List<JournalRecord> out = new ArrayList<>(records.subList(0, k));
    Hash previous = records.get(k).previousHash();
    for (int i = k; i < records.size(); i++) {
      LedgerRecord r = LedgerRecord.decode(records.get(i).bytes());
      LedgerRecord.Body body = r.body();
      if (i == k) {
        LedgerRecord.Transfers t = (LedgerRecord.Transfers) body;
        body = new LedgerRecord.Transfers(
            t.group(), Optional.of(new LedgerRecord.Rejection(0, RejectionReason.DEBIT_LIMIT_EXCEEDED)));
      }
      byte[] bytes = new LedgerRecord(i, r.timestamp(), previous, body).encode();
      Hash hash = HashAlgorithm.SHA_256.leafHash(bytes);
      out.add(new JournalRecord(i, previous, hash, bytes));
      previous = hash;
    }
    return out;
  }

  private static Hash flip(Hash h) {
    byte[] b = h.toByteArray();
    b[7] ^= 0x10;
    return Hash.of(b);
  }
}
