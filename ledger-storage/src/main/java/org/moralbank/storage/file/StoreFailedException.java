package org.moralbank.storage.file;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An earlier write or sync of this store failed, so it refuses to append until it is closed and
 * opened again: after a failed {@code fsync} the file's state is unknown, and only recovery from
 * disk can say which bytes are durable. The cause is the first failure.
 */
public final class StoreFailedException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * A store that refuses appends.
   *
   * @param directory the journal's directory
   * @param cause the first failed write or sync
   */
  public StoreFailedException(Path directory, Throwable cause) {
    super("journal " + directory + " refuses appends after a failed write; reopen it to recover",
        cause);
  }
}
