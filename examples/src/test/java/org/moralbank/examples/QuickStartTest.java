package org.moralbank.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.store.InMemoryStore;

class QuickStartTest {
  @Test
  void quickStart_creditsTwoHours() throws IOException {
    assertEquals(120, QuickStart.run(new InMemoryStore()));
  }

  /** README quotes the sample between the README markers verbatim. */
  @Test
  void readme_quotesTheCompiledSample() throws IOException {
    String source = Files.readString(
        Path.of("src/main/java/org/moralbank/examples/QuickStart.java"), StandardCharsets.UTF_8);
    String sample = source.substring(
        source.indexOf('\n', source.indexOf("// README:begin")) + 1, source.indexOf("    // README:end"));
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    StringBuilder unindented = new StringBuilder();
    for (String line : sample.split("\n", -1)) {
      unindented.append(line.length() >= 4 ? line.substring(4) : line.strip()).append('\n');
    }
    String expected = unindented.toString().stripTrailing();
    assertTrue(readme.contains(expected), "README.md must quote QuickStart.java:\n" + expected);
  }
}
