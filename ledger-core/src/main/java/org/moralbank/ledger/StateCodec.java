package org.moralbank.ledger;

import java.nio.BufferUnderflowException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.moralbank.ledger.proof.MerkleFrontier;

/**
 * The snapshot encoding of a branch's derived state, version 1 (docs/ledger-format.md): accounts
 * and transfers sorted by id, so that equal states have equal bytes. Replay tests compare these
 * bytes; the file journal stores them so that reopening need not replay all history.
 */
final class StateCodec {
  static final int VERSION = 1;
  private static final Comparator<BranchState.TransferEntry> BY_ID =
      Comparator.comparing(e -> e.request.id());

  private StateCodec() {}

  static byte[] encode(
      BranchState state, long size, Hash head, long lastTimestamp, MerkleFrontier frontier) {
    RecordCodec.Output out = new RecordCodec.Output(1024);
    out.u8(VERSION);
    LedgerRecord.Genesis g = state.genesis;
    out.u8(g.algorithm().code());
    out.shortString(g.bankId());
    out.shortString(g.branchId());
    out.u64(size);
    out.hash(head);
    out.u64(lastTimestamp);
    List<AccountId> accountIds = new ArrayList<>(state.accounts().keySet());
    accountIds.sort(null);
    out.u32(accountIds.size());
    for (AccountId id : accountIds) {
      BranchState.AccountState a = state.accounts().get(id);
      RecordCodec.writeOpenAccount(out, a.spec);
      out.u64(a.openedAt);
      out.u8(a.status.code());
      out.u64(a.debitsPending);
      out.u64(a.debitsPosted);
      out.u64(a.creditsPending);
      out.u64(a.creditsPosted);
    }
    BranchState.TransferEntry[] transfers = state.transferEntries();
    Arrays.sort(transfers, BY_ID);
    out.u32(transfers.length);
    for (BranchState.TransferEntry e : transfers) {
      RecordCodec.writeTransfer(out, e.request);
      out.u64(e.sequence);
      out.u64(e.timestamp);
      out.u16(e.rejection == null ? 0 : e.rejection.code());
      out.u8(e.status == null ? 0 : e.status.code());
      out.u64(e.deadline);
    }
    byte[] tree = frontier.toBytes();
    out.u32(tree.length);
    out.bytes(tree);
    return out.toByteArray();
  }

  /** A decoded snapshot: the state and where in the chain it stands. */
  record Restored(
      BranchState state, long size, Hash head, long lastTimestamp, MerkleFrontier frontier) {}

  /** @throws MalformedRecordException if the bytes are not a version-1 snapshot */
  static Restored decode(byte[] bytes) {
    RecordCodec.Input in = new RecordCodec.Input(bytes).sharingAccountIds();
    try {
      int version = in.u8();
      if (version != VERSION) {
        throw new MalformedRecordException("unknown snapshot version " + version);
      }
      LedgerRecord.Genesis genesis =
          new LedgerRecord.Genesis(HashAlgorithm.fromCode(in.u8()), in.shortString(), in.shortString());
      long size = in.u64();
      // Sized by the records covered, an upper bound for most journals: no rehashing on restore.
      BranchState state = new BranchState(genesis, size);
      Hash head = in.hash();
      long lastTimestamp = in.u64();
      int accounts = in.u32Length(Integer.MAX_VALUE);
      for (int i = 0; i < accounts; i++) {
        Command.OpenAccount spec = RecordCodec.readOpenAccount(in);
        BranchState.AccountState a = new BranchState.AccountState(spec, in.u64());
        a.status = AccountStatus.fromCode(in.u8());
        a.debitsPending = in.u64();
        a.debitsPosted = in.u64();
        a.creditsPending = in.u64();
        a.creditsPosted = in.u64();
        state.accounts().put(spec.id(), a);
      }
      int transfers = in.u32Length(Integer.MAX_VALUE);
      BranchState.TransferEntry[] chunk = new BranchState.TransferEntry[Math.min(transfers, 4096)];
      int chunked = 0;
      for (int i = 0; i < transfers; i++) {
        TransferRequest request = RecordCodec.readTransfer(in);
        long sequence = in.u64();
        long timestamp = in.u64();
        int rejection = in.u16();
        BranchState.TransferEntry e =
            new BranchState.TransferEntry(
                request, sequence, timestamp,
                rejection == 0 ? null : RejectionReason.fromCode(rejection));
        int status = in.u8();
        e.status = status == 0 ? null : PendingStatus.fromCode(status);
        e.deadline = in.u64();
        chunk[chunked++] = e;
        if (chunked == chunk.length) {
          state.restore(chunk, chunked);
          chunked = 0;
        }
      }
      state.restore(chunk, chunked);
      MerkleFrontier frontier = MerkleFrontier.fromBytes(in.bytes(in.u32Length(1 << 16)));
      if (in.remaining() != 0) {
        throw new MalformedRecordException(in.remaining() + " trailing bytes after the snapshot");
      }
      return new Restored(state, size, head, lastTimestamp, frontier);
    } catch (BufferUnderflowException e) {
      throw new MalformedRecordException("snapshot ends early", e);
    } catch (IllegalArgumentException e) {
      throw new MalformedRecordException("snapshot holds an invalid value: " + e.getMessage(), e);
    }
  }
}
