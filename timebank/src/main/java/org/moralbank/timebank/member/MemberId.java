package org.moralbank.timebank.member;

import java.util.regex.Pattern;

/**
 * A member's pseudonym: the only way a journal names a person. The application chooses it (a
 * membership number, a random token) and keeps the link to the person in its {@link
 * MemberRegistry}; erasing that link leaves the journals intact and anonymous.
 *
 * @param value 1 to 64 of {@code A-Z a-z 0-9 . _ : -}, starting with a letter or digit
 */
public record MemberId(String value) implements Comparable<MemberId> {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

  /**
   * Checks the pseudonym's shape.
   *
   * @param value 1 to 64 of {@code A-Z a-z 0-9 . _ : -}, starting with a letter or digit
   */
  public MemberId {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "member id must be 1 to 64 of A-Z, a-z, 0-9, '.', '_', ':', '-', starting with a"
              + " letter or digit: " + value);
    }
  }

  /**
   * The pseudonym {@code value}.
   *
   * @param value 1 to 64 of {@code A-Z a-z 0-9 . _ : -}, starting with a letter or digit
   * @return the id
   */
  public static MemberId of(String value) {
    return new MemberId(value);
  }

  @Override
  public int compareTo(MemberId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
