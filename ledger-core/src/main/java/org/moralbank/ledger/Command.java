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

    /** A member account: it can never go below zero. */
    public static OpenAccount member(AccountId id) {
      return new OpenAccount(
          id, AccountKind.MEMBER, Set.of(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS), Optional.empty());
    }

    /** A branch fund that may issue at most {@code limit} minutes more than it takes back. */
    public static OpenAccount fund(AccountId id, Minutes limit) {
      return new OpenAccount(id, AccountKind.BRANCH_FUND, Set.of(), Optional.of(limit));
    }

    /** A branch fund without an issue limit. */
    public static OpenAccount fund(AccountId id) {
      return new OpenAccount(id, AccountKind.BRANCH_FUND, Set.of(), Optional.empty());
    }

    public static OpenAccount of(AccountId id, AccountKind kind, AccountFlag... flags) {
      return new OpenAccount(id, kind, Set.of(flags), Optional.empty());
    }
  }

  /** Freezes, unfreezes or closes an account. */
  record ChangeAccountStatus(AccountId id, AccountStatus status) implements Command<AccountResult> {
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
    public static final int MAX_SIZE = 8190;

    public TransferGroup {
      transfers = List.copyOf(Objects.requireNonNull(transfers, "transfers == null"));
      if (transfers.isEmpty() || transfers.size() > MAX_SIZE) {
        throw new IllegalArgumentException(
            "a transfer group holds 1 to " + MAX_SIZE + " transfers, not " + transfers.size());
      }
    }

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
    public static final int MAX_PAYLOAD = 64 * 1024;

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
