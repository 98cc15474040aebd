package org.moralbank.ledger;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One record of a branch journal, decoded: its position, the ledger timestamp, the leaf hash of
 * the record before it, and what it says. The canonical bytes are specified in {@code
 * docs/ledger-format.md}; {@link #encode()} and {@link #decode(byte[])} are exact inverses, and a
 * record's hash is the RFC 6962 leaf hash of those bytes.
 *
 * @param sequence the 0-based position in the branch journal, also the Merkle leaf index
 * @param timestamp nanoseconds since the epoch, strictly increasing within a branch
 * @param previousHash the leaf hash of record {@code sequence - 1}; {@link Hash#ZERO} for record 0
 */
public record LedgerRecord(long sequence, long timestamp, Hash previousHash, Body body) {
  /** The version byte that starts every record of this format. */
  public static final int FORMAT_VERSION = 1;

  /**
   * Checks the position and that no field is null.
   *
   * @param sequence the 0-based position in the branch journal
   * @param timestamp nanoseconds since the epoch
   * @param previousHash the leaf hash of record {@code sequence - 1}
   * @param body what the record says
   */
  public LedgerRecord {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative: " + sequence);
    }
    Objects.requireNonNull(previousHash, "previousHash == null");
    Objects.requireNonNull(body, "body == null");
  }

  /** {@return the record's canonical bytes, whose leaf hash the next record links to} */
  public byte[] encode() {
    return RecordCodec.encode(this);
  }

  /**
   * Decodes canonical record bytes.
   *
   * @param bytes the bytes, as stored in the journal
   * @return the record
   * @throws MalformedRecordException if the bytes are not exactly one well-formed record
   */
  public static LedgerRecord decode(byte[] bytes) {
    return RecordCodec.decode(bytes);
  }

  /** What a record says. */
  public sealed interface Body
      permits Genesis, AccountOpened, AccountStatusChanged, Transfers, Noted, Expired {}

  /** Record 0 of every branch: binds the journal to its bank, branch and hash algorithm. */
  public record Genesis(HashAlgorithm algorithm, String bankId, String branchId) implements Body {
    /**
     * Checks that the bank and branch ids are well formed.
     *
     * @param algorithm the bank's hash function
     * @param bankId the bank
     * @param branchId the savings branch
     */
    public Genesis {
      Objects.requireNonNull(algorithm, "algorithm == null");
      BranchIds.check("bankId", bankId);
      BranchIds.check("branchId", branchId);
    }
  }

  /**
   * An account opened.
   *
   * @param command the command that opened it
   */
  public record AccountOpened(Command.OpenAccount command) implements Body {
    /**
     * Checks that the command is not null.
     *
     * @param command the command that opened it
     */
    public AccountOpened {
      Objects.requireNonNull(command, "command == null");
    }
  }

  /**
   * An account frozen, unfrozen or closed.
   *
   * @param command the command that changed its status
   */
  public record AccountStatusChanged(Command.ChangeAccountStatus command) implements Body {
    /**
     * Checks that the command is not null.
     *
     * @param command the command that changed its status
     */
    public AccountStatusChanged {
      Objects.requireNonNull(command, "command == null");
    }
  }

  /**
   * A linked group and its outcome: applied when {@code rejection} is empty; otherwise no
   * transfer of the group was applied, the one at {@code rejection.index()} failed for its
   * reason and the others with {@link RejectionReason#LINKED_TRANSFER_FAILED}.
   */
  public record Transfers(Command.TransferGroup group, Optional<Rejection> rejection) implements Body {
    /**
     * Checks that the rejection names a transfer of the group.
     *
     * @param group the linked group
     * @param rejection which transfer failed, and why; empty when the group was applied
     */
    public Transfers {
      Objects.requireNonNull(group, "group == null");
      Objects.requireNonNull(rejection, "rejection == null");
      rejection.ifPresent(
          r -> {
            if (r.index() >= group.transfers().size()) {
              throw new IllegalArgumentException("rejection index outside the group: " + r.index());
            }
          });
    }
  }

  /** Which transfer of a group failed, and why. */
  public record Rejection(int index, RejectionReason reason) {
    /**
     * Checks that the index is not negative.
     *
     * @param index the failed transfer's position in its group
     * @param reason why it failed
     */
    public Rejection {
      if (index < 0) {
        throw new IllegalArgumentException("index must not be negative: " + index);
      }
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  /**
   * An application's note, opaque to the engine.
   *
   * @param note the note
   */
  public record Noted(Command.Note note) implements Body {
    /**
     * Checks that the note is not null.
     *
     * @param note the note
     */
    public Noted {
      Objects.requireNonNull(note, "note == null");
    }
  }

  /** Pending transfers whose timeout had passed when this record was written, released. */
  public record Expired(List<TransferId> pendingIds) implements Body {
    /**
     * Copies the ids; a record names 1 to 65535 of them.
     *
     * @param pendingIds the released pending transfers
     */
    public Expired {
      pendingIds = List.copyOf(pendingIds);
      if (pendingIds.isEmpty() || pendingIds.size() > 0xFFFF) {
        throw new IllegalArgumentException("an expiry names 1 to 65535 transfers");
      }
    }
  }
}
