package org.moralbank.timebank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.Command;

/** The journal payloads, version 1: golden files, canonical form, strict decoding. */
class NoteCodecTest {

  @Test
  void goldenPayloads_decodeToTheSamples_andTheSamplesEncodeToThem() throws IOException {
    Map<String, DomainNote> samples = GoldenNotes.samples();
    assertEquals(samples.size(), Files.list(GoldenNotes.DIR).count(), "one golden file per sample");
    for (Map.Entry<String, DomainNote> e : samples.entrySet()) {
      byte[] golden = Files.readAllBytes(GoldenNotes.DIR.resolve(e.getKey() + ".json"));
      int kind = Integer.parseInt(e.getKey().substring(0, 4), 16);
      Command.Note encoded = NoteCodec.encode(e.getValue());
      assertEquals(kind, encoded.kind(), e.getKey());
      assertArrayEquals(golden, encoded.payload(), e.getKey() + ": " + new String(encoded.payload(), StandardCharsets.UTF_8));
      assertEquals(e.getValue(), NoteCodec.decode(kind, golden), e.getKey());
    }
  }

  @Test
  void payloads_areSortedCompactJson_versionFirst() throws IOException {
    String text = Files.readString(GoldenNotes.DIR.resolve("0122-gifted.json"), StandardCharsets.UTF_8);
    assertEquals("{\"basis\":\"PARENT\",\"giver\":\"alice\",\"minutes\":60,\"op\":\"0123456789abcdef0000000000000007\","
        + "\"recipient\":\"carol\",\"v\":1}", text);
    assertTrue(Files.readString(GoldenNotes.DIR.resolve("0101-branch-opened.json"), StandardCharsets.UTF_8).contains("花卉协会"),
        "UTF-8, not escaped");
  }

  @Test
  void nonCanonicalPayloads_areMalformed() {
    int k = DomainNote.GIFTED;
    String ok = "{\"basis\":\"PARENT\",\"giver\":\"alice\",\"minutes\":60,\"op\":\"0123456789abcdef0000000000000007\",\"recipient\":\"carol\",\"v\":1}";
    NoteCodec.decode(k, ok.getBytes(StandardCharsets.UTF_8));
    for (String bad : new String[] {
        ok.replace(",", ", "),                                         // whitespace
        ok.replace("{\"basis\":\"PARENT\",", "{").replace("\"v\":1}", "\"v\":1,\"basis\":\"PARENT\"}"), // order
        ok.replace("\"v\":1", "\"v\":2"),                              // a version this library cannot read
        ok.replace("\"v\":1", "\"v\":1,\"x\":1"),                       // an unknown field
        ok.replace("\"minutes\":60,", ""),                             // a missing field
        ok.replace("60", "60.0"),                                      // not an integer
        ok.replace("\"minutes\":60", "\"minutes\":\"60\""),            // wrong type
        ok.replace("alice", "Alice!"),                                  // not a member id
        "[1]", "", "{\"v\":1"}) {
      assertThrows(MalformedNoteException.class, () -> NoteCodec.decode(k, bad.getBytes(StandardCharsets.UTF_8)), bad);
    }
    assertThrows(MalformedNoteException.class, () -> NoteCodec.decode(0x01FF, "{\"v\":1}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void kinds_stayInTheTimeBanksRange() {
    for (DomainNote n : GoldenNotes.samples().values()) {
      assertTrue(NoteCodec.ours(n.kind()), n.toString());
    }
    assertTrue(!NoteCodec.ours(0x00FF) && !NoteCodec.ours(0x0200));
  }
}
