package org.moralbank.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo on a small scale (300 depositors, 150 days, a 60-hour cap so that it is reached),
 * run twice with the same seed into the same directory: the second run replaces the first.
 */
class DemoRunTest {
  @TempDir static Path temp;
  static DemoSettings settings;
  static DemoResult first;
  static Map<String, String> firstJournalFiles;
  static DemoResult second;
  static String printed;

  @BeforeAll
  static void runTwice() throws IOException {
    settings = new DemoSettings(7L, 300, 150, temp.resolve("out"), 60);
    first = DemoRun.run(settings, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    firstJournalFiles = journalFiles(first.output());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    second = DemoRun.run(settings, new PrintStream(out, true, StandardCharsets.UTF_8));
    printed = out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theRun_cameOutAsItShould() {
    assertTrue(second.ok());
  }

  @Test
  void everyJournal_auditsSoundAgainstItsYearEndCheckpoint() {
    assertEquals(8, second.journals().size());
    for (DemoResult.JournalResult j : second.journals()) {
      assertEquals(0, j.auditExitCode(), j.id());
      assertTrue(j.auditSound(), j.id());
      assertEquals(0, j.midYearAuditExitCode(), j.id());
      assertTrue(j.midYearSize() > 0 && j.midYearSize() <= j.records(), j.id());
      assertEquals(j.yearEndSize(), j.records(), j.id());
    }
    assertTrue(second.journals().stream().filter(j -> !j.id().equals(DemoRun.HEAD_OFFICE))
        .allMatch(j -> j.midYearSize() < j.records()), "every branch grew after mid-year");
    assertTrue(second.reportsMatchCheckpoints());
  }

  @Test
  void tamperedCopy_isCaughtAtTheRecordWhoseFrameHoldsTheFlippedByte() throws IOException {
    DemoResult.TamperingResult t = second.tampering();
    assertEquals(1, t.exitCode());
    assertEquals("FILE_CORRUPTED", t.problem());
    assertEquals(t.damagedSequence(), t.reportedSequence());
    assertEquals(t.segment(), Path.of(t.reportedFile()));
    assertEquals(t.damagedFrameOffset(), t.reportedOffset());
    assertTrue(t.toolOutput().contains("FAILED"), t.toolOutput());
    assertTrue(t.toolOutput().contains(String.format("records    %,d sound", t.damagedSequence())),
        "the records before the damage are verified: " + t.toolOutput());
    assertTrue(t.caught());
    assertTrue(second.summary().contains("caught 查出: the audit names record " + String.format("%,d", t.damagedSequence())),
        second.summary());

    // The flip is one byte: the copy differs from the original there and nowhere else.
    Path original = second.output().resolve("journals").resolve(DemoRun.TAMPERED_BRANCH)
        .resolve(t.segment().getFileName());
    byte[] a = Files.readAllBytes(original);
    byte[] b = Files.readAllBytes(t.segment());
    assertEquals(a.length, b.length);
    int differing = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        differing++;
        assertEquals(t.offset(), i);
      }
    }
    assertEquals(1, differing);
  }

  @Test
  void trialBalance_balances() {
    assertTrue(second.trialBalanced());
  }

  @Test
  void receipt_verifiesOfflineAndWithTheAuditorsTool() throws IOException {
    DemoResult.ReceiptResult r = second.receipt();
    assertTrue(r.verified());
    assertEquals(0, r.toolExitCode());
    assertTrue(Files.readString(r.file(), StandardCharsets.UTF_8).startsWith("moralbank-receipt/v1\n"));
  }

  @Test
  void capOverflowAndStars_happen() {
    assertTrue(second.capOverflowMinutes() > 0, "someone reached the " + settings.balanceCapHours() + "h cap");
    assertTrue(second.starredMembers() >= 1, "someone earned a star");
  }

  @Test
  void guards_refusedCommands_withTheirReasons() {
    Map<String, Integer> refusals = second.refusals();
    for (String reason : List.of("CONSENT_REQUIRED", "INTERVAL_OVERLAPS", "DAILY_MAXIMUM_EXCEEDED", "OWN_RECORD")) {
      assertTrue(refusals.getOrDefault(reason, 0) > 0, reason + " in " + refusals);
    }
  }

  @Test
  void sameSeed_byteIdenticalJournals() throws IOException {
    assertEquals(firstJournalFiles, journalFiles(second.output()));
    assertEquals(heads(first), heads(second));
    assertEquals(roots(first), roots(second));
    assertEquals(sizes(first), sizes(second));
    assertEquals(first.refusals(), second.refusals());
    assertEquals(first.capOverflowMinutes(), second.capOverflowMinutes());
  }

  @Test
  void output_isReplaced_andHoldsWhatTheSummaryPromises() throws IOException {
    Path out = second.output();
    assertTrue(out.isAbsolute());
    assertTrue(printed.contains("summary 总结"));
    assertTrue(printed.contains(out.toString()));
    assertTrue(printed.contains("java -jar ledger-audit/target/ledger-audit.jar verify"));
    assertEquals(second.summary(), Files.readString(out.resolve("summary.txt"), StandardCharsets.UTF_8));
    for (String d : List.of("journals", "checkpoints", "keys", "reports", "statements", "receipts", "tampered")) {
      assertTrue(Files.isDirectory(out.resolve(d)), d);
    }
    // Public keys only, anywhere in the output: no PKCS#8 ("PRIVATE KEY") PEM document.
    try (var files = Files.walk(out)) {
      List<Path> texts = files.filter(Files::isRegularFile)
          .filter(p -> !p.startsWith(out.resolve("journals")) && !p.startsWith(out.resolve("tampered"))).toList();
      assertFalse(texts.isEmpty());
      for (Path p : texts) {
        String text = readUnchecked(p);
        assertFalse(text.contains("PRIVATE KEY"), p.toString());
      }
    }
  }

  @Test
  void aDirectoryTheDemoDidNotWrite_isNeverReplaced() throws IOException {
    Path mine = temp.resolve("mine");
    Files.createDirectories(mine);
    Files.writeString(mine.resolve("notes.txt"), "keep me");
    assertThrows(IllegalStateException.class, () -> DemoRun.run(settings.withOutput(mine),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    assertEquals("keep me", Files.readString(mine.resolve("notes.txt")));
  }

  /** Every file of every journal (segments and snapshots; not the lock file) with its SHA-256. */
  private static Map<String, String> journalFiles(Path output) throws IOException {
    Map<String, String> files = new java.util.TreeMap<>();
    Path journals = output.resolve("journals");
    try (var walk = Files.walk(journals)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        if (!p.getFileName().toString().equals("journal.lock")) {
          files.put(journals.relativize(p).toString(),
              org.moralbank.ledger.HashAlgorithm.SHA_256.digest(Files.readAllBytes(p)).hex());
        }
      }
    }
    assertTrue(files.size() >= 8, files.toString());
    return files;
  }

  private static Map<String, String> heads(DemoResult r) {
    return r.journals().stream().collect(Collectors.toMap(DemoResult.JournalResult::id, DemoResult.JournalResult::head));
  }

  private static Map<String, String> roots(DemoResult r) {
    return r.journals().stream().collect(Collectors.toMap(DemoResult.JournalResult::id, DemoResult.JournalResult::root));
  }

  private static Map<String, Long> sizes(DemoResult r) {
    return r.journals().stream().collect(Collectors.toMap(DemoResult.JournalResult::id, DemoResult.JournalResult::records));
  }

  private static String readUnchecked(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
