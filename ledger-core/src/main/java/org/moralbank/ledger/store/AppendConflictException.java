package org.moralbank.ledger.store;

import java.io.IOException;

/**
 * Another writer appended to a shared store first: this writer's view is stale. Nothing of the
 * refused batch was written. The engine refreshes, replays what it missed and retries its
 * commands.
 */
public final class AppendConflictException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * A lost race.
   *
   * @param message which writer's view was stale
   */
  public AppendConflictException(String message) {
    super(message);
  }

  /**
   * A lost race, found through {@code cause} (a unique-key violation, for instance).
   *
   * @param message which writer's view was stale
   * @param cause the underlying failure
   */
  public AppendConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
