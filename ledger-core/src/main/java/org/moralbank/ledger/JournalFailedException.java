package org.moralbank.ledger;

/**
 * The branch journal stopped accepting commands because a write to its store failed (a failed
 * sync, a full disk) or it was closed. Like PostgreSQL after a failed fsync it fails stop rather
 * than guess what reached the disk: every acknowledged command is durable, the commands of the
 * failed batch were not acknowledged, and reopening the journal recovers.
 */
public final class JournalFailedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * A stopped journal.
   *
   * @param message which journal, and why
   * @param cause the failed write, or null when the journal was closed
   */
  public JournalFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
