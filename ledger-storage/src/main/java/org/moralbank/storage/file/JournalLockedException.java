package org.moralbank.storage.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The journal directory is already open, by another process or in this one: a journal has one
 * writer, so a second open is refused rather than sharing it. Close the other store first.
 */
public final class JournalLockedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path directory;

  public JournalLockedException(Path directory, String holder) {
    super("journal " + directory + " is already open " + holder);
    this.directory = Objects.requireNonNull(directory, "directory == null");
  }

  public Path directory() {
    return directory;
  }
}
