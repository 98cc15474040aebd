package org.moralbank.ledger;

/**
 * An amount of service time in whole minutes. Hours are never floating point: one hour of
 * service is {@code Minutes.ofHours(1)}, sixty minutes.
 *
 * <p>An amount is never negative; a negative or overflowing amount is a caller mistake and
 * throws. Zero is representable so that the engine can answer a zero-amount transfer with the
 * rejection {@link RejectionReason#ZERO_AMOUNT} instead of an exception: users of existing
 * time-bank software complain that zero-hour entries slip through, so the ledger names them.
 */
public record Minutes(long value) implements Comparable<Minutes> {
  /** No time at all. */
  public static final Minutes ZERO = new Minutes(0);

  /**
   * Refuses a negative amount.
   *
   * @param value the whole minutes
   */
  public Minutes {
    if (value < 0) {
      throw new IllegalArgumentException("minutes must not be negative: " + value);
    }
  }

  /**
   * An amount of minutes.
   *
   * @param minutes the whole minutes, not negative
   * @return the amount
   */
  public static Minutes of(long minutes) {
    // Amounts up to a day are shared: a replay or snapshot restore makes millions of them.
    return minutes >= 0 && minutes < SMALL.length ? SMALL[(int) minutes] : new Minutes(minutes);
  }

  private static final Minutes[] SMALL = new Minutes[24 * 60 + 1];

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = i == 0 ? ZERO : new Minutes(i);
    }
  }

  /**
   * Whole hours; throws {@link ArithmeticException} when the minutes overflow a long.
   *
   * @param hours the whole hours, not negative
   * @return the amount in minutes
   */
  public static Minutes ofHours(long hours) {
    return new Minutes(Math.multiplyExact(hours, 60L));
  }

  /**
   * The sum; throws {@link ArithmeticException} on overflow.
   *
   * @param other the amount to add
   * @return the sum
   */
  public Minutes plus(Minutes other) {
    return new Minutes(Math.addExact(value, other.value));
  }

  /** {@return whether this is no time at all} */
  public boolean isZero() {
    return value == 0;
  }

  @Override
  public int compareTo(Minutes other) {
    return Long.compare(value, other.value);
  }

  /**
   * Formats a signed number of minutes as hours and minutes, for example {@code -2h05m}.
   *
   * @param minutes the signed number of minutes
   * @return the text
   */
  public static String format(long minutes) {
    String sign = minutes < 0 ? "-" : "";
    long abs = Math.abs(minutes);
    if (minutes == Long.MIN_VALUE) {
      return "-" + Long.toUnsignedString(Long.MIN_VALUE) + "m";
    }
    return String.format("%s%dh%02dm", sign, abs / 60, abs % 60);
  }

  @Override
  public String toString() {
    return format(value);
  }
}
