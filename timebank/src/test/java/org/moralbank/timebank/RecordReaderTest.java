package org.moralbank.timebank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.BranchConfig;
import org.moralbank.ledger.BranchJournal;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.LedgerRecord;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.TransferRequest;
import org.moralbank.ledger.store.InMemoryStore;

/** The workaround reader of record bodies agrees with what the engine journaled. */
class RecordReaderTest {

  @Test
  void readsBackWhatTheEngineJournaled() throws IOException {
    AtomicLong clock = new AtomicLong(1_700_000_000_000_000_000L);
    try (BranchJournal j = BranchJournal.create(new InMemoryStore(), BranchConfig.of("b", "x").withClock(clock::get))) {
      AccountId fund = AccountId.of(1);
      AccountId member = AccountId.of(2);
      j.execute(Command.OpenAccount.fund(fund, Minutes.ofHours(10)));
      j.execute(Command.OpenAccount.member(member));
      TransferRequest single = new TransferRequest.Single(TransferId.of(10), fund, member, Minutes.of(90), 7,
          Optional.empty(), "ref 参考");
      TransferRequest pending = new TransferRequest.Pending(TransferId.of(11), member, fund, Minutes.of(30), 65535,
          Optional.of(TransferId.of(10)), "", Duration.ofSeconds(5));
      TransferRequest pending2 = TransferRequest.Pending.of(TransferId.of(12), member, fund, Minutes.of(10), 1, Duration.ofSeconds(5));
      TransferRequest pending3 = TransferRequest.Pending.of(TransferId.of(16), member, fund, Minutes.of(5), 1, Duration.ofSeconds(1));
      TransferRequest post = new TransferRequest.PostPending(TransferId.of(13), TransferId.of(11), Optional.of(Minutes.of(20)));
      TransferRequest voided = new TransferRequest.VoidPending(TransferId.of(14), TransferId.of(12));
      j.execute(new Command.TransferGroup(List.of(single, pending, pending2, pending3)));
      j.execute(new Command.TransferGroup(List.of(post, voided)));
      j.execute(Command.TransferGroup.of(TransferRequest.Single.of(TransferId.of(15), member, fund, Minutes.of(1000), 1)));
      j.execute(new Command.Note(0x0122, "{}".getBytes(StandardCharsets.UTF_8)));
      clock.addAndGet(2_000_000_000L);
      assertEquals(1, j.expireDue());
      List<LedgerRecord> records = new ArrayList<>();
      j.read(0, j.size(), records::add);
      List<RecordReader.Body> bodies = records.stream().map(RecordReader::body).toList();
      assertInstanceOf(RecordReader.Other.class, bodies.get(0));
      assertEquals(new RecordReader.AccountOpened(fund), bodies.get(1));
      assertEquals(new RecordReader.AccountOpened(member), bodies.get(2));
      assertEquals(new RecordReader.Transfers(List.of(single, pending, pending2, pending3), true), bodies.get(3));
      assertEquals(new RecordReader.Transfers(List.of(post, voided), true), bodies.get(4));
      assertEquals(new RecordReader.Transfers(List.of(TransferRequest.Single.of(TransferId.of(15), member, fund, Minutes.of(1000), 1)), false),
          bodies.get(5), "a rejected group");
      RecordReader.Noted note = assertInstanceOf(RecordReader.Noted.class, bodies.get(6));
      assertEquals(0x0122, note.kind());
      assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), note.payload());
      assertEquals(new RecordReader.Expired(List.of(TransferId.of(16))), bodies.get(7));
    }
  }

  @Test
  void readsEveryRecordOfTheEnginesGoldenJournals() throws IOException {
    for (String name : List.of("journal-v1-sha-256.txt", "journal-v1-sm3.txt")) {
      int transfers = 0;
      for (String line : Files.readAllLines(Path.of("..", "docs", "test-vectors", name))) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.trim().split("\\s+");
        LedgerRecord r = LedgerRecord.decode(BaseEncoding.base16().lowerCase().decode(parts[2]));
        RecordReader.Body b = RecordReader.body(r);
        if (b instanceof RecordReader.Transfers t) {
          transfers += t.group().size();
        }
      }
      assertTrue(transfers > 0, name);
    }
  }
}
