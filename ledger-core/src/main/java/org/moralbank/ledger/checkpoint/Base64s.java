package org.moralbank.ledger.checkpoint;

import com.google.common.io.BaseEncoding;
import java.util.function.Function;

/**
 * Strict RFC 4648 section 4 base64: padded, and canonical (the unused low bits of the last
 * character are zero), so that every value has exactly one text form and a signed text cannot be
 * altered without changing a byte that matters.
 */
final class Base64s {
  private Base64s() {}

  static byte[] decode(
      String text, String what, Function<String, ? extends RuntimeException> malformed) {
    byte[] bytes;
    try {
      bytes = BaseEncoding.base64().decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed.apply(what + " is not base64");
    }
    if (!BaseEncoding.base64().encode(bytes).equals(text)) {
      throw malformed.apply(what + " is not canonical, padded base64");
    }
    return bytes;
  }

  static String encode(byte[] bytes) {
    return BaseEncoding.base64().encode(bytes);
  }
}
