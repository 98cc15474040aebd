package org.moralbank.ledger.checkpoint;

import java.util.Objects;
import org.moralbank.ledger.HashAlgorithm;

/**
 * A log that a {@link Witness} follows: its origin, the key that signs its checkpoints and the
 * hash function of its tree.
 */
public record WitnessedLog(String origin, VerifierKey logKey, HashAlgorithm algorithm) {
  /**
   * Checks that the origin is one line and that the log key is not a cosignature key.
   *
   * @param origin the log's identity
   * @param logKey the key that signs its checkpoints
   * @param algorithm the hash function of its tree
   */
  public WitnessedLog {
    Objects.requireNonNull(origin, "origin == null");
    NoteText.checkLine(origin, "the origin");
    Objects.requireNonNull(logKey, "logKey == null");
    Objects.requireNonNull(algorithm, "algorithm == null");
    if (logKey.type() == SignatureType.COSIGNATURE_V1) {
      throw new IllegalArgumentException("a log key is not a cosignature key: " + logKey.name());
    }
  }
}
