package org.moralbank.ledger;

/** Record bytes that do not decode as exactly one well-formed record of the journal format. */
public final class MalformedRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedRecordException(String message) {
    super(message);
  }

  public MalformedRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
