package org.moralbank.ledger.checkpoint;

/**
 * A checkpoint that cannot extend the one signed or cosigned before it: same size with another
 * root (a fork), a consistency proof that fails or starts from the wrong size, or no proof where
 * one is needed. Nothing was signed.
 */
public final class InconsistentCheckpointException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A refused checkpoint.
   *
   * @param message what did not fit
   */
  public InconsistentCheckpointException(String message) {
    super(message);
  }

  /**
   * A refused checkpoint, found through {@code cause}.
   *
   * @param message what did not fit
   * @param cause the failed proof
   */
  public InconsistentCheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
