package org.moralbank.ledger;

import java.nio.BufferUnderflowException;
import java.util.ArrayList;
import java.util.List;
import org.moralbank.ledger.proof.MerkleFrontier;

/**
 * The snapshot encoding of a branch's derived state, version 2 (docs/ledger-format.md): accounts
 * by id, every transfer id with where the journal holds it and how it stands, in journal order,
 * and the pending transfers whole, by id; so equal states have equal bytes. Replay tests compare
 * these bytes; the file journal stores them so that reopening need not replay all history.
 * Version 1 kept every transfer whole; it is no longer read (a journal with only such a
 * snapshot replays from its records once, see {@link BranchJournal#open}).
 */
final class StateCodec {
  static final int VERSION = 2;
  /** How the table's outcomes are written: their codes are part of the format. */
  private static final int[] OUTCOMES = {
    TransferTable.APPLIED, TransferTable.REJECTED, TransferTable.PENDING,
    TransferTable.POSTED, TransferTable.VOIDED, TransferTable.EXPIRED
  };

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
    List<BranchState.AccountState> accounts = new ArrayList<>(state.accounts().inOrder());
    accounts.sort(java.util.Comparator.comparing(a -> a.spec.id()));
    out.u32(accounts.size());
    for (BranchState.AccountState a : accounts) {
      RecordCodec.writeOpenAccount(out, a.spec);
      out.u64(a.openedAt);
      out.u8(a.status.code());
      out.u64(a.debitsPending);
      out.u64(a.debitsPosted);
      out.u64(a.creditsPending);
      out.u64(a.creditsPosted);
    }
    TransferTable table = state.transferTable();
    out.u32(table.size());
    int[] written = {0};
    table.inJournalOrder(size, (high, low, value) -> {
      out.id(high, low);
      out.u64(TransferTable.sequence(value));
      out.u16(TransferTable.index(value));
      out.u8(TransferTable.outcome(value));
      written[0]++;
    });
    if (written[0] != table.size()) {
      // Only a state with records not yet counted in size could get here: a bug, never a snapshot.
      throw new IllegalStateException(
          "the state holds " + table.size() + " transfers, " + written[0] + " of them below size " + size);
    }
    java.util.List<BranchState.PendingEntry> pending = state.pendingEntries();
    out.u32(pending.size());
    for (BranchState.PendingEntry e : pending) {
      RecordCodec.writeTransfer(out, e.request);
      out.u64(e.timestamp);
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
      // Sized by the transfers the bytes can hold at most (27 bytes each), not by the size field
      // alone: a damaged size must not allocate gigabytes before it is found out.
      BranchState state = new BranchState(genesis, Math.min(size, bytes.length / 27));
      Hash head = in.hash();
      long lastTimestamp = in.u64();
      int accounts = in.u32Length(Integer.MAX_VALUE);
      AccountId previousAccount = null;
      for (int i = 0; i < accounts; i++) {
        Command.OpenAccount spec = RecordCodec.readOpenAccount(in);
        if (previousAccount != null && spec.id().compareTo(previousAccount) <= 0) {
          throw new MalformedRecordException("accounts out of order at " + spec.id());
        }
        previousAccount = spec.id();
        BranchState.AccountState a = new BranchState.AccountState(spec, in.u64());
        a.status = AccountStatus.fromCode(in.u8());
        a.debitsPending = in.u64();
        a.debitsPosted = in.u64();
        a.creditsPending = in.u64();
        a.creditsPosted = in.u64();
        state.accounts().add(a);
      }
      int transfers = in.u32Length(Integer.MAX_VALUE);
      int chunk = Math.min(transfers, 4096);
      long[] ids = new long[2 * chunk];
      long[] values = new long[chunk];
      int chunked = 0;
      long previous = -1;
      int pendingListed = 0;
      for (int i = 0; i < transfers; i++) {
        ids[2 * chunked] = in.u64();
        ids[2 * chunked + 1] = in.u64();
        long sequence = in.u64();
        int index = in.u16();
        int outcome = in.u8();
        if (sequence < 1 || sequence >= size || sequence > TransferTable.MAX_SEQUENCE) {
          throw new MalformedRecordException("a transfer at sequence " + sequence + " of a snapshot of " + size + " records");
        }
        if (index >= Command.TransferGroup.MAX_SIZE) {
          throw new MalformedRecordException("transfer position " + index + " beyond the largest group");
        }
        if (outcome >= OUTCOMES.length) {
          throw new MalformedRecordException("unknown transfer outcome " + outcome);
        }
        long value = TransferTable.pack(sequence, index, OUTCOMES[outcome]);
        // Strictly in journal order: the one order an encoder writes, so equal states stay equal.
        if ((value >>> 3) <= previous) {
          throw new MalformedRecordException("transfers out of journal order at sequence " + sequence);
        }
        previous = value >>> 3;
        pendingListed += OUTCOMES[outcome] == TransferTable.PENDING ? 1 : 0;
        values[chunked++] = value;
        if (chunked == chunk) {
          state.restore(ids, values, chunked);
          chunked = 0;
        }
      }
      state.restore(ids, values, chunked);
      int pending = in.u32Length(Integer.MAX_VALUE);
      if (pending != pendingListed) {
        throw new MalformedRecordException(
            pendingListed + " transfers are pending, the snapshot holds " + pending);
      }
      TransferId previousPending = null;
      for (int i = 0; i < pending; i++) {
        if (!(RecordCodec.readTransfer(in) instanceof TransferRequest.Pending request)) {
          throw new MalformedRecordException("a pending entry that is not a pending transfer");
        }
        if (previousPending != null && request.id().compareTo(previousPending) <= 0) {
          throw new MalformedRecordException("pending transfers out of order at " + request.id());
        }
        previousPending = request.id();
        state.restorePending(request, in.u64());
      }
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
