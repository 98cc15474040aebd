package org.moralbank.ledger;

import com.google.common.io.BaseEncoding;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/** Shared rules of the 128-bit identifiers: never zero, never all ones, 32 lower-case hex digits. */
final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  static void check(String what, long high, long low) {
    if (reserved(high, low)) {
      throw new IllegalArgumentException(what + " must not be zero or all ones");
    }
  }

  /** {@return whether {@code (high, low)} is one of the two ids never used, zero and all ones} */
  static boolean reserved(long high, long low) {
    return (high == 0 && low == 0) || (high == -1 && low == -1);
  }

  static long[] parse(String what, String hex) {
    if (hex == null || hex.length() != 32) {
      throw new IllegalArgumentException(what + " must be 32 hex digits: " + hex);
    }
    byte[] bytes;
    try {
      bytes = BaseEncoding.base16().lowerCase().decode(hex.toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " must be 32 hex digits: " + hex, e);
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new long[] {buffer.getLong(), buffer.getLong()};
  }

  static long[] random() {
    long high;
    long low;
    do {
      high = RANDOM.nextLong();
      low = RANDOM.nextLong();
    } while (reserved(high, low));
    return new long[] {high, low};
  }

  static String hex(long high, long low) {
    return BaseEncoding.base16()
        .lowerCase()
        .encode(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
  }

  static int compare(long high1, long low1, long high2, long low2) {
    int c = Long.compareUnsigned(high1, high2);
    return c != 0 ? c : Long.compareUnsigned(low1, low2);
  }
}
