package org.moralbank.ledger;

import com.google.common.io.BaseEncoding;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A 32-byte digest: SHA-256 or SM3, both of which are 256 bits. Immutable: the bytes are copied
 * in and out.
 */
public final class Hash {
  /** The length of every hash, in bytes. */
  public static final int LENGTH = 32;

  /** The previous-hash field of a branch's first record. */
  public static final Hash ZERO = new Hash(new byte[LENGTH]);

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * A hash from a copy of its 32 bytes.
   *
   * @param bytes the 32 bytes
   * @return the hash
   */
  public static Hash of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes == null");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a hash has " + LENGTH + " bytes, not " + bytes.length);
    }
    return new Hash(bytes.clone());
  }

  /**
   * Reads 32 bytes at {@code offset}.
   *
   * @param source the buffer holding the hash
   * @param offset where the hash starts
   * @return the hash, a copy of those bytes
   */
  public static Hash of(byte[] source, int offset) {
    if (offset < 0 || offset + LENGTH > source.length) {
      throw new IllegalArgumentException("no 32-byte hash at offset " + offset);
    }
    return new Hash(Arrays.copyOfRange(source, offset, offset + LENGTH));
  }

  /** Whether the 32 bytes at {@code offset} of {@code source} are this hash, without a copy. */
  boolean equalsAt(byte[] source, int offset) {
    return Arrays.equals(bytes, 0, LENGTH, source, offset, offset + LENGTH);
  }

  /** Wraps an array the caller gives up; package-private so that only fresh digests use it. */
  static Hash wrap(byte[] bytes) {
    return new Hash(bytes);
  }

  /**
   * A hash from 64 hex digits, in either case.
   *
   * @param hex the hex digits
   * @return the hash
   */
  public static Hash parseHex(String hex) {
    Objects.requireNonNull(hex, "hex == null");
    return of(BaseEncoding.base16().lowerCase().decode(hex.toLowerCase(java.util.Locale.ROOT)));
  }

  /** {@return a copy of the 32 bytes} */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /**
   * Copies the 32 bytes into {@code target}.
   *
   * @param target the buffer to write to
   * @param offset where the hash goes
   */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, LENGTH);
  }

  /** {@return the 64 lower-case hex digits, as journals, reports and the audit tool show a hash} */
  public String hex() {
    return BaseEncoding.base16().lowerCase().encode(bytes);
  }

  /** {@return the standard base64 encoding, as checkpoints carry a root} */
  public String base64() {
    return BaseEncoding.base64().encode(bytes);
  }

  /**
   * Plain (vectorised) comparison: hashes in a journal are public values, so there is nothing
   * for a timing side channel to leak. Compare secrets (MACs) with {@link MessageDigest#isEqual}.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Hash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
