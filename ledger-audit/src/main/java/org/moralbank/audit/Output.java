package org.moralbank.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a command writes its product: standard output, or a file that appears only once the
 * command succeeded (written beside it under a temporary name, then renamed), so that a failed
 * check never leaves a file that looks complete.
 */
final class Output implements Closeable {
  private final Path target;
  private final Path temporary;
  private final Writer writer;
  private boolean committed;

  private Output(Path target, Path temporary, Writer writer) {
    this.target = target;
    this.temporary = temporary;
    this.writer = writer;
  }

  /** @param file the file to write, or null for {@code stdout} */
  static Output open(Path file, PrintWriter stdout) throws IOException {
    if (file == null) {
      return new Output(null, null, stdout);
    }
    Path absolute = file.toAbsolutePath();
    Path temporary = absolute.resolveSibling(absolute.getFileName() + ".partial");
    return new Output(absolute, temporary,
        Files.newBufferedWriter(temporary, StandardCharsets.UTF_8));
  }

  Writer writer() {
    return writer;
  }

  /** Makes the output final: flushes standard output, or moves the file into place. */
  void commit() throws IOException {
    writer.flush();
    if (target != null) {
      writer.close();
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }
    committed = true;
  }

  /** Deletes the temporary file of an output that was not committed. */
  @Override
  public void close() throws IOException {
    if (target == null) {
      writer.flush();
    } else if (!committed) {
      writer.close();
      Files.deleteIfExists(temporary);
    }
  }
}
