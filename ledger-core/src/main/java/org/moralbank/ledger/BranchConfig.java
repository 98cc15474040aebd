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

  public static final LongSupplier SYSTEM_CLOCK =
      () -> {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      };

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

  /** SHA-256, the system clock, batches of up to 8192 commands. */
  public static BranchConfig of(String bankId, String branchId) {
    return new BranchConfig(bankId, branchId, HashAlgorithm.SHA_256, SYSTEM_CLOCK, 8192, 65536);
  }

  public BranchConfig withAlgorithm(HashAlgorithm a) {
    return new BranchConfig(bankId, branchId, a, clock, maxBatch, queueCapacity);
  }

  public BranchConfig withClock(LongSupplier c) {
    return new BranchConfig(bankId, branchId, algorithm, c, maxBatch, queueCapacity);
  }

  public BranchConfig withMaxBatch(int n) {
    return new BranchConfig(bankId, branchId, algorithm, clock, n, queueCapacity);
  }

  LedgerRecord.Genesis genesis() {
    return new LedgerRecord.Genesis(algorithm, bankId, branchId);
  }
}
