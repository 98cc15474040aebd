package org.moralbank.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit code 2 for every usage error; help and version exit 0. */
class UsageTest {
  @TempDir Path tmp;

  @Test
  void noCommandOrAnUnknownOneIsAUsageError() {
    Cli.Run none = Cli.run();
    assertEquals(Exit.USAGE, none.exit());
    assertTrue(none.err().contains("Usage: ledger-audit"), none.err());
    assertEquals(Exit.USAGE, Cli.run("audit-everything").exit());
    assertEquals(Exit.USAGE, Cli.run("checkpoint").exit());
    assertEquals(Exit.USAGE, Cli.run("key").exit());
  }

  @Test
  void helpAndVersionExitZero() {
    Cli.Run help = Cli.run("--help");
    assertEquals(Exit.SOUND, help.exit());
    for (String command : new String[] {"verify", "export", "statement", "prove",
        "check-receipt", "checkpoint", "key"}) {
      assertTrue(help.out().contains(command), command);
    }
    assertTrue(!help.out().contains("generate"), "generate is hidden");
    Cli.Run verifyHelp = Cli.run("verify", "--help");
    assertTrue(verifyHelp.out().contains("--checkpoint"), verifyHelp.out());
    assertTrue(Cli.run("--version").out().startsWith("ledger-audit "));
  }

  @Test
  void pathsThatAreNoJournalAreUsageErrors() throws IOException {
    Cli.Run missing = Cli.run("verify", tmp.resolve("nowhere"));
    assertEquals(Exit.USAGE, missing.exit());
    assertTrue(missing.err().contains("No such journal or export"), missing.err());

    Path empty = Files.createDirectory(tmp.resolve("empty"));
    Cli.Run notJournal = Cli.run("verify", empty);
    assertEquals(Exit.USAGE, notJournal.exit());
    assertTrue(notJournal.err().contains("no segment files"), notJournal.err());
    try (var files = Files.list(empty)) {
      assertEquals(0, files.count(), "verify creates nothing where there is no journal");
    }

    Path text = Files.writeString(tmp.resolve("notes.txt"), "hello\n");
    assertEquals(Exit.USAGE, Cli.run("verify", text).exit());
    assertEquals(Exit.USAGE, Cli.run("export", text).exit(), "export reads journals only");
  }

  @Test
  void badOptionValuesAreUsageErrors() throws IOException {
    Path journal = tmp.resolve("journal");
    Fixture.write(journal);
    assertEquals(Exit.USAGE, Cli.run("verify", journal, "--anchor", "12").exit());
    assertEquals(Exit.USAGE, Cli.run("verify", journal, "--anchor", "0:" + "00".repeat(32)).exit());
    assertEquals(Exit.USAGE, Cli.run("verify", journal, "--key", "not+a+key").exit());
    assertEquals(Exit.USAGE, Cli.run("verify", journal, "--checkpoint", tmp.resolve("none")).exit());
    Cli.Run keyWithoutCheckpoint = Cli.run("verify", journal, "--key",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    assertEquals(Exit.USAGE, keyWithoutCheckpoint.exit());
    assertTrue(keyWithoutCheckpoint.err().contains("need --checkpoint"),
        keyWithoutCheckpoint.err());
    assertEquals(Exit.USAGE, Cli.run("check-receipt", tmp.resolve("r.txt")).exit(), "no --key");
  }

  @Test
  void aMalformedCheckpointFileIsAnIntegrityFailure() throws IOException {
    Path journal = tmp.resolve("journal");
    Fixture.write(journal);
    Path cp = Files.writeString(tmp.resolve("cp"), "not a note\n");

    Cli.Run run = Cli.run("verify", journal, "--checkpoint", cp, "--key",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "--json");

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), run.toString());
    assertEquals("CHECKPOINT_MALFORMED", run.json().get("failure").get("problem").asText());
    assertEquals(Exit.INTEGRITY_FAILURE, Cli.run("checkpoint", "show", cp).exit());
  }
}
