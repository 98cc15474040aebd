package org.moralbank.ledger.proof;

import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;

/**
 * Interior-node hashing between byte arrays, for the producers that keep hashes packed in arrays
 * rather than as {@link Hash} objects. Not thread-safe: one per owner.
 */
final class NodeHasher {
  private final HashAlgorithm algorithm;
  private final HashAlgorithm.Hasher hasher;
  private final byte[] input = new byte[1 + 2 * Hash.LENGTH];

  NodeHasher(HashAlgorithm algorithm) {
    this.algorithm = algorithm;
    this.hasher = algorithm.newHasher();
    input[0] = 0x01;
  }

  HashAlgorithm algorithm() {
    return algorithm;
  }

  /** Writes {@code H(0x01 || left || right)} to {@code out} at {@code outOffset}. */
  void node(byte[] left, int leftOffset, byte[] right, int rightOffset, byte[] out, int outOffset) {
    System.arraycopy(left, leftOffset, input, 1, Hash.LENGTH);
    System.arraycopy(right, rightOffset, input, 1 + Hash.LENGTH, Hash.LENGTH);
    hasher.digest(input, out, outOffset);
  }

  Hash node(Hash left, Hash right) {
    return hasher.nodeHash(left, right);
  }

  /** {@code MTH({}) = H()}, RFC 9162 section 2.1.1. */
  Hash emptyRoot() {
    return hasher.digest(new byte[0]);
  }
}
