package org.moralbank.ledger.checkpoint;

/**
 * A checkpoint of a smaller tree than one already signed or cosigned for the same log: the log
 * would be going back in time. Nothing was signed.
 */
public final class CheckpointRollbackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The size already signed. */
  private final long signedSize;
  /** The smaller size that was refused. */
  private final long offeredSize;

  /**
   * The refusal of a smaller tree for a log.
   *
   * @param origin the log
   * @param signedSize the size already signed
   * @param offeredSize the smaller size that was refused
   */
  public CheckpointRollbackException(String origin, long signedSize, long offeredSize) {
    super("a checkpoint of " + origin + " at size " + signedSize + " was signed; refusing size "
        + offeredSize);
    this.signedSize = signedSize;
    this.offeredSize = offeredSize;
  }

  /** {@return the size already signed} */
  public long signedSize() {
    return signedSize;
  }

  /** {@return the smaller size that was refused} */
  public long offeredSize() {
    return offeredSize;
  }
}
