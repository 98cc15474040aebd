package org.moralbank.ledger;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The canonical binary encoding of records, version 1 (docs/ledger-format.md). Big-endian, fixed
 * field order, no optional padding: one record has exactly one encoding, and decoding rejects
 * anything else (unknown codes, trailing bytes, non-canonical flags), so that bytes and meaning
 * can never drift apart.
 */
final class RecordCodec {
  static final int HEADER_LENGTH = 1 + 1 + 8 + 8 + Hash.LENGTH;

  static final int TYPE_GENESIS = 1;
  static final int TYPE_ACCOUNT_OPENED = 2;
  static final int TYPE_ACCOUNT_STATUS = 3;
  static final int TYPE_TRANSFERS = 4;
  static final int TYPE_NOTE = 5;
  static final int TYPE_EXPIRED = 6;

  static final int TRANSFER_SINGLE = 1;
  static final int TRANSFER_PENDING = 2;
  static final int TRANSFER_POST = 3;
  static final int TRANSFER_VOID = 4;

  private RecordCodec() {}

  /**
   * One scratch buffer per thread (the branch's writer, a verifier's threads): a record is built
   * in it and copied out once, instead of in a new buffer that grows on the way.
   */
  private static final ThreadLocal<Output> SCRATCH = ThreadLocal.withInitial(() -> new Output(512));

  static byte[] encode(LedgerRecord record) {
    Output out = SCRATCH.get();
    out.reset();
    out.u8(LedgerRecord.FORMAT_VERSION);
    out.u8(type(record.body()));
    out.u64(record.sequence());
    out.u64(record.timestamp());
    out.hash(record.previousHash());
    LedgerRecord.Body body = record.body();
    if (body instanceof LedgerRecord.Genesis g) {
      out.u8(g.algorithm().code());
      out.shortString(g.bankId());
      out.shortString(g.branchId());
    } else if (body instanceof LedgerRecord.AccountOpened o) {
      writeOpenAccount(out, o.command());
    } else if (body instanceof LedgerRecord.AccountStatusChanged c) {
      out.id(c.command().id().high(), c.command().id().low());
      out.u8(c.command().status().code());
    } else if (body instanceof LedgerRecord.Transfers t) {
      out.u16(t.group().transfers().size());
      for (TransferRequest request : t.group().transfers()) {
        writeTransfer(out, request);
      }
      if (t.rejection().isPresent()) {
        out.u8(1);
        out.u16(t.rejection().get().index());
        out.u16(t.rejection().get().reason().code());
      } else {
        out.u8(0);
      }
    } else if (body instanceof LedgerRecord.Noted n) {
      byte[] payload = n.note().payload();
      out.u16(n.note().kind());
      out.u32(payload.length);
      out.bytes(payload);
    } else if (body instanceof LedgerRecord.Expired e) {
      out.u16(e.pendingIds().size());
      for (TransferId id : e.pendingIds()) {
        out.id(id.high(), id.low());
      }
    } else {
      throw new AssertionError("unknown body " + body);
    }
    return out.toByteArray();
  }

  private static int type(LedgerRecord.Body body) {
    if (body instanceof LedgerRecord.Genesis) {
      return TYPE_GENESIS;
    } else if (body instanceof LedgerRecord.AccountOpened) {
      return TYPE_ACCOUNT_OPENED;
    } else if (body instanceof LedgerRecord.AccountStatusChanged) {
      return TYPE_ACCOUNT_STATUS;
    } else if (body instanceof LedgerRecord.Transfers) {
      return TYPE_TRANSFERS;
    } else if (body instanceof LedgerRecord.Noted) {
      return TYPE_NOTE;
    } else if (body instanceof LedgerRecord.Expired) {
      return TYPE_EXPIRED;
    }
    throw new AssertionError("unknown body " + body);
  }

  static void writeOpenAccount(Output out, Command.OpenAccount o) {
    out.id(o.id().high(), o.id().low());
    out.u8(o.kind().code());
    int bits = 0;
    for (AccountFlag f : o.flags()) {
      bits |= f.bit();
    }
    out.u8(bits);
    if (o.debitLimit().isPresent()) {
      out.u8(1);
      out.u64(o.debitLimit().get().value());
    } else {
      out.u8(0);
    }
  }

