package org.moralbank.timebank;

/** {@link TimeBank#branch} was asked for a branch id the bank never opened. */
public final class UnknownBranchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * A branch id the bank never opened.
   *
   * @param branch the id asked for
   */
  public UnknownBranchException(String branch) {
    super("no branch " + branch);
  }
}
