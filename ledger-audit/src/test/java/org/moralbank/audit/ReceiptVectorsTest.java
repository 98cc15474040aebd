package org.moralbank.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code check-receipt} against the receipt test vectors of docs/proofs-and-checkpoints.md
 * (docs/test-vectors/receipts.txt): the tool gives every vector's verdict.
 */
class ReceiptVectorsTest {
  static final Path VECTORS = Path.of("../docs/test-vectors");

  @Test
  void everyReceiptVectorGetsItsVerdict() throws IOException {
    List<Map<String, List<String>>> blocks = blocks(VECTORS.resolve("receipts.txt"));
    assertTrue(blocks.size() >= 10, "the vectors are there: " + blocks.size());
    for (Map<String, List<String>> b : blocks) {
      List<Object> args = new ArrayList<>(List.of("check-receipt",
          VECTORS.resolve(b.get("file").get(0)), "--json", "--key", b.get("log-key").get(0)));
      for (String w : b.getOrDefault("witness-key", List.of())) {
        args.add("--witness");
        args.add(w);
      }
      args.add("--quorum");
      args.add(b.get("witness-quorum").get(0));
      Cli.Run run = Cli.run(args.toArray());
      String name = b.get("name").get(0);
      String expect = b.get("expect").get(0);
      JsonNode j = run.json();
      if (expect.equals("ok")) {
        assertEquals(Exit.SOUND, run.exit(), name + ": " + run);
        assertEquals(Long.parseLong(b.get("record-sequence").get(0)), j.get("sequence").asLong(), name);
        assertEquals(Long.parseLong(b.get("checkpoint-size").get(0)), j.get("treeSize").asLong(), name);
      } else {
        assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), name + ": " + run);
        assertEquals(expect, j.get("problem").asText(), name);
      }
    }
  }

  /** Blocks of "key value" lines separated by empty lines; # starts a comment. */
  static List<Map<String, List<String>>> blocks(Path file) throws IOException {
    List<Map<String, List<String>>> blocks = new ArrayList<>();
    Map<String, List<String>> block = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("#")) {
        continue;
      }
      if (line.isBlank()) {
        if (!block.isEmpty()) {
          blocks.add(block);
          block = new LinkedHashMap<>();
        }
        continue;
      }
      int space = line.indexOf(' ');
      block.computeIfAbsent(line.substring(0, space), k -> new ArrayList<>())
          .add(line.substring(space + 1));
    }
    if (!block.isEmpty()) {
      blocks.add(block);
    }
    return blocks;
  }
}
