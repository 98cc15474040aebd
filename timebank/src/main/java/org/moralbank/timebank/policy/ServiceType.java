package org.moralbank.timebank.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One kind of service in a catalogue version.
 *
 * @param code stable key used in journals: 1 to 32 of {@code a-z 0-9 -}, starting with a letter
 * @param name for people
 * @param weight minutes of credit per minute of service
 */
public record ServiceType(String code, String name, Weight weight) {
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  /**
   * Checks the code's shape and that no field is null.
   *
   * @param code stable key used in journals
   * @param name for people
   * @param weight minutes of credit per minute of service
   */
  public ServiceType {
    checkCode(code);
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(weight, "weight == null");
  }

  /**
   * A service type.
   *
   * @param code stable key used in journals: 1 to 32 of {@code a-z 0-9 -}, starting with a letter
   * @param name for people
   * @param weight minutes of credit per minute of service
   * @return the service type
   */
  public static ServiceType of(String code, String name, Weight weight) {
    return new ServiceType(code, name, weight);
  }

  static String checkCode(String code) {
    if (code == null || !CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "service type code must be 1 to 32 of a-z, 0-9, '-', starting with a letter: " + code);
    }
    return code;
  }
}
