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

  /** {@return the client-chosen id that makes a retry safe} */
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
    /**
     * Checks the movement's fields.
     *
     * @param id the client-chosen id
     * @param debit the account the minutes leave
     * @param credit the account the minutes reach
     * @param amount the minutes moved
     * @param code what the movement means to the application, 1 to 65535
     * @param corrects the transfer this one corrects, if any
     * @param reference the application's reference, at most {@link #MAX_REFERENCE_BYTES} UTF-8
     *     bytes
     */
    public Single {
      checkMovement(id, debit, credit, amount, code, corrects, reference);
    }

    /**
     * A transfer without correction or reference.
     *
     * @param id the client-chosen id
     * @param debit the account the minutes leave
     * @param credit the account the minutes reach
     * @param amount the minutes moved
     * @param code what the movement means to the application
     * @return the request
     */
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
    /**
     * Checks the movement's fields and that the timeout is positive and at most {@link
     * #MAX_TIMEOUT}.
     *
     * @param id the client-chosen id
     * @param debit the account the minutes will leave
     * @param credit the account the minutes will reach
     * @param amount the minutes reserved
     * @param code what the movement means to the application, 1 to 65535
     * @param corrects the transfer this one corrects, if any
     * @param reference the application's reference, at most {@link #MAX_REFERENCE_BYTES} UTF-8
     *     bytes
     * @param timeout how long the reservation holds before it expires
     */
    public Pending {
      checkMovement(id, debit, credit, amount, code, corrects, reference);
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
        throw new IllegalArgumentException(
            "timeout must be positive and at most " + MAX_TIMEOUT + ": " + timeout);
      }
    }

    /**
     * A pending transfer without correction or reference.
     *
     * @param id the client-chosen id
     * @param debit the account the minutes will leave
     * @param credit the account the minutes will reach
     * @param amount the minutes reserved
     * @param code what the movement means to the application
     * @param timeout how long the reservation holds before it expires
     * @return the request
     */
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
    /**
     * Checks that no field is null.
     *
     * @param id the client-chosen id of the post
     * @param pendingId the pending transfer to post
     * @param amount the minutes to post; empty for the full pending amount
     */
    public PostPending {
      Objects.requireNonNull(id, "id == null");
      Objects.requireNonNull(pendingId, "pendingId == null");
      Objects.requireNonNull(amount, "amount == null");
    }

    /**
     * Posts the full pending amount.
     *
     * @param id the client-chosen id of the post
     * @param pendingId the pending transfer to post
     * @return the request
     */
    public static PostPending full(TransferId id, TransferId pendingId) {
      return new PostPending(id, pendingId, Optional.empty());
    }
  }

  /** Voids a pending transfer, releasing its whole amount. */
  record VoidPending(TransferId id, TransferId pendingId) implements TransferRequest {
    /**
     * Checks that no field is null.
     *
     * @param id the client-chosen id of the void
     * @param pendingId the pending transfer to void
     */
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
    // UTF-8 cannot carry a lone surrogate: it would be journaled as '?', and a retry with the
    // same string would no longer match the journaled request.
    for (int i = 0; i < reference.length(); i++) {
      char c = reference.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < reference.length()
          && Character.isLowSurrogate(reference.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("reference holds an unpaired surrogate at index " + i);
      }
    }
  }
}
