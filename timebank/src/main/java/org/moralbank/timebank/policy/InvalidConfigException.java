package org.moralbank.timebank.policy;

/**
 * A configuration file could not be turned into a {@link BankConfig}: it is not JSON or YAML, a
 * field is unknown or missing, or a value is out of range. The message names the field's path,
 * for example {@code policies[1].gifts.yearlyCap}.
 */
public final class InvalidConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  /** Where in the document the problem is. */
  private final String path;

  /**
   * A configuration that could not be read.
   *
   * @param path where in the document the problem is
   * @param message what is wrong there
   * @param cause the parser's or the model's exception, or null
   */
  public InvalidConfigException(String path, String message, Throwable cause) {
    super(path + ": " + message, cause);
    this.path = path;
  }

  /**
   * {@return where in the document the problem is, for example {@code policies[1].gifts}; {@code
   * (document)} for the whole}
   */
  public String path() {
    return path;
  }
}
