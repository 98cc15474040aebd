package org.moralbank.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  @TempDir Path tmp;

  @Test
  void generatesTheRecordsAskedForDeterministically() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Cli.Run run = Cli.run("generate", a, "--records", 3000, "--members", 20, "--segment-size",
        100_000);
    assertEquals(Exit.SOUND, run.exit(), run.toString());
    assertEquals(Exit.SOUND, Cli.run("generate", b, "--records", 3000, "--members", 20).exit());

    JsonNode va = Cli.run("verify", a, "--json").json();
    JsonNode vb = Cli.run("verify", b, "--json").json();
    assertTrue(va.get("sound").asBoolean(), va.toString());
    assertEquals(3000, va.get("records").asLong());
    assertEquals(va.get("root"), vb.get("root"), "same options, same records");
    assertTrue(VerifyCommandTest.segments(a).size() > 1);

    List<Map<String, String>> rows =
        StatementCommandTest.parse(Cli.run("statement", a, "--branch").out());
    assertEquals(21, rows.size());
    assertEquals(0, rows.stream().mapToLong(r -> Long.parseLong(r.get("balance_minutes"))).sum());
    assertTrue(rows.stream().anyMatch(r -> !r.get("debits_pending_minutes").equals("0")),
        "some transfers are still pending");
  }

  @Test
  void anSm3BankVerifiesExportsAndSignsWithSm2() throws IOException {
    Path dir = tmp.resolve("sm3");
    assertEquals(Exit.SOUND, Cli.run("generate", dir, "--records", 500, "--members", 10,
        "--algorithm", "sm3").exit());
    JsonNode v = Cli.run("verify", dir, "--json").json();
    assertEquals("SM3", v.get("algorithm").asText());
    assertTrue(v.get("sound").asBoolean(), v.toString());

    Path export = tmp.resolve("sm3.jsonl");
    assertEquals(Exit.SOUND, Cli.run("export", dir, "-o", export).exit());
    JsonNode fromExport = Cli.run("verify", export, "--json").json();
    assertEquals(v.get("root"), fromExport.get("root"));

    Path key = tmp.resolve("sm2.pem");
    Cli.Run generated = Cli.run("key", "generate", "--name", "bank.example/demo-bank/branch-1",
        "--type", "sm2", "-o", key);
    assertEquals(Exit.SOUND, generated.exit(), generated.toString());
    Path cp = tmp.resolve("cp");
    assertEquals(Exit.SOUND, Cli.run("checkpoint", "sign", dir, "--key-file", key, "--name",
        "bank.example/demo-bank/branch-1", "--type", "sm2", "-o", cp).exit());
    Cli.Run checked = Cli.run("verify", export, "--checkpoint", cp, "--key",
        generated.out().strip(), "--json");
    assertEquals(Exit.SOUND, checked.exit(), checked.toString());
    assertTrue(checked.json().get("checkpoint").get("rootMatches").asBoolean());
  }

  @Test
  void refusesADirectoryThatIsNotEmpty() throws IOException {
    Path dir = tmp.resolve("j");
    Fixture.write(dir);
    assertEquals(Exit.USAGE, Cli.run("generate", dir, "--records", 10).exit());
  }
}
