package org.moralbank.ledger;

import com.google.common.io.BaseEncoding;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A 32-byte digest: SHA-256 or SM3, both of which are 256 bits. Immutable: the bytes are copied
 * in and out.
 */
public final class Hash {
  /** The length of every hash, in bytes. */
  public static final int LENGTH = 32;

  /** The previous-hash field of a branch's first record. */
  public static final Hash ZERO = new Hash(0, 0, 0, 0);

  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  // Four big-endian longs rather than an array: one object of 48 bytes instead of two of 64, and
  // a journal keeps one hash per record (its leaf hash) and compares hashes for every record.
  private final long a;
  private final long b;
  private final long c;
  private final long d;

  private Hash(long a, long b, long c, long d) {
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
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
    return read(bytes, 0);
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
    return read(source, offset);
  }

  private static Hash read(byte[] source, int offset) {
    return new Hash(
        (long) LONG.get(source, offset),
        (long) LONG.get(source, offset + 8),
        (long) LONG.get(source, offset + 16),
        (long) LONG.get(source, offset + 24));
  }

  /** Whether the 32 bytes at {@code offset} of {@code source} are this hash, without a copy. */
  boolean equalsAt(byte[] source, int offset) {
    return a == (long) LONG.get(source, offset)
        && b == (long) LONG.get(source, offset + 8)
        && c == (long) LONG.get(source, offset + 16)
        && d == (long) LONG.get(source, offset + 24);
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
    byte[] out = new byte[LENGTH];
    copyTo(out, 0);
    return out;
  }

  /**
   * Copies the 32 bytes into {@code target}.
   *
   * @param target the buffer to write to
   * @param offset where the hash goes
   */
  public void copyTo(byte[] target, int offset) {
    Objects.checkFromIndexSize(offset, LENGTH, target.length);
    LONG.set(target, offset, a);
    LONG.set(target, offset + 8, b);
    LONG.set(target, offset + 16, c);
    LONG.set(target, offset + 24, d);
  }

  /** {@return the 64 lower-case hex digits, as journals, reports and the audit tool show a hash} */
  public String hex() {
    return BaseEncoding.base16().lowerCase().encode(toByteArray());
  }

  /** {@return the standard base64 encoding, as checkpoints carry a root} */
  public String base64() {
    return BaseEncoding.base64().encode(toByteArray());
  }

  /**
   * Plain comparison: hashes in a journal are public values, so there is nothing for a timing
   * side channel to leak. Compare secrets (MACs) with {@link MessageDigest#isEqual}.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Hash other && a == other.a && b == other.b && c == other.c && d == other.d;
  }

  /** The first four bytes: a digest's bits are already uniformly spread. */
  @Override
  public int hashCode() {
    return (int) (a >>> 32);
  }

  @Override
  public String toString() {
    return hex();
  }
}
