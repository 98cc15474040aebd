package org.moralbank.ledger.checkpoint;

import java.util.Set;

/**
 * What a receipt verifier trusts: the keys that may sign a log's checkpoints, the witnesses'
 * keys, and how many distinct witnesses must have cosigned.
 *
 * @param logKeys keys of the logs (branch journals) whose checkpoints are accepted; at least one
 * @param witnessKeys keys of the witnesses (street offices), usually {@link
 *     SignatureType#COSIGNATURE_V1}
 * @param witnessQuorum how many of {@code witnessKeys} must have cosigned, 0 to all
 */
public record TrustedKeys(Set<VerifierKey> logKeys, Set<VerifierKey> witnessKeys, int witnessQuorum) {
  /**
   * Copies the sets; at least one log key, and a quorum no larger than the witnesses.
   *
   * @param logKeys keys of the logs whose checkpoints are accepted
   * @param witnessKeys keys of the witnesses
   * @param witnessQuorum how many of {@code witnessKeys} must have cosigned
   */
  public TrustedKeys {
    logKeys = Set.copyOf(logKeys);
    witnessKeys = Set.copyOf(witnessKeys);
    if (logKeys.isEmpty()) {
      throw new IllegalArgumentException("at least one log key is trusted");
    }
    for (VerifierKey k : logKeys) {
      if (k.type() == SignatureType.COSIGNATURE_V1) {
        throw new IllegalArgumentException("a cosignature key is not a log key: " + k.name());
      }
    }
    if (witnessQuorum < 0 || witnessQuorum > witnessKeys.size()) {
      throw new IllegalArgumentException(
          "the witness quorum is 0 to " + witnessKeys.size() + ", not " + witnessQuorum);
    }
  }

  /**
   * Trust one log key and no witness.
   *
   * @param logKey the log's key
   * @return the trust
   */
  public static TrustedKeys log(VerifierKey logKey) {
    return new TrustedKeys(Set.of(logKey), Set.of(), 0);
  }
}
