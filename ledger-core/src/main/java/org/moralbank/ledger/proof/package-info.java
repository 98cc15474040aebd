/**
 * RFC 6962 / RFC 9162 Merkle trees over the records of a branch journal, and the proofs they
 * give.
 *
 * <pre>
 *                         root = MTH(D[0:7])
 *                        /                  \
 *              MTH(D[0:4])                   MTH(D[4:7])
 *              /        \                    /         \
 *        MTH(D[0:2])  MTH(D[2:4])      MTH(D[4:6])     leaf 6
 *         /    \        /    \          /     \
 *      leaf0 leaf1  leaf2 leaf3     leaf4   leaf5
 * </pre>
 *
 * <p>A leaf is {@code H(0x00 || record)}, an interior node {@code H(0x01 || left || right)}, the
 * root of the empty tree {@code H()} (RFC 9162 section 2.1.1). The tree of {@code n} leaves is
 * split at the largest power of two smaller than {@code n}, so every tree is a sequence of
 * complete subtrees, largest first: here 4 + 2 + 1.
 *
 * <ul>
 *   <li>{@link org.moralbank.ledger.proof.MerkleFrontier} keeps only those complete subtrees (the
 *       right frontier, one hash per set bit of the size): O(log n) memory, O(1) amortised
 *       hashing per appended leaf, and the root at any time. A branch journal keeps one.
 *   <li>{@link org.moralbank.ledger.proof.MerkleTree} keeps every level, so that it can prove
 *       inclusion and consistency at any earlier size in O(log n) hashes.
 *   <li>{@link org.moralbank.ledger.proof.ProofVerifier} checks proofs with the algorithms of RFC
 *       9162 sections 2.1.3.2 and 2.1.4.2 and shares no code path with the producer other than
 *       the hash function.
 * </ul>
 *
 * <p>The exact formats are specified in {@code docs/proofs-and-checkpoints.md}.
 */
package org.moralbank.ledger.proof;
