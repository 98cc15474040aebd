package org.moralbank.benchmarks;

/**
 * A system under load in the {@link LoadComparison}: it keeps accounts and applies single
 * transfers durably, one call per transfer, from many threads at once.
 */
interface LoadTarget extends AutoCloseable {
  /** The account that issues minutes (a branch fund): it may go below zero. */
  long FUND = 1;

  /** Member accounts are {@code FIRST_MEMBER} to {@code FIRST_MEMBER + members - 1}. */
  long FIRST_MEMBER = 1000;

  /** Opens the fund and {@code members} member accounts and gives each member {@code seed} minutes. */
  void setUp(int members, long seed) throws Exception;

  /**
   * Applies one transfer and returns once it is durable: true if it was applied, false if the
   * rules refused it (a member may not go below zero).
   */
  boolean transfer(long id, long debit, long credit, long amount) throws Exception;

  /** What the target did besides the transfers (batches, appends), or an empty string. */
  default String statistics(double seconds) {
    return "";
  }

  /** Resets the statistics at the start of the measured window. */
  default void resetStatistics() {}
}
