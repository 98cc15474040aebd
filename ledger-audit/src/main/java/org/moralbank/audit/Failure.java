package org.moralbank.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The first thing found wrong, located as precisely as its source allows: always the branch (or
 * "unknown" before its genesis record is read) and the record's sequence; the file and byte
 * offset where the damage is in a file; the line of an export.
 *
 * @param branch {@code bank/branch} as named by the genesis record or an export's header
 * @param sequence the first record that is not sound
 * @param problem an {@link org.moralbank.ledger.IntegrityProblem} name, or one of the tool's own
 *     problems (docs/auditors-guide.md lists them all)
 * @param file the file where the record is, or null
 * @param offset the byte offset in {@code file}, or -1
 * @param line the 1-based line of an export, or -1
 */
record Failure(
    String branch, long sequence, String problem, String detail, Path file, long offset, long line) {
  static final String UNKNOWN_BRANCH = "unknown";

  Failure {
    Objects.requireNonNull(branch, "branch == null");
    Objects.requireNonNull(problem, "problem == null");
    Objects.requireNonNull(detail, "detail == null");
  }

  Failure(String branch, long sequence, String problem, String detail) {
    this(branch, sequence, problem, detail, null, -1, -1);
  }

  /** One line for people: where, what, why. */
  String describe() {
    StringBuilder s = new StringBuilder()
        .append("branch ").append(branch)
        .append(", record ").append(sequence)
        .append(": ").append(problem)
        .append(": ").append(detail);
    if (file != null) {
      s.append(" [file ").append(file);
      if (line >= 0) {
        s.append(", line ").append(line);
      }
      if (offset >= 0) {
        s.append(", byte offset ").append(offset);
      }
      s.append(']');
    }
    return s.toString();
  }

  ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("branch", branch);
    o.put("sequence", sequence);
    o.put("problem", problem);
    o.put("detail", detail);
    if (file != null) {
      o.put("file", file.toString());
    } else {
      o.putNull("file");
    }
    if (offset >= 0) {
      o.put("offset", offset);
    } else {
      o.putNull("offset");
    }
    if (line >= 0) {
      o.put("line", line);
    }
    return o;
  }
}
