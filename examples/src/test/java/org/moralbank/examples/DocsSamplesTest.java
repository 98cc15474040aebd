package org.moralbank.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code java} code block in README.md and docs/ must stand, line for line (indentation
 * aside), in a Java source file that the build compiles, so that no sample in the docs can rot.
 */
class DocsSamplesTest {
  static final Path ROOT = Path.of("..");

  static List<String> normalised(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toList());
  }

  static List<List<String>> javaBlocks(Path markdown) throws IOException {
    List<List<String>> blocks = new ArrayList<>();
    List<String> current = null;
    for (String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
      if (current == null && line.strip().equals("```java")) {
        current = new ArrayList<>();
      } else if (current != null && line.strip().equals("```")) {
        blocks.add(normalised(String.join("\n", current)));
        current = null;
      } else if (current != null) {
        current.add(line);
      }
    }
    return blocks;
  }

  static boolean containsRun(List<String> haystack, List<String> needle) {
    outer:
    for (int i = 0; i + needle.size() <= haystack.size(); i++) {
      for (int j = 0; j < needle.size(); j++) {
        if (!haystack.get(i + j).equals(needle.get(j))) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Test
  void everyJavaSampleInTheDocs_isCompiledCode() throws IOException {
    List<Path> markdown = new ArrayList<>();
    markdown.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).forEach(markdown::add);
    }
    List<List<String>> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path p : (Iterable<Path>) files
          .filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/"))::iterator) {
        sources.add(normalised(Files.readString(p, StandardCharsets.UTF_8)));
      }
    }
    assertFalse(sources.isEmpty());
    int checked = 0;
    for (Path md : markdown) {
      for (List<String> block : javaBlocks(md)) {
        assertTrue(sources.stream().anyMatch(s -> containsRun(s, block)),
            md + " has a java sample that no compiled source contains:\n" + String.join("\n", block));
        checked++;
      }
    }
    assertTrue(checked >= 3, "found the samples of README.md and docs/: " + checked);
  }
}
