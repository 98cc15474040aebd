package org.moralbank.ledger.store;

import java.io.IOException;

/**
 * Another writer appended to a shared store first: this writer's view is stale. Nothing of the
 * refused batch was written. The engine refreshes, replays what it missed and retries its
 * commands.
 */
public final class AppendConflictException extends IOException {
  private static final long serialVersionUID = 1L;

  public AppendConflictException(String message) {
    super(message);
  }

  public AppendConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
