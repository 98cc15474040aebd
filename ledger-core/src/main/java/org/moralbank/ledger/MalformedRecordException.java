package org.moralbank.ledger;

/** Record bytes that do not decode as exactly one well-formed record of the journal format. */
public final class MalformedRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Bytes that are not a record.
   *
   * @param message what is wrong with them
   */
  public MalformedRecordException(String message) {
    super(message);
  }

  /**
   * Bytes that are not a record, found through {@code cause}.
   *
   * @param message what is wrong with them
   * @param cause the underlying failure
   */
  public MalformedRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
