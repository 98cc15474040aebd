package org.moralbank.ledger;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** The shape of bank and branch ids: they name journals, directories and checkpoint origins. */
final class BranchIds {
  private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  private BranchIds() {}

  static String check(String what, String id) {
    if (id == null || !SHAPE.matcher(id).matches()
        || id.getBytes(StandardCharsets.UTF_8).length > 63) {
      throw new IllegalArgumentException(
          what + " must be 1 to 63 of a-z, 0-9, '.', '_', '-', starting with a letter or digit: " + id);
    }
    return id;
  }
}
