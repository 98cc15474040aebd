package org.moralbank.timebank.policy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many minutes of credit one minute of a service type earns, as an exact ratio: {@code 1/3}
 * means three hours of service are one hour of credit. Never floating point.
 *
 * <p>Rounding rule: the credit for {@code m} minutes is {@code floor(m * numerator /
 * denominator)}; the remainder {@code (m * numerator) mod denominator}, in {@code
 * 1/denominator}-ths of a minute, is not credited and is noted in the journal beside the credit.
 *
 * @param numerator 1 to 1,000,000
 * @param denominator 1 to 1,000,000
 */
public record Weight(long numerator, long denominator) {
  /** One minute of credit per minute of service. */
  public static final Weight ONE = new Weight(1, 1);
  private static final long MAX = 1_000_000;
  private static final Pattern SHAPE = Pattern.compile("\\s*(\\d{1,7})\\s*/\\s*(\\d{1,7})\\s*");

  /**
   * Checks that both numbers are 1 to 1,000,000.
   *
   * @param numerator 1 to 1,000,000
   * @param denominator 1 to 1,000,000
   */
  public Weight {
    if (numerator < 1 || numerator > MAX || denominator < 1 || denominator > MAX) {
      throw new IllegalArgumentException(
          "weight numerator and denominator must be 1 to " + MAX + ": " + numerator + "/" + denominator);
    }
  }

  /**
   * The weight {@code numerator/denominator}.
   *
   * @param numerator 1 to 1,000,000
   * @param denominator 1 to 1,000,000
   * @return the weight
   */
  public static Weight of(long numerator, long denominator) {
    return new Weight(numerator, denominator);
  }

  /**
   * Parses {@code "n/d"}, as {@link #toString()} prints it.
   *
   * @param text the weight's text
   * @return the weight
   * @throws IllegalArgumentException if the text is not of that shape or the numbers are out of
   *     range
   */
  public static Weight parse(String text) {
    Matcher m = SHAPE.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException("weight must look like 1/3: " + text);
    }
    return new Weight(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
  }

  /**
   * {@return the whole minutes of credit for {@code minutes} of service (rounded down)}
   *
   * @param minutes the minutes of service
   */
  public long creditFor(long minutes) {
    checkMinutes(minutes);
    return Math.multiplyExact(minutes, numerator) / denominator;
  }

  /**
   * {@return what {@link #creditFor} rounds away, in {@code 1/denominator}-ths of a minute}
   *
   * @param minutes the minutes of service
   */
  public long remainderFor(long minutes) {
    checkMinutes(minutes);
    return Math.multiplyExact(minutes, numerator) % denominator;
  }

  private static void checkMinutes(long minutes) {
    if (minutes < 0) {
      throw new IllegalArgumentException("minutes must not be negative: " + minutes);
    }
  }

  @Override
  public String toString() {
    return numerator + "/" + denominator;
  }
}
