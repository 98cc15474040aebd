package org.moralbank.ledger.proof;

import java.util.ArrayList;
import java.util.List;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;

/**
 * The definitions of RFC 9162 section 2.1 written as literally as possible (recursion over
 * lists), as an oracle for the production code, which shares nothing with it.
 */
final class ReferenceMerkle {
  private final HashAlgorithm algorithm;

  ReferenceMerkle(HashAlgorithm algorithm) {
    this.algorithm = algorithm;
  }

  /** MTH(D[n]). */
  Hash mth(List<Hash> leaves) {
    if (leaves.isEmpty()) {
      return algorithm.digest(new byte[0]);
    }
    if (leaves.size() == 1) {
      return leaves.get(0);
    }
    int k = k(leaves.size());
    return algorithm.nodeHash(mth(leaves.subList(0, k)), mth(leaves.subList(k, leaves.size())));
  }

  /** PATH(m, D[n]). */
  List<Hash> path(int m, List<Hash> leaves) {
    List<Hash> out = new ArrayList<>();
    if (leaves.size() <= 1) {
      return out;
    }
    int k = k(leaves.size());
    if (m < k) {
      out.addAll(path(m, leaves.subList(0, k)));
      out.add(mth(leaves.subList(k, leaves.size())));
    } else {
      out.addAll(path(m - k, leaves.subList(k, leaves.size())));
      out.add(mth(leaves.subList(0, k)));
    }
    return out;
  }

  /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
  List<Hash> proof(int m, List<Hash> leaves) {
    return subproof(m, leaves, true);
  }

  private List<Hash> subproof(int m, List<Hash> leaves, boolean b) {
    List<Hash> out = new ArrayList<>();
    int n = leaves.size();
    if (m == n) {
      if (!b) {
        out.add(mth(leaves));
      }
      return out;
    }
    int k = k(n);
    if (m <= k) {
      out.addAll(subproof(m, leaves.subList(0, k), b));
      out.add(mth(leaves.subList(k, n)));
    } else {
      out.addAll(subproof(m - k, leaves.subList(k, n), false));
      out.add(mth(leaves.subList(0, k)));
    }
    return out;
  }

  /** The largest power of two smaller than n. */
  private static int k(int n) {
    int k = 1;
    while (k << 1 < n) {
      k <<= 1;
    }
    return k;
  }
}
