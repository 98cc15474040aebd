package org.moralbank.ledger.checkpoint;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The character rules shared by notes, checkpoints, key names and receipts. */
final class NoteText {
  /** U+2014 EM DASH, then a space: the start of every signature line. */
  static final String SIGNATURE_PREFIX = "\u2014 ";

  private NoteText() {}

  /** Strict UTF-8 decoding: malformed or truncated sequences are errors, not U+FFFD. */
  static String decodeUtf8(byte[] bytes, String what) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedNoteException(what + " is not valid UTF-8");
    }
  }

  /**
   * Checks that {@code text} encodes to valid UTF-8 (no lone surrogate) and holds no ASCII
   * control character but newline (C2SP signed-note).
   */
  static void checkCharacters(String text, String what) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw new MalformedNoteException(
            what + " contains the control character U+" + String.format("%04X", (int) c));
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          throw new MalformedNoteException(what + " contains a lone surrogate");
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw new MalformedNoteException(what + " contains a lone surrogate");
      }
    }
  }

  /** One line: non-empty, no newline, no control character. */
  static void checkLine(String line, String what) {
    if (line.isEmpty()) {
      throw new MalformedNoteException(what + " is empty");
    }
    if (line.indexOf('\n') >= 0) {
      throw new MalformedNoteException(what + " contains a newline");
    }
    checkCharacters(line, what);
  }

  /** C2SP signed-note: a key name is non-empty and has no Unicode space and no '+'. */
  static boolean isKeyName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    try {
      checkCharacters(name, "key name");
    } catch (MalformedNoteException e) {
      return false;
    }
    return name.codePoints()
        .noneMatch(cp -> cp == '+' || cp == '\n' || Character.isWhitespace(cp)
            || Character.isSpaceChar(cp));
  }

  static String checkKeyName(String name) {
    if (!isKeyName(name)) {
      throw new IllegalArgumentException(
          "a key name is non-empty, without spaces, '+' or control characters: \"" + name + "\"");
    }
    return name;
  }
}
