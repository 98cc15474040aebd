package org.moralbank.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.io.BaseEncoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.store.InMemoryStore;
import org.moralbank.ledger.store.JournalRecord;

/**
 * The committed golden journals of record format version 1 (docs/test-vectors/journal-v1-*.txt):
 * one line per record, {@code sequence leaf-hash record-hex}. The test reads them back, checks
 * every hash and a clean verification, and checks that today's engine writes the same bytes for
 * the same commands, so that no change to the format goes unnoticed. Run with
 * {@code -Dmoralbank.regenerateGolden=true} only when a new format version is introduced.
 */
class GoldenJournalTest {
  static final Path VECTORS = Path.of("..", "docs", "test-vectors");

  /** A clock that ticks one second per reading, from 2026-01-01T00:00:00Z. */
  static LongSupplier tickingClock() {
    long[] now = {1_767_225_600_000_000_000L};
    return () -> now[0] += 1_000_000_000L;
  }

  /** Every record type, both hash algorithms: the scenario behind the golden files. */
  static List<JournalRecord> scenario(HashAlgorithm algorithm) throws IOException {
    InMemoryStore store = new InMemoryStore();
    BranchConfig config =
        BranchConfig.of("moral-bank", "flower-association").withAlgorithm(algorithm).withClock(tickingClock());
    try (BranchJournal j = BranchJournal.create(store, config)) {
      AccountId fund = AccountId.of(1);
      AccountId pool = AccountId.of(2);
      AccountId sink = AccountId.of(3);
      AccountId wang = AccountId.parse("5b1c6a2e0f9d4c3b8a7e6d5c4b3a2918");
      AccountId li = AccountId.parse("0d1e2f3a4b5c6d7e8f90a1b2c3d4e5f6");
      j.execute(Command.OpenAccount.fund(fund, Minutes.ofHours(1500)));
      j.execute(Command.OpenAccount.of(pool, AccountKind.DONATION_POOL, AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS));
      j.execute(Command.OpenAccount.of(sink, AccountKind.REDEMPTION_SINK));
      j.execute(Command.OpenAccount.member(wang));
      j.execute(Command.OpenAccount.member(li));
      j.execute(new Command.Note(1, "proposed: flower care 2h".getBytes(StandardCharsets.UTF_8)));
      j.execute(Command.TransferGroup.of(new TransferRequest.Single(
          TransferId.of(100), fund, wang, Minutes.ofHours(2), 2, Optional.empty(), "svc-0001")));
      j.execute(Command.TransferGroup.of(
          TransferRequest.Single.of(TransferId.of(101), wang, li, Minutes.of(30), 3),
          TransferRequest.Single.of(TransferId.of(102), wang, pool, Minutes.of(15), 4)));
      j.execute(Command.TransferGroup.of(TransferRequest.Single.of(TransferId.of(103), li, sink, Minutes.of(999), 5)));
      j.execute(Command.TransferGroup.of(
          TransferRequest.Pending.of(TransferId.of(104), wang, sink, Minutes.of(45), 6, Duration.ofSeconds(5))));
      j.execute(Command.TransferGroup.of(
          new TransferRequest.PostPending(TransferId.of(105), TransferId.of(104), Optional.of(Minutes.of(40)))));
      j.execute(Command.TransferGroup.of(
          TransferRequest.Pending.of(TransferId.of(106), li, sink, Minutes.of(10), 6, Duration.ofSeconds(2))));
      j.execute(Command.TransferGroup.of(new TransferRequest.Single(
          TransferId.of(107), wang, fund, Minutes.of(5), 7, Optional.of(TransferId.of(100)), "correction")));
      j.execute(new Command.ChangeAccountStatus(li, AccountStatus.FROZEN));
      j.execute(Command.TransferGroup.of(TransferRequest.Pending.of(
          TransferId.of(108), wang, sink, Minutes.of(1), 6, Duration.ofHours(1))));
      j.execute(Command.TransferGroup.of(new TransferRequest.VoidPending(TransferId.of(109), TransferId.of(108))));
    }
    return store.records();
  }

  static Path file(HashAlgorithm a) {
    return VECTORS.resolve("journal-v1-" + a.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".txt");
  }

  static List<String> lines(List<JournalRecord> records) {
    List<String> out = new ArrayList<>();
    for (JournalRecord r : records) {
      out.add(r.sequence() + " " + r.hash().hex() + " " + BaseEncoding.base16().lowerCase().encode(r.bytes()));
    }
    return out;
  }

  @Test
  void goldenJournals_readBack_hashesMatch_andVerify() throws IOException {
    for (HashAlgorithm a : HashAlgorithm.values()) {
      Path f = file(a);
      if (Boolean.getBoolean("moralbank.regenerateGolden")) {
        Files.createDirectories(VECTORS);
        Files.write(f, lines(scenario(a)), StandardCharsets.UTF_8);
      }
      List<String> golden = Files.readAllLines(f, StandardCharsets.UTF_8);
      assertTrue(golden.size() > 15, "golden journal " + f + " has every record type");
      JournalVerifier verifier = new JournalVerifier();
      java.util.Set<Class<?>> bodies = new java.util.HashSet<>();
      for (String line : golden) {
        String[] parts = line.split(" ");
        byte[] bytes = BaseEncoding.base16().lowerCase().decode(parts[2]);
        assertEquals(Hash.parseHex(parts[1]), a.leafHash(bytes), "leaf hash of record " + parts[0]);
        LedgerRecord r = LedgerRecord.decode(bytes);
        assertEquals(Long.parseLong(parts[0]), r.sequence());
        assertArrayEquals(bytes, r.encode(), "canonical re-encoding of record " + parts[0]);
        assertTrue(verifier.accept(bytes), () -> verifier.finish().toString());
        bodies.add(r.body().getClass());
      }
      assertTrue(verifier.finish().sound());
      assertEquals(6, bodies.size(), "every body type appears: " + bodies);
      assertEquals(golden, lines(scenario(a)), "today's engine writes the golden bytes for " + a);
    }
  }
}
