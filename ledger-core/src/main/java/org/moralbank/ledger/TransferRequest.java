package org.moralbank.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One transfer of a {@link Command.TransferGroup}. Transfers are immutable once created; a
 * mistake is corrected by a new transfer whose {@code corrects} names the old one.
 *
 * <p>Every transfer carries a client-chosen {@link TransferId}: a retry with the same id and the
 * same fields returns the first result; the same id with other fields is rejected with {@link
 * RejectionReason#ID_REUSED_WITH_DIFFERENT_FIELDS}.
 */
public sealed interface TransferRequest
    permits TransferRequest.Single, TransferRequest.Pending, TransferRequest.PostPending,
        TransferRequest.VoidPending {

  /** Longest reference, in UTF-8 bytes. */
  int MAX_REFERENCE_BYTES = 64;

  /** Longest pending timeout. */
  Duration MAX_TIMEOUT = Duration.ofDays(3660);

  TransferId id();

  /** A single-phase transfer: posted at once. */
  record Single(
      TransferId id,
      AccountId debit,
      AccountId credit,
      Minutes amount,
      int code,
      Optional<TransferId> corrects,
      String reference)
      implements TransferRequest {
    public Single {
      checkMovement(id, debit, credit, amount, code, corrects, reference);
    }

    public static Single of(TransferId id, AccountId debit, AccountId credit, Minutes amount, int code) {
      return new Single(id, debit, credit, amount, code, Optional.empty(), "");
    }
  }

  /**
   * A pending (two-phase) transfer: the amount is reserved on both accounts until it is posted
   * (in whole or in part), voided, or expires when {@code timeout} has passed.
   */
  record Pending(
      TransferId id,
      AccountId debit,
      AccountId credit,
      Minutes amount,
      int code,
      Optional<TransferId> corrects,
      String reference,
      Duration timeout)
      implements TransferRequest {
    public Pending {
      checkMovement(id, debit, credit, amount, code, corrects, reference);
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
        throw new IllegalArgumentException(
            "timeout must be positive and at most " + MAX_TIMEOUT + ": " + timeout);
      }
    }

    public static Pending of(
        TransferId id, AccountId debit, AccountId credit, Minutes amount, int code, Duration timeout) {
      return new Pending(id, debit, credit, amount, code, Optional.empty(), "", timeout);
    }
  }

  /**
   * Posts a pending transfer: all of it, or {@code amount} of it with the rest released.
   *
   * @param amount empty to post the full pending amount
   */
  record PostPending(TransferId id, TransferId pendingId, Optional<Minutes> amount)
      implements TransferRequest {
    public PostPending {
      Objects.requireNonNull(id, "id == null");
      Objects.requireNonNull(pendingId, "pendingId == null");
      Objects.requireNonNull(amount, "amount == null");
    }

    public static PostPending full(TransferId id, TransferId pendingId) {
      return new PostPending(id, pendingId, Optional.empty());
    }
  }

  /** Voids a pending transfer, releasing its whole amount. */
  record VoidPending(TransferId id, TransferId pendingId) implements TransferRequest {
    public VoidPending {
      Objects.requireNonNull(id, "id == null");
      Objects.requireNonNull(pendingId, "pendingId == null");
    }
  }

  private static void checkMovement(
      TransferId id,
      AccountId debit,
      AccountId credit,
      Minutes amount,
      int code,
      Optional<TransferId> corrects,
      String reference) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(debit, "debit == null");
    Objects.requireNonNull(credit, "credit == null");
    Objects.requireNonNull(amount, "amount == null");
    Objects.requireNonNull(corrects, "corrects == null");
    Objects.requireNonNull(reference, "reference == null");
    if (code < 1 || code > 0xFFFF) {
      throw new IllegalArgumentException("transfer code must be 1 to 65535: " + code);
    }
    // A char takes at most 3 UTF-8 bytes, so short references need no encoding to check.
    if (reference.length() * 3 > MAX_REFERENCE_BYTES
        && reference.getBytes(StandardCharsets.UTF_8).length > MAX_REFERENCE_BYTES) {
      throw new IllegalArgumentException(
          "reference longer than " + MAX_REFERENCE_BYTES + " UTF-8 bytes: " + reference);
    }
    if (corrects.isPresent() && corrects.get().equals(id)) {
      throw new IllegalArgumentException("a transfer cannot correct itself: " + id);
    }
  }
}
