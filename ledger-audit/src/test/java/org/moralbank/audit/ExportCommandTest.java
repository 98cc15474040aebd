package org.moralbank.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.io.BaseEncoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.LedgerRecord;
import org.moralbank.ledger.store.JournalRecord;

class ExportCommandTest {
  @TempDir Path tmp;

  private Path journal;
  private Fixture.Written written;

  private Path export() throws IOException {
    journal = tmp.resolve("journal");
    written = Fixture.write(journal);
    Path file = tmp.resolve("export.jsonl");
    Cli.Run run = Cli.run("export", journal, "-o", file);
    assertEquals(Exit.SOUND, run.exit(), run.toString());
    return file;
  }

  @Test
  void anExportHasAHeaderAndOneLinePerRecordWithTheCanonicalBytes() throws IOException {
    Path file = export();
    List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    List<JournalRecord> records = Fixture.records(journal);

    assertEquals(written.size() + 1, lines.size());
    JsonNode header = ExportFormat.MAPPER.readTree(lines.get(0));
    assertEquals("moralbank-journal-export", header.get("format").asText());
    assertEquals(1, header.get("version").asInt());
    assertEquals(Fixture.BANK, header.get("bank").asText());
    assertEquals(Fixture.BRANCH, header.get("branch").asText());
    assertEquals("SHA-256", header.get("algorithm").asText());
    assertEquals(written.size(), header.get("records").asLong());
    assertEquals(written.head().hex(), header.get("head").asText());
    for (int i = 0; i < records.size(); i++) {
      JsonNode line = ExportFormat.MAPPER.readTree(lines.get(i + 1));
      JournalRecord r = records.get(i);
      assertEquals(i, line.get("sequence").asLong());
      assertEquals(BaseEncoding.base64().encode(r.bytes()), line.get("bytes").asText());
      assertEquals(r.hash().hex(), line.get("hash").asText());
      assertEquals(r.previousHash().hex(), line.get("previous").asText());
      assertEquals(LedgerRecord.decode(r.bytes()).timestamp(), line.get("timestamp").asLong());
    }
    String transfer = lines.get(8 + 1);
    assertTrue(transfer.contains("\"reference\":\"Gartenarbeit, caf\\u00E9 \\u2615\""), transfer);
  }

  @Test
  void theExportToStandardOutputIsTheSameBytes() throws IOException {
    Path file = export();
    Cli.Run run = Cli.run("export", journal);
    assertEquals(Exit.SOUND, run.exit());
    assertEquals(Files.readString(file), run.out());
  }

  @Test
  void anExportVerifiesOnItsOwnToTheSameHeadAndRoot() throws IOException {
    Path file = export();

    JsonNode fromJournal = Cli.run("verify", journal, "--json").json();
    Cli.Run run = Cli.run("verify", file, "--json");

    assertEquals(Exit.SOUND, run.exit(), run.toString());
    JsonNode fromExport = run.json();
    assertEquals("export", fromExport.get("kind").asText());
    assertEquals(fromJournal.get("records"), fromExport.get("records"));
    assertEquals(fromJournal.get("head"), fromExport.get("head"));
    assertEquals(fromJournal.get("root"), fromExport.get("root"));
  }

