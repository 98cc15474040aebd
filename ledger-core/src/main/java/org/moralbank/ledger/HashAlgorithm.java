package org.moralbank.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * The hash function of a bank, chosen once when its branches are created and recorded in every
 * branch's genesis record.
 *
 * <p>Hashing follows RFC 6962 section 2.1 with domain separation: a leaf (a journal record) is
 * {@code H(0x00 || record)}, an interior node {@code H(0x01 || left || right)}, so that a leaf
 * can never be passed off as a node.
 */
public enum HashAlgorithm {
  /** SHA-256 through the JDK, which uses the CPU's SHA instructions where it has them. */
  SHA_256(1, "SHA-256"),
  /** SM3 (GB/T 32905-2016) through Bouncy Castle, for banks bound to Chinese commercial crypto. */
  SM3(2, "SM3");

  private final int code;
  private final String displayName;

  HashAlgorithm(int code, String displayName) {
    this.code = code;
    this.displayName = displayName;
  }

  /** {@return the byte that names this algorithm in the journal format} */
  public int code() {
    return code;
  }

  /** {@return the algorithm's name in texts, such as receipts and the audit tool's output} */
  public String displayName() {
    return displayName;
  }

  /**
   * The algorithm a journal's code byte names.
   *
   * @param code the byte of the journal format
   * @return the algorithm
   * @throws IllegalArgumentException for an unknown code
   */
  public static HashAlgorithm fromCode(int code) {
    for (HashAlgorithm a : values()) {
      if (a.code == code) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown hash algorithm code " + code);
  }

  /** {@return a new, reusable, single-threaded hasher} */
  public Hasher newHasher() {
    return switch (this) {
      case SHA_256 -> new JdkHasher();
      case SM3 -> new Sm3Hasher();
    };
  }

  /**
   * {@return the plain digest of {@code data}, without domain separation (for known-answer tests)}
   *
   * @param data the bytes to digest
   */
  public Hash digest(byte[] data) {
    return newHasher().digest(data);
  }

  /**
   * {@return the leaf hash {@code H(0x00 || record)}}
   *
   * @param record the record's canonical bytes
   */
  public Hash leafHash(byte[] record) {
    return newHasher().leafHash(record);
  }

  /**
   * {@return the node hash {@code H(0x01 || left || right)}}
   *
   * @param left the left child
   * @param right the right child
   */
  public Hash nodeHash(Hash left, Hash right) {
    return newHasher().nodeHash(left, right);
  }

  /**
   * A digest instance that is reused for many records; not thread-safe, so every thread (the
   * branch writer, a verifier) keeps its own.
   */
  public abstract static sealed class Hasher permits JdkHasher, Sm3Hasher {
    private final byte[] nodeBuffer = new byte[1 + 2 * Hash.LENGTH];
    /** Where each digest is finished, so that a hash is one object and no array. */
    private final byte[] out = new byte[Hash.LENGTH];

    Hasher() {}

    abstract void update(byte b);

    abstract void update(byte[] data, int offset, int length);

    /** Finishes the digest into {@code out[at, at + 32)} and resets for the next. */
    abstract void finish(byte[] out, int at);

    private Hash finish() {
      finish(out, 0);
      return Hash.of(out, 0);
    }

    /**
     * Writes the plain digest of {@code data} into an array, without domain separation and
     * without a {@link Hash} object: a Merkle frontier hashes a node per record appended and
     * keeps only the bytes.
     *
     * @param data the bytes to digest
     * @param out where the {@value Hash#LENGTH}-byte digest goes
     * @param at where in {@code out} it starts
     * @throws IndexOutOfBoundsException if {@code out} has no room for it there
     */
    public final void digest(byte[] data, byte[] out, int at) {
      java.util.Objects.checkFromIndexSize(at, Hash.LENGTH, out.length);
      update(data, 0, data.length);
      finish(out, at);
    }

    /**
     * {@return the plain digest of {@code data}, without domain separation}
     *
     * @param data the bytes to digest
     */
    public final Hash digest(byte[] data) {
      update(data, 0, data.length);
      return finish();
    }

    /**
     * {@return the leaf hash {@code H(0x00 || record)}}
     *
     * @param record the record's canonical bytes
     */
    public final Hash leafHash(byte[] record) {
      return leafHash(record, 0, record.length);
    }

    /**
     * {@return the leaf hash {@code H(0x00 || record)} of a record inside a larger buffer}
     *
     * @param record the buffer holding the record
     * @param offset where the record starts
     * @param length the record's length in bytes
     */
    public final Hash leafHash(byte[] record, int offset, int length) {
      update((byte) 0x00);
      update(record, offset, length);
      return finish();
    }

    /**
     * {@return whether the leaf hash of the record at {@code record[offset, offset + length)}
     * is the {@value Hash#LENGTH} bytes at {@code expected[at]}}: a verifier's check of every
     * stored leaf hash, without a {@link Hash} per record.
     */
    final boolean leafHashEquals(byte[] record, int offset, int length, byte[] expected, int at) {
      update((byte) 0x00);
      update(record, offset, length);
      finish(out, 0);
      return java.util.Arrays.equals(out, 0, Hash.LENGTH, expected, at, at + Hash.LENGTH);
    }

    /**
     * {@return the node hash {@code H(0x01 || left || right)}}
     *
     * @param left the left child
     * @param right the right child
     */
    public final Hash nodeHash(Hash left, Hash right) {
      nodeBuffer[0] = 0x01;
      left.copyTo(nodeBuffer, 1);
      right.copyTo(nodeBuffer, 1 + Hash.LENGTH);
      update(nodeBuffer, 0, nodeBuffer.length);
      return finish();
    }
  }

  static final class JdkHasher extends Hasher {
    private final MessageDigest digest;

    JdkHasher() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new AssertionError("every Java platform has SHA-256", e);
      }
    }

    @Override
    void update(byte b) {
      digest.update(b);
    }

    @Override
    void update(byte[] data, int offset, int length) {
      digest.update(data, offset, length);
    }

    @Override
    void finish(byte[] out, int at) {
      try {
        digest.digest(out, at, Hash.LENGTH);
      } catch (java.security.DigestException e) {
        throw new AssertionError("SHA-256 digests are 32 bytes", e);
      }
    }
  }

  static final class Sm3Hasher extends Hasher {
    private final SM3Digest digest = new SM3Digest();

    @Override
    void update(byte b) {
      digest.update(b);
    }

    @Override
    void update(byte[] data, int offset, int length) {
      digest.update(data, offset, length);
    }

    @Override
    void finish(byte[] out, int at) {
      digest.doFinal(out, at);
    }
  }
}
