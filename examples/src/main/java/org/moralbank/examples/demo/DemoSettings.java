package org.moralbank.examples.demo;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the demo runs: its seed, its size and where it writes.
 *
 * @param seed the seed of every random choice (residents, services, outcomes)
 * @param depositors members of the bank, shared among the seven associations as in the street
 *     office's report (4,329 there); 200 to 100,000
 * @param days simulated days from 2025-01-01, 2 to 365
 * @param output the directory the demo fills; an earlier run's output there is replaced
 * @param balanceCapHours the demo bank's balance cap, lower than the usual 1,500 hours so that a
 *     year of service reaches it
 */
public record DemoSettings(long seed, int depositors, int days, Path output, long balanceCapHours) {
  /** The seed of the documented run. */
  public static final long DEFAULT_SEED = 20250101L;
  /** The depositors of the street office's report. */
  public static final int DOCUMENTED_DEPOSITORS = 4_329;
  /** A whole year of simulated days. */
  public static final int YEAR = 365;
  /** The demo bank's balance cap in hours, low enough for a year of service to reach it. */
  public static final long DEMO_BALANCE_CAP_HOURS = 200;

  /**
   * Checks the sizes and that the output directory is given.
   *
   * @param seed the seed of every random choice
   * @param depositors members of the bank, 200 to 100,000
   * @param days simulated days, 2 to 365
   * @param output the directory the demo fills
   * @param balanceCapHours the demo bank's balance cap, at least one hour
   */
  public DemoSettings {
    if (depositors < 200 || depositors > 100_000) {
      throw new IllegalArgumentException("depositors: 200 to 100,000, not " + depositors);
    }
    if (days < 2 || days > YEAR) {
      throw new IllegalArgumentException("days: 2 to " + YEAR + ", not " + days);
    }
    Objects.requireNonNull(output, "output == null");
    if (balanceCapHours < 1) {
      throw new IllegalArgumentException("balanceCapHours must be positive: " + balanceCapHours);
    }
  }

  /**
   * The full demo: the documented bank's 4,329 depositors over a whole year.
   *
   * @param output the directory the demo fills
   * @return the settings
   */
  public static DemoSettings defaults(Path output) {
    return new DemoSettings(DEFAULT_SEED, DOCUMENTED_DEPOSITORS, YEAR, output, DEMO_BALANCE_CAP_HOURS);
  }

  /**
   * {@return these settings with seed {@code s}}
   *
   * @param s the seed of every random choice
   */
  public DemoSettings withSeed(long s) {
    return new DemoSettings(s, depositors, days, output, balanceCapHours);
  }

  /**
   * {@return these settings with {@code n} depositors}
   *
   * @param n members of the bank, 200 to 100,000
   */
  public DemoSettings withDepositors(int n) {
    return new DemoSettings(seed, n, days, output, balanceCapHours);
  }

  /**
   * {@return these settings with {@code n} simulated days}
   *
   * @param n simulated days from 2025-01-01, 2 to 365
   */
  public DemoSettings withDays(int n) {
    return new DemoSettings(seed, depositors, n, output, balanceCapHours);
  }

  /**
   * {@return these settings with output directory {@code p}}
   *
   * @param p the directory the demo fills
   */
  public DemoSettings withOutput(Path p) {
    return new DemoSettings(seed, depositors, days, p, balanceCapHours);
  }
}
