package org.moralbank.timebank;

import java.util.Objects;
import java.util.SplittableRandom;
import org.moralbank.ledger.TransferId;

/**
 * Where the bank draws the ids of the ledger operations it issues itself (a deposit for an
 * approved service, the legs of a cross-branch movement, a cap overflow...). Every id goes into a
 * journal record, so ids drawn from a seed make the journals of a seeded run byte-identical.
 *
 * <p>Ids must never repeat within a bank: a repeated id is taken by the engine as a retry of the
 * earlier operation. Production code keeps the default, {@link #secureRandom()}; {@link
 * #seeded(long)} is for demonstrations and tests that compare whole journals.
 */
@FunctionalInterface
public interface OperationIds {

  /** {@return the next id; may be called from several threads at once} */
  TransferId next();

  /** {@return ids of 128 random bits from {@link java.security.SecureRandom}: the default} */
  static OperationIds secureRandom() {
    return TransferId::random;
  }

  /**
   * A reproducible sequence of ids from {@code seed}: the same seed and the same calls give the
   * same ids. Thread-safe. Not for a real bank: anyone who knows the seed knows every id.
   *
   * @param seed the seed
   * @return the ids
   */
  static OperationIds seeded(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Objects.requireNonNull(random);
    return () -> {
      synchronized (random) {
        while (true) {
          long high = random.nextLong();
          long low = random.nextLong();
          if ((high != 0 || low != 0) && (high != -1 || low != -1)) {
            return new TransferId(high, low);
          }
        }
      }
    };
  }
}