  static void writeTransfer(Output out, TransferRequest request) {
    if (request instanceof TransferRequest.Single t) {
      out.u8(TRANSFER_SINGLE);
      out.id(t.id().high(), t.id().low());
      writeMovement(out, t.debit(), t.credit(), t.amount(), t.code(), t.corrects(), t.reference());
    } else if (request instanceof TransferRequest.Pending p) {
      out.u8(TRANSFER_PENDING);
      out.id(p.id().high(), p.id().low());
      writeMovement(out, p.debit(), p.credit(), p.amount(), p.code(), p.corrects(), p.reference());
      out.u64(p.timeout().toNanos());
    } else if (request instanceof TransferRequest.PostPending p) {
      out.u8(TRANSFER_POST);
      out.id(p.id().high(), p.id().low());
      out.id(p.pendingId().high(), p.pendingId().low());
      if (p.amount().isPresent()) {
        out.u8(1);
        out.u64(p.amount().get().value());
      } else {
        out.u8(0);
      }
    } else if (request instanceof TransferRequest.VoidPending v) {
      out.u8(TRANSFER_VOID);
      out.id(v.id().high(), v.id().low());
      out.id(v.pendingId().high(), v.pendingId().low());
    } else {
      throw new AssertionError("unknown transfer " + request);
    }
  }

  private static void writeMovement(
      Output out,
      AccountId debit,
      AccountId credit,
      Minutes amount,
      int code,
      Optional<TransferId> corrects,
      String reference) {
    out.id(debit.high(), debit.low());
    out.id(credit.high(), credit.low());
    out.u64(amount.value());
    out.u16(code);
    if (corrects.isPresent()) {
      out.id(corrects.get().high(), corrects.get().low());
    } else {
      out.id(0, 0);
    }
    if (reference.isEmpty()) {
      out.u8(0); // most transfers carry no reference: no array to encode it into
      return;
    }
    byte[] ref = reference.getBytes(StandardCharsets.UTF_8);
    out.u8(ref.length);
    out.bytes(ref);
  }

  static LedgerRecord decode(byte[] bytes) {
    return decode(new Input(bytes));
  }

  /**
   * Decodes the record {@code in} is over. A replay passes the same input for every record (see
   * {@link Input#over}): its table of account ids keeps one object per account however many
   * transfers name it, and its likely hash lets a record share the previous record's hash object
   * rather than a copy.
   */
  static LedgerRecord decode(Input in) {
    try {
      int version = in.u8();
      if (version != LedgerRecord.FORMAT_VERSION) {
        throw new MalformedRecordException("unknown record format version " + version);
      }
      int type = in.u8();
      long sequence = in.u64();
      long timestamp = in.u64();
      Hash previous = in.hash();
      LedgerRecord.Body body =
          switch (type) {
            case TYPE_GENESIS -> new LedgerRecord.Genesis(
                HashAlgorithm.fromCode(in.u8()), in.shortString(), in.shortString());
            case TYPE_ACCOUNT_OPENED -> new LedgerRecord.AccountOpened(readOpenAccount(in));
            case TYPE_ACCOUNT_STATUS -> new LedgerRecord.AccountStatusChanged(
                new Command.ChangeAccountStatus(in.accountId(), AccountStatus.fromCode(in.u8())));
            case TYPE_TRANSFERS -> readTransfers(in);
            case TYPE_NOTE -> {
              int kind = in.u16();
              int length = in.u32Length(Command.Note.MAX_PAYLOAD);
              yield new LedgerRecord.Noted(new Command.Note(kind, in.bytes(length)));
            }
            case TYPE_EXPIRED -> {
              int count = in.u16();
              List<TransferId> ids = new ArrayList<>(count);
              for (int i = 0; i < count; i++) {
                ids.add(in.transferId());
              }
              yield new LedgerRecord.Expired(ids);
            }
            default -> throw new MalformedRecordException("unknown record type " + type);
          };
      if (in.remaining() != 0) {
        throw new MalformedRecordException(in.remaining() + " trailing bytes after the record");
      }
      return new LedgerRecord(sequence, timestamp, previous, body);
    } catch (BufferUnderflowException e) {
      throw new MalformedRecordException("record ends early (" + in.length() + " bytes)", e);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new MalformedRecordException("record holds an invalid value: " + e.getMessage(), e);
    }
  }

