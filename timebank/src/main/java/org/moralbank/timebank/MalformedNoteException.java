package org.moralbank.timebank;

/**
 * A journal holds a time-bank note (kinds 0x0100 to 0x01FF) whose payload is not a canonical
 * payload of its kind and version (docs/timebank.md). Opening the bank fails rather than guess:
 * the journal was written by a newer version of this library, or altered.
 */
public final class MalformedNoteException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * A note this version cannot read.
   *
   * @param message which journal and record, and what is wrong
   * @param cause the decoding failure
   */
  public MalformedNoteException(String message, Throwable cause) {
    super(message, cause);
  }
}
