package org.moralbank.ledger.checkpoint;

import com.google.common.io.BaseEncoding;

/** RFC 7468 PEM armour: base64 in lines of 64 characters between BEGIN and END lines. */
final class Pem {
  static final String PRIVATE_KEY = "PRIVATE KEY";
  static final String PUBLIC_KEY = "PUBLIC KEY";

  private static final BaseEncoding LINES = BaseEncoding.base64().withSeparator("\n", 64);

  private Pem() {}

  static String encode(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + LINES.encode(der) + "\n-----END " + label + "-----\n";
  }

  /**
   * The DER bytes inside the one block labelled {@code label}. Messages name the label only,
   * never the content, because the content may be a private key.
   */
  static byte[] decode(String label, String pem) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    String text = pem.replace("\r\n", "\n").strip();
    if (!text.startsWith(begin) || !text.endsWith(end)
        || text.length() < begin.length() + end.length()) {
      throw new MalformedKeyException("not a PEM block labelled " + label);
    }
    String body = text.substring(begin.length(), text.length() - end.length()).strip();
    if (body.contains("-----")) {
      throw new MalformedKeyException("more than one PEM block, or headers, in " + label);
    }
    try {
      return LINES.decode(body);
    } catch (IllegalArgumentException e) {
      throw new MalformedKeyException("the " + label + " PEM block is not valid base64");
    }
  }
}