  @Test
  void aDecodedViewEditedIsRefused() throws IOException {
    Path file = export();
    int lineIndex = 1 + 8;  // record 8: 90 minutes from Alice to Bob
    edit(file, lineIndex, line -> {
      ObjectNode transfer = (ObjectNode) line.get("record").get("transfers").get(0);
      assertEquals(90, transfer.get("amount").asLong());
      transfer.put("amount", 9000);
      return line;
    });

    Cli.Run run = Cli.run("verify", file, "--json");

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), run.toString());
    JsonNode f = run.json().get("failure");
    assertEquals("VIEW_MISMATCH", f.get("problem").asText());
    assertEquals(8, f.get("sequence").asLong());
    assertEquals(lineIndex + 1, f.get("line").asLong());
    assertEquals(offsetOfLine(file, lineIndex), f.get("offset").asLong());
    assertTrue(f.get("detail").asText().contains("record.transfers[0].amount is 9000, the bytes say 90"),
        f.toString());
    assertEquals(8, run.json().get("records").asLong());
  }

  @Test
  void anAddedFieldIsRefusedToo() throws IOException {
    Path file = export();
    edit(file, 3, line -> ((ObjectNode) line).put("comment", "trust me"));

    Cli.Run run = Cli.run("verify", file, "--json");

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit());
    assertEquals("VIEW_MISMATCH", run.json().get("failure").get("problem").asText());
  }

  @Test
  void editedBytesBreakTheChain() throws IOException {
    Path file = export();
    edit(file, 1 + 8, line -> {
      byte[] bytes = BaseEncoding.base64().decode(line.get("bytes").asText());
      // "Gartenarbeit" becomes "gartenarbeit": still a record that replays, with another hash
      int g = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("Gartenarbeit");
      bytes[g] = 'g';
      ((ObjectNode) line).put("bytes", BaseEncoding.base64().encode(bytes));
      return line;
    });

    Cli.Run run = Cli.run("verify", file, "--json");

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), run.toString());
    JsonNode f = run.json().get("failure");
    assertEquals("STORED_HASH_MISMATCH", f.get("problem").asText(), f.toString());
    assertEquals(8, f.get("sequence").asLong());
  }

  @Test
  void bytesEditedWithTheirHashRecomputedBreakTheNextLink() throws IOException {
    Path file = export();
    edit(file, 1 + 8, line -> {
      byte[] bytes = BaseEncoding.base64().decode(line.get("bytes").asText());
      // the amount's low byte: 90 minutes become 91; the view is left saying 90
      int amount = findAmount(bytes, 90);
      bytes[amount] = 91;
      ((ObjectNode) line).put("bytes", BaseEncoding.base64().encode(bytes));
      ((ObjectNode) line).put("hash", HashAlgorithm.SHA_256.leafHash(bytes).hex());
      ((ObjectNode) line.get("record").get("transfers").get(0)).put("amount", 91);
      return line;
    });

    Cli.Run run = Cli.run("verify", file, "--json");

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), run.toString());
    JsonNode f = run.json().get("failure");
    assertEquals("PREVIOUS_HASH_MISMATCH", f.get("problem").asText(), f.toString());
    assertEquals(9, f.get("sequence").asLong());
  }

  @Test
  void anExportCutShortIsTruncated() throws IOException {
    Path file = export();
    List<String> lines = Files.readAllLines(file);
    Files.write(file, lines.subList(0, lines.size() - 2));

    Cli.Run run = Cli.run("verify", file, "--json");

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), run.toString());
    JsonNode f = run.json().get("failure");
    assertEquals("TRUNCATED", f.get("problem").asText());
    assertEquals(written.size() - 2, f.get("sequence").asLong());
  }

  @Test
  void aHeaderNamingAnotherBranchIsRefused() throws IOException {
    Path file = export();
    edit(file, 0, header -> ((ObjectNode) header).put("branch", "branch-2"));

    Cli.Run run = Cli.run("verify", file, "--json");

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), run.toString());
    assertEquals("HEADER_MISMATCH", run.json().get("failure").get("problem").asText());
    assertEquals("test-bank/branch-1", run.json().get("failure").get("branch").asText());
  }

  @Test
  void aLineThatIsNotJsonIsMalformed() throws IOException {
    Path file = export();
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(4, lines.get(4).substring(0, 40));
    Files.write(file, lines);

    Cli.Run run = Cli.run("verify", file, "--json");

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit());
    JsonNode f = run.json().get("failure");
    assertEquals("EXPORT_MALFORMED", f.get("problem").asText());
    assertEquals(5, f.get("line").asLong());
    assertEquals(3, f.get("sequence").asLong());
  }

  @Test
  void anUnsoundJournalIsNotExported() throws IOException {
    journal = tmp.resolve("journal");
    Fixture.write(journal);
    List<JournalRecord> records = Fixture.records(journal);
    VerifyCommandTest.flip(VerifyCommandTest.segments(journal).get(0),
        VerifyCommandTest.frameOffset(records, 3) + 90);
    Path file = tmp.resolve("out.jsonl");

    Cli.Run run = Cli.run("export", journal, "-o", file);

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), run.toString());
    assertTrue(run.err().contains("FILE_CORRUPTED"), run.err());
    assertFalse(Files.exists(file));
    assertFalse(Files.exists(tmp.resolve("out.jsonl.partial")));
  }

  static void edit(Path file, int index, UnaryOperator<JsonNode> change) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.US_ASCII));
    JsonNode node = ExportFormat.MAPPER.readTree(lines.get(index));
    lines.set(index, ExportFormat.MAPPER.writeValueAsString(change.apply(node)));
    Files.write(file, lines, StandardCharsets.US_ASCII);
  }

  private static long offsetOfLine(Path file, int index) throws IOException {
    long offset = 0;
    List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    for (int i = 0; i < index; i++) {
      offset += lines.get(i).length() + 1;
    }
    return offset;
  }

  /** The offset of the low byte of a u64 amount {@code value} (big-endian, 7 zero bytes first). */
  private static int findAmount(byte[] bytes, int value) {
    for (int i = 7; i < bytes.length; i++) {
      boolean zeros = true;
      for (int k = i - 7; k < i; k++) {
        zeros &= bytes[k] == 0;
      }
      if (zeros && bytes[i] == value) {
        return i;
      }
    }
    throw new AssertionError("no amount " + value);
  }
}
