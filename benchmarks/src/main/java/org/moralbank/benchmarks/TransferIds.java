package org.moralbank.benchmarks;

import java.util.SplittableRandom;
import org.moralbank.ledger.TransferId;

/** The transfer ids the benchmarks measure: counting up, or random as clients make them. */
final class TransferIds {
  private TransferIds() {}

  /**
   * The id of the {@code n}-th transfer: {@code n} itself, or with {@code random} a random 128-bit
   * id from {@code source} (its high half odd, so never zero; seeded sources repeat run to run).
   */
  static TransferId next(boolean random, SplittableRandom source, long n) {
    return random ? new TransferId(source.nextLong() | 1L, source.nextLong()) : TransferId.of(n);
  }
}
