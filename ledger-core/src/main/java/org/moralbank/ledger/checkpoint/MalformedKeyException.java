package org.moralbank.ledger.checkpoint;

/**
 * A verifier key string, a PEM document or a key of the wrong algorithm that cannot be used as
 * asked. The message never contains key material.
 */
public final class MalformedKeyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A key that cannot be used as asked.
   *
   * @param message what is wrong, without key material
   */
  public MalformedKeyException(String message) {
    super(message);
  }
}
