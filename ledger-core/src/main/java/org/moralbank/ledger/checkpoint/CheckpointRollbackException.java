package org.moralbank.ledger.checkpoint;

/**
 * A checkpoint of a smaller tree than one already signed or cosigned for the same log: the log
 * would be going back in time. Nothing was signed.
 */
public final class CheckpointRollbackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long signedSize;
  private final long offeredSize;

  public CheckpointRollbackException(String origin, long signedSize, long offeredSize) {
    super("a checkpoint of " + origin + " at size " + signedSize + " was signed; refusing size "
        + offeredSize);
    this.signedSize = signedSize;
    this.offeredSize = offeredSize;
  }

  /** The size already signed. */
  public long signedSize() {
    return signedSize;
  }

  /** The smaller size that was refused. */
  public long offeredSize() {
    return offeredSize;
  }
}
