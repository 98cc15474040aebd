package org.moralbank.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Which branch a journal belongs to and how its writer runs.
 *
 * @param bankId the bank, as in checkpoint origins: 1 to 63 of {@code a-z 0-9 . _ -}
 * @param branchId the savings branch, same shape
 * @param algorithm the bank's hash function, fixed in the genesis record
 * @param clock nanoseconds since the epoch; the ledger makes timestamps strictly increasing
 *     whatever the clock does, and a test or a demo injects a deterministic one
 * @param maxBatch most commands the writer takes into one durable write
 * @param queueCapacity commands that may wait for the writer before {@code submit} blocks
 */
public record BranchConfig(
    String bankId,
    String branchId,
    HashAlgorithm algorithm,
    LongSupplier clock,
    int maxBatch,
    int queueCapacity) {

  /** Nanoseconds since the epoch, from the system clock. */
  public static final LongSupplier SYSTEM_CLOCK =
      () -> {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      };

  /**
   * Checks the ids and that the batch size and queue capacity are positive.
   *
   * @param bankId the bank: 1 to 63 of {@code a-z 0-9 . _ -}
   * @param branchId the savings branch, same shape
   * @param algorithm the bank's hash function
   * @param clock nanoseconds since the epoch
   * @param maxBatch most commands in one durable write
   * @param queueCapacity commands that may wait for the writer
   */
  public BranchConfig {
    BranchIds.check("bankId", bankId);
    BranchIds.check("branchId", branchId);
    Objects.requireNonNull(algorithm, "algorithm == null");
    Objects.requireNonNull(clock, "clock == null");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be positive: " + maxBatch);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be positive: " + queueCapacity);
    }
  }

  /**
   * SHA-256, the system clock, batches of up to 8192 commands and a queue of 65536.
   *
   * @param bankId the bank
   * @param branchId the savings branch
   * @return the configuration
   */
  public static BranchConfig of(String bankId, String branchId) {
    return new BranchConfig(bankId, branchId, HashAlgorithm.SHA_256, SYSTEM_CLOCK, 8192, 65536);
  }

  /**
   * {@return this configuration with hash algorithm {@code a}}
   *
   * @param a the hash algorithm; a journal keeps the one its genesis record names
   */
  public BranchConfig withAlgorithm(HashAlgorithm a) {
    return new BranchConfig(bankId, branchId, a, clock, maxBatch, queueCapacity);
  }

  /**
   * {@return this configuration with clock {@code c}}
   *
   * @param c nanoseconds since the epoch
   */
  public BranchConfig withClock(LongSupplier c) {
    return new BranchConfig(bankId, branchId, algorithm, c, maxBatch, queueCapacity);
  }

  /**
   * {@return this configuration with batches of up to {@code n} commands}
   *
   * @param n the most commands in one durable write
   */
  public BranchConfig withMaxBatch(int n) {
    return new BranchConfig(bankId, branchId, algorithm, clock, n, queueCapacity);
  }

  LedgerRecord.Genesis genesis() {
    return new LedgerRecord.Genesis(algorithm, bankId, branchId);
  }
}
