package org.moralbank.audit;

/**
 * The tool's exit codes, documented in docs/auditors-guide.md. Scripts rely on them: never
 * renumber.
 */
final class Exit {
  /** Every check passed. */
  static final int SOUND = 0;
  /** An integrity check failed: the journal, export, checkpoint, receipt or proof is not sound. */
  static final int INTEGRITY_FAILURE = 1;
  /** The command line was wrong (picocli's default for usage errors). */
  static final int USAGE = 2;
  /**
   * The check could not be made: an I/O error, a journal another process holds open, an
   * unreadable or unsuitable key file.
   */
  static final int CANNOT_CHECK = 3;

  private Exit() {}
}
