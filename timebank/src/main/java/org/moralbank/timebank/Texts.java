package org.moralbank.timebank;

import java.util.Objects;
import java.util.regex.Pattern;

/** Shared checks of the free text and codes that commands carry into journals. */
final class Texts {
  static final int MAX_REASON = 200;
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  private Texts() {}

  /** A reason is short free text; it is journaled, so it must never carry personal data. */
  static String reason(String what, String text) {
    Objects.requireNonNull(text, what + " == null");
    if (text.length() > MAX_REASON) {
      throw new IllegalArgumentException(what + " longer than " + MAX_REASON + " characters");
    }
    return text;
  }

  /** A catalogue or reward code: 1 to 32 of a-z, 0-9, '-', starting with a letter. */
  static String code(String what, String code) {
    if (code == null || !CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          what + " must be 1 to 32 of a-z, 0-9, '-', starting with a letter: " + code);
    }
    return code;
  }
}
