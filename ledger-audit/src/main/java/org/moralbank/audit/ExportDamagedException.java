package org.moralbank.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A line of an export that is not what the export format says: not JSON, a missing field, a view
 * that does not match the record's bytes, a header that does not match the journal, an export
 * cut short. Carries the file, line and byte offset.
 */
final class ExportDamagedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long line;
  private final long offset;
  private final long sequence;
  private final String problem;
  private final String detail;

  ExportDamagedException(
      Path file, long line, long offset, long sequence, String problem, String detail) {
    super(file + " line " + line + " (byte offset " + offset + ", record " + sequence + "): "
        + problem + ": " + detail);
    this.file = Objects.requireNonNull(file, "file == null");
    this.line = line;
    this.offset = offset;
    this.sequence = sequence;
    this.problem = Objects.requireNonNull(problem, "problem == null");
    this.detail = Objects.requireNonNull(detail, "detail == null");
  }

  Failure toFailure(String branch) {
    return new Failure(branch, sequence, problem, detail, file, offset, line);
  }

  long sequence() {
    return sequence;
  }
}
