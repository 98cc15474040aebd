package org.moralbank.ledger.proof;

/** Bytes that are not a {@link MerkleFrontier} of a known format version. */
public final class MalformedFrontierException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MalformedFrontierException(String message) {
    super(message);
  }
}
