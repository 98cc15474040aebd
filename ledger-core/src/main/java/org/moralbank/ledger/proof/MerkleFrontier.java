package org.moralbank.ledger.proof;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;

/**
 * The right frontier of an append-only Merkle tree (a "compact range" from leaf 0): the roots of
 * the complete subtrees that make up a tree of {@code size} leaves, one per set bit of {@code
 * size}, largest first. That is all it takes to append the next leaf and to compute the RFC 6962
 * root, so a branch journal keeps one and never rescans its records.
 *
 * <p>Appending costs one leaf copy and, amortised, one node hash; {@link #root()} costs at most
 * {@code bitCount(size) - 1} node hashes and is cached until the next append. At most 63 hashes
 * are kept (2 KiB).
 *
 * <p>Not thread-safe: it belongs to the thread that appends (the branch writer). Publish {@link
 * #head()} to other threads, or hand them a {@link #copy()}.
 *
 * <p>{@link #toBytes()} is a versioned encoding for snapshots, specified in {@code
 * docs/proofs-and-checkpoints.md}: {@code version (1 byte) = 1 || hash algorithm code (1 byte)
 * || size (8 bytes, big-endian) || bitCount(size) hashes of 32 bytes, largest subtree first}.
 */
public final class MerkleFrontier {
  /** The version byte of {@link #toBytes()}. */
  public static final int FORMAT_VERSION = 1;

  private static final int HEADER = 1 + 1 + Long.BYTES;

  private final NodeHasher hasher;
  /** nodes[i * 32 .. i * 32 + 32) is the root of the i-th complete subtree, largest first. */
  private final byte[] nodes;

  private int count;
  private long size;
  private Hash root;

  private MerkleFrontier(HashAlgorithm algorithm, long size, byte[] nodes) {
    this.hasher = new NodeHasher(algorithm);
    this.size = size;
    this.nodes = nodes;
    this.count = Long.bitCount(size);
  }

  /**
   * {@return the frontier of the empty tree}
   *
   * @param algorithm the hash algorithm of the leaves and nodes
   */
  public static MerkleFrontier empty(HashAlgorithm algorithm) {
    Objects.requireNonNull(algorithm, "algorithm == null");
    return new MerkleFrontier(algorithm, 0, new byte[Long.SIZE * Hash.LENGTH]);
  }

  /** Package-private: {@link MerkleTree} hands over the subtree roots it already stores. */
  static MerkleFrontier of(HashAlgorithm algorithm, long size, List<Hash> subtreeRoots) {
    byte[] nodes = new byte[Long.SIZE * Hash.LENGTH];
    for (int i = 0; i < subtreeRoots.size(); i++) {
      subtreeRoots.get(i).copyTo(nodes, i * Hash.LENGTH);
    }
    return new MerkleFrontier(algorithm, size, nodes);
  }

  /** {@return the hash algorithm of the leaves and nodes} */
  public HashAlgorithm algorithm() {
    return hasher.algorithm();
  }

  /** {@return the number of leaves appended} */
  public long size() {
    return size;
  }

  /**
   * Appends the leaf hash {@code H(0x00 || record)} of the next record.
   *
   * @param leafHash the next record's leaf hash
   * @throws IllegalStateException if the tree already has 2^63 - 1 leaves
   */
  public void append(Hash leafHash) {
    Objects.requireNonNull(leafHash, "leafHash == null");
    if (size == Long.MAX_VALUE) {
      throw new IllegalStateException("a frontier holds at most 2^63 - 1 leaves");
    }
    leafHash.copyTo(nodes, count * Hash.LENGTH);
    count++;
    // Each trailing one bit of the old size is a complete subtree of the new leaf's size to its
    // left: merge them, as binary addition carries.
    for (long s = size; (s & 1) == 1; s >>>= 1) {
      int right = (count - 1) * Hash.LENGTH;
      int left = right - Hash.LENGTH;
      hasher.node(nodes, left, nodes, right, nodes, left);
      count--;
    }
    size++;
    root = null;
  }

  /**
   * {@return the RFC 6962 root of the tree of {@link #size()} leaves; {@code H()} for the empty
   * tree}
   */
  public Hash root() {
    if (root == null) {
      if (count == 0) {
        root = hasher.emptyRoot();
      } else {
        Hash r = Hash.of(nodes, (count - 1) * Hash.LENGTH);
        for (int i = count - 2; i >= 0; i--) {
          r = hasher.node(Hash.of(nodes, i * Hash.LENGTH), r);
        }
        root = r;
      }
    }
    return root;
  }

  /** {@return the size and root, an immutable value to publish to other threads} */
  public TreeHead head() {
    return new TreeHead(size, root());
  }

  /**
   * The roots of the complete subtrees, largest first: subtree {@code i} covers the leaves
   * after those of subtrees {@code 0..i-1}, and its size is the i-th highest set bit of {@link
   * #size()}.
   *
   * @return the subtree roots
   */
  public List<Hash> subtreeRoots() {
    List<Hash> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(Hash.of(nodes, i * Hash.LENGTH));
    }
    return out;
  }

  /** {@return an independent frontier in the same state} */
  public MerkleFrontier copy() {
    MerkleFrontier c = new MerkleFrontier(algorithm(), size, nodes.clone());
    c.root = root;
    return c;
  }

  /** {@return the format-version-1 encoding described in the class comment} */
  public byte[] toBytes() {
    ByteBuffer out = ByteBuffer.allocate(HEADER + count * Hash.LENGTH);
    out.put((byte) FORMAT_VERSION);
    out.put((byte) algorithm().code());
    out.putLong(size);
    out.put(nodes, 0, count * Hash.LENGTH);
    return out.array();
  }

  /**
   * Decodes {@link #toBytes()}.
   *
   * @param bytes the encoding
   * @return the frontier
   * @throws MalformedFrontierException unless {@code bytes} is exactly one frontier of a known
   *     version and hash algorithm
   */
  public static MerkleFrontier fromBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes == null");
    if (bytes.length < HEADER) {
      throw new MalformedFrontierException("a frontier has at least " + HEADER + " bytes, not " + bytes.length);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    int version = in.get() & 0xFF;
    if (version != FORMAT_VERSION) {
      throw new MalformedFrontierException("unknown frontier format version " + version);
    }
    int code = in.get() & 0xFF;
    HashAlgorithm algorithm;
    try {
      algorithm = HashAlgorithm.fromCode(code);
    } catch (IllegalArgumentException e) {
      throw new MalformedFrontierException("unknown hash algorithm code " + code);
    }
    long size = in.getLong();
    if (size < 0) {
      throw new MalformedFrontierException("negative tree size " + size);
    }
    int expected = HEADER + Long.bitCount(size) * Hash.LENGTH;
    if (bytes.length != expected) {
      throw new MalformedFrontierException(
          "a frontier of size " + size + " has " + expected + " bytes, not " + bytes.length);
    }
    byte[] nodes = new byte[Long.SIZE * Hash.LENGTH];
    in.get(nodes, 0, bytes.length - HEADER);
    return new MerkleFrontier(algorithm, size, nodes);
  }

  @Override
  public String toString() {
    return "MerkleFrontier[" + algorithm().displayName() + ", size=" + size + "]";
  }
}
