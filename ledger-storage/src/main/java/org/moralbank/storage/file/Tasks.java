package org.moralbank.storage.file;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work done on another thread (the snapshot read, segment scans) during an open. */
final class Tasks {
  private Tasks() {}

  /**
   * The value of {@code task}, its failure rethrown as it was thrown, so that damage found on
   * another thread reaches the caller as the same {@link JournalCorruptedException}.
   *
   * @param what what the task does, for the message if the wait is interrupted
   */
  static <T> T result(Future<T> task, String what) throws IOException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while " + what);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
    }
  }
}
