package org.moralbank.timebank;

/**
 * A domain rule refused a command. Thrown by the checks, before anything is written, and turned
 * into {@link Outcome.Rejected} at the API; never escapes to callers.
 */
final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final Reason reason;

  Refusal(Reason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  static void require(boolean ok, Reason reason, String detail) {
    if (!ok) {
      throw new Refusal(reason, detail);
    }
  }
}
