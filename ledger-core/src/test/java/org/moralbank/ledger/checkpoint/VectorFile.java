package org.moralbank.ledger.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The block format of docs/test-vectors/*.txt: blocks separated by empty lines; each line is a
 * key, optionally a space and a value; keys may repeat; lines starting with '#' are comments.
 */
final class VectorFile {
  record Entry(String key, String value) {}

  /** One vector: its lines in order. */
  static final class Block {
    final List<Entry> entries = new ArrayList<>();

    Block put(String key, Object value) {
      entries.add(new Entry(key, String.valueOf(value)));
      return this;
    }

    Block putAll(String key, List<?> values) {
      for (Object v : values) {
        put(key, v);
      }
      return this;
    }

    String get(String key) {
      List<String> all = all(key);
      if (all.size() != 1) {
        throw new IllegalStateException("expected one " + key + " in " + entries);
      }
      return all.get(0);
    }

    boolean has(String key) {
      return !all(key).isEmpty();
    }

    List<String> all(String key) {
      List<String> out = new ArrayList<>();
      for (Entry e : entries) {
        if (e.key().equals(key)) {
          out.add(e.value());
        }
      }
      return out;
    }

    String name() {
      return get("name");
    }
  }

  private VectorFile() {}

  static List<Block> read(Path file) throws IOException {
    List<Block> blocks = new ArrayList<>();
    Block current = null;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("#")) {
        continue;
      }
      if (line.isEmpty()) {
        current = null;
        continue;
      }
      if (current == null) {
        current = new Block();
        blocks.add(current);
      }
      int space = line.indexOf(' ');
      current.entries.add(space < 0
          ? new Entry(line, "")
          : new Entry(line.substring(0, space), line.substring(space + 1)));
    }
    return blocks;
  }

  static void write(Path file, String header, List<Block> blocks) throws IOException {
    StringBuilder out = new StringBuilder();
    for (String line : header.split("\n")) {
      out.append("# ").append(line).append('\n');
    }
    for (Block b : blocks) {
      out.append('\n');
      for (Entry e : b.entries) {
        out.append(e.key());
        if (!e.value().isEmpty()) {
          out.append(' ').append(e.value());
        }
        out.append('\n');
      }
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
  }

  static Map<String, Block> byName(List<Block> blocks) {
    Map<String, Block> out = new java.util.LinkedHashMap<>();
    for (Block b : blocks) {
      out.put(b.name(), b);
    }
    return out;
  }
}
