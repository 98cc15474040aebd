package org.moralbank.timebank;

import java.util.Objects;

/**
 * What the bank did with a command: {@link Accepted} with a value, or {@link Rejected} with a
 * {@link Reason} when a domain rule refused it. A rejection appends nothing to any journal.
 *
 * @param <T> the value of an accepted command
 */
public sealed interface Outcome<T> permits Outcome.Accepted, Outcome.Rejected {

  /** {@return whether the command was applied} */
  boolean accepted();

  /**
   * {@return the value of an accepted command}
   *
   * @throws IllegalStateException for a rejected command
   */
  T value();

  /** The command was applied and is durable. */
  record Accepted<T>(T value) implements Outcome<T> {
    /**
     * Checks that the value is not null.
     *
     * @param value what the command produced
     */
    public Accepted {
      Objects.requireNonNull(value, "value == null");
    }

    @Override
    public boolean accepted() {
      return true;
    }
  }

  /** A rule refused the command; nothing changed. */
  record Rejected<T>(Reason reason, String detail) implements Outcome<T> {
    /**
     * Checks that neither the reason nor the detail is null.
     *
     * @param reason the rule that refused the command
     * @param detail what the rule found, for people
     */
    public Rejected {
      Objects.requireNonNull(reason, "reason == null");
      Objects.requireNonNull(detail, "detail == null");
    }

    @Override
    public boolean accepted() {
      return false;
    }

    /** @throws IllegalStateException always: a rejected command has no value */
    @Override
    public T value() {
      throw new IllegalStateException("rejected: " + reason + " (" + detail + ")");
    }
  }
}
