package org.moralbank.ledger.checkpoint;

/**
 * Text that is not a well-formed signed note (C2SP signed-note) or checkpoint body (C2SP
 * tlog-checkpoint): bad UTF-8, a control character, a missing newline, a malformed signature
 * line, size or root hash. The message says which rule was broken; parsing changed nothing.
 */
public final class MalformedNoteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Text that is not a note or checkpoint.
   *
   * @param message the rule that was broken
   */
  public MalformedNoteException(String message) {
    super(message);
  }
}
