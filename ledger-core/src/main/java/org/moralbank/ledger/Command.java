package org.moralbank.ledger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a client asks a branch journal to do. Commands are immutable values, validated when they
 * are made: a malformed command (a null, a negative amount, a timeout that is not positive) throws
 * {@link IllegalArgumentException} or {@link NullPointerException} in the caller's thread and
 * never reaches the journal. Whether a well-formed command is applied or rejected is decided by
 * the branch's single writer, and answered with a result of type {@code R}.
 *
 * @param <R> the result type
 */
public sealed interface Command<R>
    permits Command.OpenAccount, Command.ChangeAccountStatus, Command.TransferGroup, Command.Note {

  /**
   * Opens an account. Opening an id again with the same fields is a retry and answers the first
   * result; with other fields it is rejected with {@link
   * RejectionReason#ACCOUNT_EXISTS_WITH_DIFFERENT_FIELDS}.
   */
  record OpenAccount(
      AccountId id, AccountKind kind, Set<AccountFlag> flags, Optional<Minutes> debitLimit)
      implements Command<AccountResult> {
    /**
     * Copies the flags; a debit limit on an account whose debits must not exceed its credits is a
     * contradiction and throws.
     *
     * @param id the account
     * @param kind what the account is for
     * @param flags its flags
     * @param debitLimit for a fund: the most its debits may exceed its credits; empty for no limit
     */
    public OpenAccount {
      Objects.requireNonNull(id, "id == null");
      Objects.requireNonNull(kind, "kind == null");
      flags = Set.copyOf(Objects.requireNonNull(flags, "flags == null"));
      Objects.requireNonNull(debitLimit, "debitLimit == null");
      if (debitLimit.isPresent() && flags.contains(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)) {
        throw new IllegalArgumentException(
            "a debit limit and DEBITS_MUST_NOT_EXCEED_CREDITS contradict each other: " + id);
      }
    }

    /**
     * A member account: it can never go below zero.
     *
     * @param id the account
     * @return the command
     */
    public static OpenAccount member(AccountId id) {
      return new OpenAccount(
          id, AccountKind.MEMBER, Set.of(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS), Optional.empty());
    }

    /**
     * A branch fund that may issue at most {@code limit} minutes more than it takes back.
     *
     * @param id the account
     * @param limit the most the fund's debits may exceed its credits
     * @return the command
     */
    public static OpenAccount fund(AccountId id, Minutes limit) {
      return new OpenAccount(id, AccountKind.BRANCH_FUND, Set.of(), Optional.of(limit));
    }

    /**
     * A branch fund without an issue limit.
     *
     * @param id the account
     * @return the command
     */
    public static OpenAccount fund(AccountId id) {
      return new OpenAccount(id, AccountKind.BRANCH_FUND, Set.of(), Optional.empty());
    }

    /**
     * An account without a debit limit.
     *
     * @param id the account
     * @param kind what the account is for
     * @param flags its flags
     * @return the command
     */
    public static OpenAccount of(AccountId id, AccountKind kind, AccountFlag... flags) {
      return new OpenAccount(id, kind, Set.of(flags), Optional.empty());
    }
  }

  /** Freezes, unfreezes or closes an account. */
  record ChangeAccountStatus(AccountId id, AccountStatus status) implements Command<AccountResult> {
    /**
     * Checks that neither field is null.
     *
     * @param id the account
     * @param status the new status
     */
    public ChangeAccountStatus {
      Objects.requireNonNull(id, "id == null");
      Objects.requireNonNull(status, "status == null");
    }
  }

  /**
   * One or more transfers that all succeed or all fail, applied in order, so that a later
   * transfer may post a pending transfer made earlier in the same group. A single transfer is a
   * group of one. The group is limited to {@link #MAX_SIZE} transfers.
   */
  record TransferGroup(List<TransferRequest> transfers) implements Command<List<TransferResult>> {
    /** The most transfers one group holds. */
    public static final int MAX_SIZE = 8190;

    /**
     * Copies the transfers; a group holds 1 to {@link #MAX_SIZE} of them.
     *
     * @param transfers the transfers, in order
     */
    public TransferGroup {
      transfers = List.copyOf(Objects.requireNonNull(transfers, "transfers == null"));
      if (transfers.isEmpty() || transfers.size() > MAX_SIZE) {
        throw new IllegalArgumentException(
            "a transfer group holds 1 to " + MAX_SIZE + " transfers, not " + transfers.size());
      }
    }

    /**
     * A group of the given transfers, in order.
     *
     * @param transfers the transfers
     * @return the group
     */
    public static TransferGroup of(TransferRequest... transfers) {
      return new TransferGroup(List.of(transfers));
    }

    /** The ids that occur more than once in this group, in order of their second occurrence. */
    List<TransferId> duplicateIds() {
      if (transfers.size() == 1) {
        return List.of();
      }
      Set<TransferId> seen = new HashSet<>();
      List<TransferId> duplicates = new ArrayList<>();
      for (TransferRequest t : transfers) {
        if (!seen.add(t.id())) {
          duplicates.add(t.id());
        }
      }
      return duplicates;
    }
  }

  /**
   * An application's own record, journaled and chained like any other but opaque to the engine:
   * the time-bank layer journals proposals, votes and reviews this way, so that they are as
   * tamper-evident as the hours themselves. The payload is copied.
   *
   * @param kind the application's type tag, 1 to 65535
   */
  record Note(int kind, byte[] payload) implements Command<NoteResult> {
    /** The largest payload, in bytes. */
    public static final int MAX_PAYLOAD = 64 * 1024;

    /**
     * Checks the kind and the payload's size and copies the payload, so that the note cannot change
     * after it is made.
     *
     * @param kind the application's type tag, 1 to 65535
     * @param payload the application's bytes, at most {@link #MAX_PAYLOAD}
     */
    public Note {
      if (kind < 1 || kind > 0xFFFF) {
        throw new IllegalArgumentException("note kind must be 1 to 65535: " + kind);
      }
      Objects.requireNonNull(payload, "payload == null");
      if (payload.length > MAX_PAYLOAD) {
        throw new IllegalArgumentException(
            "note payload of " + payload.length + " bytes exceeds " + MAX_PAYLOAD);
      }
      payload = payload.clone();
    }

    /** {@return a copy of the payload} */
    @Override
    public byte[] payload() {
      return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Note n && n.kind == kind && java.util.Arrays.equals(n.payload, payload);
    }

    @Override
    public int hashCode() {
      return 31 * kind + java.util.Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
      return "Note[kind=" + kind + ", " + payload.length + " bytes]";
    }
  }
}
