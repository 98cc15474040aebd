package org.moralbank.ledger.proof;

/** Bytes that are not a {@link MerkleFrontier} of a known format version. */
public final class MalformedFrontierException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Bytes that are not a frontier.
   *
   * @param message what is wrong with them
   */
  public MalformedFrontierException(String message) {
    super(message);
  }
}