  static Command.OpenAccount readOpenAccount(Input in) {
    AccountId id = in.accountId();
    AccountKind kind = AccountKind.fromCode(in.u8());
    int bits = in.u8();
    Set<AccountFlag> flags = EnumSet.noneOf(AccountFlag.class);
    for (AccountFlag f : AccountFlag.values()) {
      if ((bits & f.bit()) != 0) {
        flags.add(f);
        bits &= ~f.bit();
      }
    }
    if (bits != 0) {
      throw new MalformedRecordException("unknown account flag bits " + bits);
    }
    Optional<Minutes> limit = in.flag() ? Optional.of(Minutes.of(in.u64())) : Optional.empty();
    return new Command.OpenAccount(id, kind, flags, limit);
  }

  private static LedgerRecord.Transfers readTransfers(Input in) {
    int count = in.u16();
    if (count == 0) {
      throw new MalformedRecordException("a transfer group is never empty");
    }
    List<TransferRequest> transfers;
    if (count == 1) {
      // Most groups hold one transfer: one small immutable list, which the group keeps as it is.
      transfers = List.of(readTransfer(in));
    } else {
      transfers = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        transfers.add(readTransfer(in));
      }
    }
    Optional<LedgerRecord.Rejection> rejection =
        in.flag()
            ? Optional.of(
                new LedgerRecord.Rejection(in.u16(), RejectionReason.fromCode(in.u16())))
            : Optional.empty();
    return new LedgerRecord.Transfers(new Command.TransferGroup(transfers), rejection);
  }

  static TransferRequest readTransfer(Input in) {
    int kind = in.u8();
    TransferId id = in.transferId();
    return switch (kind) {
      case TRANSFER_SINGLE -> new TransferRequest.Single(
          id, in.accountId(), in.accountId(), Minutes.of(in.u64()), in.u16(), in.optionalTransferId(),
          in.reference());
      case TRANSFER_PENDING -> new TransferRequest.Pending(
          id, in.accountId(), in.accountId(), Minutes.of(in.u64()), in.u16(), in.optionalTransferId(),
          in.reference(), Duration.ofNanos(in.u64()));
      case TRANSFER_POST -> new TransferRequest.PostPending(
          id, in.transferId(), in.flag() ? Optional.of(Minutes.of(in.u64())) : Optional.empty());
      case TRANSFER_VOID -> new TransferRequest.VoidPending(id, in.transferId());
      default -> throw new MalformedRecordException("unknown transfer kind " + kind);
    };
  }

  /**
   * The fields that matter to the rules of records holding one plain transfer, read straight
   * from their bytes: a replay applies such a record without building its six objects ({@link
   * BranchState#replayPlain}), and nearly every record of a busy branch is one. Plain means
   * exactly what {@link #decode} would return as a group of one {@link TransferRequest.Single}
   * with no correction and an ASCII reference, journaled as applied; a record that is anything
   * else, or malformed in any way, is left to {@link #decode}. Slot {@code i} holds the record
   * last read into it.
   */
  static final class PlainTransfers {
    /** Where the fields are in a plain record: after the 50-byte header, count and kind. */
    private static final int ID = HEADER_LENGTH + 2 + 1;
    private static final int DEBIT = ID + 16;
    private static final int CREDIT = DEBIT + 16;
    private static final int AMOUNT = CREDIT + 16;
    private static final int CODE = AMOUNT + 8;
    private static final int CORRECTS = CODE + 2;
    private static final int REFERENCE = CORRECTS + 16;
    /** The length of a plain record with an empty reference. */
    static final int LENGTH = REFERENCE + 1 + 1;

    final long[] sequences;
    /** Transfer id, debit and credit account ids: high and low bits, two longs each per slot. */
    final long[] ids;
    final long[] debits;
    final long[] credits;
    final long[] amounts;

    PlainTransfers(int slots) {
      sequences = new long[slots];
      ids = new long[2 * slots];
      debits = new long[2 * slots];
      credits = new long[2 * slots];
      amounts = new long[slots];
    }

    /**
     * Reads the record {@code b[offset, offset + length)} into slot {@code i} if it is plain.
     *
     * @return false, changing no slot, if it is not
     */
    boolean read(byte[] b, int offset, int length, int i) {
      if (length < LENGTH
          || b[offset] != LedgerRecord.FORMAT_VERSION
          || b[offset + 1] != TYPE_TRANSFERS
          || (short) Input.SHORT.get(b, offset + HEADER_LENGTH) != 1
          || b[offset + HEADER_LENGTH + 2] != TRANSFER_SINGLE) {
        return false;
      }
      int references = b[offset + REFERENCE] & 0xFF;
      if (length != LENGTH + references || references > TransferRequest.MAX_REFERENCE_BYTES
          || b[offset + REFERENCE + 1 + references] != 0) {
        return false;
      }
      for (int k = offset + REFERENCE + 1; k < offset + REFERENCE + 1 + references; k++) {
        if (b[k] < 0) {
          return false;
        }
      }
      long sequence = u64(b, offset + 2);
      long idHigh = u64(b, offset + ID);
      long idLow = u64(b, offset + ID + 8);
      long debitHigh = u64(b, offset + DEBIT);
      long debitLow = u64(b, offset + DEBIT + 8);
      long creditHigh = u64(b, offset + CREDIT);
      long creditLow = u64(b, offset + CREDIT + 8);
      long amount = u64(b, offset + AMOUNT);
      if (sequence < 0 || amount < 0
          || (short) Input.SHORT.get(b, offset + CODE) == 0
          || u64(b, offset + CORRECTS) != 0 || u64(b, offset + CORRECTS + 8) != 0
          || Ids.reserved(idHigh, idLow) || Ids.reserved(debitHigh, debitLow)
          || Ids.reserved(creditHigh, creditLow)) {
        return false;
      }
      sequences[i] = sequence;
      ids[2 * i] = idHigh;
      ids[2 * i + 1] = idLow;
      debits[2 * i] = debitHigh;
      debits[2 * i + 1] = debitLow;
      credits[2 * i] = creditHigh;
      credits[2 * i + 1] = creditLow;
      amounts[i] = amount;
      return true;
    }

  }

  /** {@return the big-endian long at {@code b[at, at + 8)}}, read in one load */
  static long u64(byte[] b, int at) {
    return (long) Input.LONG.get(b, at);
  }

  private static final byte[] EMPTY = {};

  /** A growable big-endian byte sink. */
  static final class Output {
    private byte[] buffer;
    private int length;

    Output(int capacity) {
      buffer = new byte[capacity];
    }

    private void ensure(int more) {
      if (length + more > buffer.length) {
        buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
      }
    }

    void u8(int v) {
      ensure(1);
      buffer[length++] = (byte) v;
    }

    void u16(int v) {
      ensure(2);
      buffer[length++] = (byte) (v >>> 8);
      buffer[length++] = (byte) v;
    }

    void u32(int v) {
      ensure(4);
      for (int shift = 24; shift >= 0; shift -= 8) {
        buffer[length++] = (byte) (v >>> shift);
      }
    }

    void u64(long v) {
      ensure(8);
      for (int shift = 56; shift >= 0; shift -= 8) {
        buffer[length++] = (byte) (v >>> shift);
      }
    }

    void id(long high, long low) {
      u64(high);
      u64(low);
    }

    void hash(Hash h) {
      ensure(Hash.LENGTH);
      h.copyTo(buffer, length);
      length += Hash.LENGTH;
    }

    void bytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buffer, length, b.length);
      length += b.length;
    }

    void shortString(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      u8(b.length);
      bytes(b);
    }

    byte[] toByteArray() {
      return java.util.Arrays.copyOf(buffer, length);
    }

    void reset() {
      length = 0;
    }
  }

  private static boolean isAscii(byte[] b) {
    for (byte x : b) {
      if (x < 0) {
        return false;
      }
    }
    return true;
  }

  /** A big-endian reader that refuses non-canonical values. */
  static final class Input {
    private static final VarHandle SHORT =
        MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT =
        MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    // A plain index over the array rather than a ByteBuffer: one object less per record decoded.
    private byte[] bytes;
    private int start;
    /** Where the input ends: a record may be a slice of a larger buffer. */
    private int limit;
    private int position;
    /** Account ids already read, by a hash of their bits; null unless shared. */
    private AccountId[] accounts;
    /** A hash {@link #hash} returns instead of a copy when the bytes are the same; may be null. */
    private Hash likelyHash;

    Input(byte[] bytes) {
      this(bytes, 0, bytes.length, null, null);
    }

    /**
     * @param start where the input starts in {@code bytes}
     * @param limit where it ends
     * @param accounts the account ids already read (see {@link #accountTable}), or null
     * @param likelyHash the hash a hash field most likely holds, or null
     */
    Input(byte[] bytes, int start, int limit, AccountId[] accounts, Hash likelyHash) {
      this.bytes = bytes;
      this.start = start;
      this.limit = limit;
      this.position = start;
      this.accounts = accounts;
      this.likelyHash = likelyHash;
    }

    /**
     * Starts this input over on another record, keeping its table of account ids: a replay
     * decodes millions of records through one input instead of one object per record.
     *
     * @return this input
     */
    Input over(byte[] bytes, int start, int limit, Hash likelyHash) {
      this.bytes = bytes;
      this.start = start;
      this.limit = limit;
      this.position = start;
      this.likelyHash = likelyHash;
      return this;
    }

    /** A table of account ids already read: 16,384 slots, a power of two. */
    static AccountId[] accountTable() {
      return new AccountId[1 << 14];
    }

    /**
     * Makes repeated account ids one object: a snapshot names the same few thousand accounts in
     * millions of transfers, and each would otherwise keep two copies of its ids.
     */
    Input sharingAccountIds() {
      accounts = accountTable();
      return this;
    }

    int length() {
      return limit - start;
    }

    int remaining() {
      return limit - position;
    }

    /** Moves past {@code n} bytes, returning where they start. */
    private int take(int n) {
      int at = position;
      if (n > limit - at) {
        throw new BufferUnderflowException();
      }
      position = at + n;
      return at;
    }

    int u8() {
      return bytes[take(1)] & 0xFF;
    }

    int u16() {
      return (short) SHORT.get(bytes, take(2)) & 0xFFFF;
    }

    int u32Length(int max) {
      int v = (int) INT.get(bytes, take(4));
      if (v < 0 || v > max) {
        throw new MalformedRecordException("length " + Integer.toUnsignedString(v) + " exceeds " + max);
      }
      return v;
    }

    long u64() {
      return (long) LONG.get(bytes, take(8));
    }

    boolean flag() {
      int v = u8();
      if (v > 1) {
        throw new MalformedRecordException("a presence flag is 0 or 1, not " + v);
      }
      return v == 1;
    }

    Hash hash() {
      int at = take(Hash.LENGTH);
      if (likelyHash != null && likelyHash.equalsAt(bytes, at)) {
        return likelyHash;
      }
      return Hash.of(bytes, at);
    }

    byte[] bytes(int n) {
      if (n == 0) {
        return EMPTY;
      }
      int at = take(n);
      return Arrays.copyOfRange(bytes, at, at + n);
    }

    AccountId accountId() {
      long high = u64();
      long low = u64();
      if (accounts == null) {
        return new AccountId(high, low);
      }
      int slot = (int) ((high * 31 + low) ^ ((high * 31 + low) >>> 29)) & (accounts.length - 1);
      AccountId seen = accounts[slot];
      if (seen != null && seen.high() == high && seen.low() == low) {
        return seen;
      }
      AccountId id = new AccountId(high, low);
      accounts[slot] = id;
      return id;
    }

    TransferId transferId() {
      return new TransferId(u64(), u64());
    }

    Optional<TransferId> optionalTransferId() {
      long high = u64();
      long low = u64();
      return high == 0 && low == 0 ? Optional.empty() : Optional.of(new TransferId(high, low));
    }

    String shortString() {
      return utf8(bytes(u8()));
    }

    String reference() {
      return utf8(bytes(u8()));
    }

    private static String utf8(byte[] b) {
      if (b.length == 0) {
        return "";
      }
      if (isAscii(b)) {
        // The common case (ids, codes) needs no strict decoder: ASCII is valid UTF-8 as it is.
        return new String(b, StandardCharsets.US_ASCII);
      }
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(b))
            .toString();
      } catch (CharacterCodingException e) {
        throw new MalformedRecordException("a string is not valid UTF-8", e);
      }
    }
  }
}
