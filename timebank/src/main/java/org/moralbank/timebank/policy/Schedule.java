package org.moralbank.timebank.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Values with effective dates: each entry is in force from its date until the next entry's. The
 * first entry also governs any earlier date, so a schedule always has an answer.
 *
 * @param entries in strictly increasing order of date; at least one
 */
public record Schedule<T>(List<Dated<T>> entries) {
  /** A value in force from {@code effectiveFrom}. */
  public record Dated<T>(LocalDate effectiveFrom, T value) {
    /**
     * Checks that neither the date nor the value is null.
     *
     * @param effectiveFrom the first day the value is in force
     * @param value the value
     */
    public Dated {
      Objects.requireNonNull(effectiveFrom, "effectiveFrom == null");
      Objects.requireNonNull(value, "value == null");
    }
  }

  /**
   * Copies the entries; there is at least one, and their dates strictly increase.
   *
   * @param entries the dated values, in increasing order of date
   */
  public Schedule {
    entries = List.copyOf(Objects.requireNonNull(entries, "entries == null"));
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a schedule needs at least one entry");
    }
    for (int i = 1; i < entries.size(); i++) {
      if (!entries.get(i).effectiveFrom().isAfter(entries.get(i - 1).effectiveFrom())) {
        throw new IllegalArgumentException(
            "schedule dates must increase: " + entries.get(i - 1).effectiveFrom() + " then "
                + entries.get(i).effectiveFrom());
      }
    }
  }

  /**
   * One value, in force from the beginning.
   *
   * @param <T> the type of the values
   * @param value the value
   * @return the schedule
   */
  public static <T> Schedule<T> of(T value) {
    return new Schedule<>(List.of(new Dated<>(LocalDate.of(2000, 1, 1), value)));
  }

  /**
   * {@return this schedule with {@code value} in force from {@code effectiveFrom}, after every
   * entry}
   *
   * @param effectiveFrom the first day the value is in force, after the last entry's
   * @param value the value
   */
  public Schedule<T> then(LocalDate effectiveFrom, T value) {
    List<Dated<T>> copy = new ArrayList<>(entries);
    copy.add(new Dated<>(effectiveFrom, value));
    return new Schedule<>(copy);
  }

  /**
   * {@return the value in force on {@code date}}
   *
   * @param date the day, in the bank's zone
   */
  public T on(LocalDate date) {
    Objects.requireNonNull(date, "date == null");
    T found = entries.get(0).value();
    for (Dated<T> d : entries) {
      if (!d.effectiveFrom().isAfter(date)) {
        found = d.value();
      }
    }
    return found;
  }

  /** {@return the most recent value} */
  public T latest() {
    return entries.get(entries.size() - 1).value();
  }
}
