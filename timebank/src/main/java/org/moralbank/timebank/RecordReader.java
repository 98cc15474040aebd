package org.moralbank.timebank;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.LedgerRecord;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.TransferRequest;

/**
 * Reads the bodies the domain needs from a record's canonical bytes, as docs/ledger-format.md
 * (record format version 1) specifies them.
 *
 * <p>Why: {@link LedgerRecord.Body}'s record types ({@code Noted}, {@code Transfers}, ...) are
 * package-private in the engine, so {@code BranchJournal.read} hands out bodies this module
 * cannot look into; their canonical bytes ({@link LedgerRecord#encode()}) are public and
 * specified. Once the engine makes those types public, this class reduces to {@code instanceof}
 * checks. The engine has verified every record it hands out, so a record that does not parse
 * here is a bug, not bad input.
 */
final class RecordReader {
  private static final int HEADER = 50;

  private RecordReader() {}

  /** What a record says, as far as the domain cares. */
  sealed interface Body {}

  record AccountOpened(AccountId account) implements Body {}

  /** A linked group: applied, or rejected as a whole. */
  record Transfers(List<TransferRequest> group, boolean applied) implements Body {}

  record Noted(int kind, byte[] payload) implements Body {}

  record Expired(List<TransferId> pending) implements Body {}

  /** Genesis and account status changes: nothing the domain reads. */
  record Other() implements Body {}

  static Body body(LedgerRecord record) {
    ByteBuffer b = ByteBuffer.wrap(record.encode());
    try {
      int version = u8(b);
      if (version != LedgerRecord.FORMAT_VERSION) {
        throw new IllegalStateException("record format version " + version);
      }
      int type = u8(b);
      b.position(HEADER);
      switch (type) {
        case 2:
          return new AccountOpened(accountId(b));
        case 4:
          return transfers(b);
        case 5: {
          int kind = u16(b);
          byte[] payload = new byte[b.getInt()];
          b.get(payload);
          return new Noted(kind, payload);
        }
        case 6: {
          int n = u16(b);
          List<TransferId> ids = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            ids.add(transferId(b));
          }
          return new Expired(ids);
        }
        default:
          return new Other();
      }
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new IllegalStateException("record " + record.sequence() + " does not parse as format version 1", e);
    }
  }

  private static Transfers transfers(ByteBuffer b) {
    int n = u16(b);
    List<TransferRequest> group = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int kind = u8(b);
      TransferId id = transferId(b);
      switch (kind) {
        case 1:
        case 2: {
          AccountId debit = accountId(b);
          AccountId credit = accountId(b);
          Minutes amount = Minutes.of(b.getLong());
          int code = u16(b);
          long ch = b.getLong();
          long cl = b.getLong();
          Optional<TransferId> corrects = ch == 0 && cl == 0 ? Optional.empty() : Optional.of(new TransferId(ch, cl));
          byte[] ref = new byte[u8(b)];
          b.get(ref);
          String reference = new String(ref, StandardCharsets.UTF_8);
          group.add(kind == 1
              ? new TransferRequest.Single(id, debit, credit, amount, code, corrects, reference)
              : new TransferRequest.Pending(id, debit, credit, amount, code, corrects, reference,
                  Duration.ofNanos(b.getLong())));
          break;
        }
        case 3: {
          TransferId pending = transferId(b);
          Optional<Minutes> amount = u8(b) == 1 ? Optional.of(Minutes.of(b.getLong())) : Optional.empty();
          group.add(new TransferRequest.PostPending(id, pending, amount));
          break;
        }
        case 4:
          group.add(new TransferRequest.VoidPending(id, transferId(b)));
          break;
        default:
          throw new IllegalArgumentException("transfer kind " + kind);
      }
    }
    return new Transfers(group, u8(b) == 0);
  }

  private static int u8(ByteBuffer b) {
    return b.get() & 0xFF;
  }

  private static int u16(ByteBuffer b) {
    return b.getShort() & 0xFFFF;
  }

  private static AccountId accountId(ByteBuffer b) {
    return new AccountId(b.getLong(), b.getLong());
  }

  private static TransferId transferId(ByteBuffer b) {
    return new TransferId(b.getLong(), b.getLong());
  }
}
