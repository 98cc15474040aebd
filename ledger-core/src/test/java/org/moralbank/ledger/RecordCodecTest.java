package org.moralbank.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The canonical encoding: decode inverts encode, and malformed bytes are refused by name. */
class RecordCodecTest {
  @Provide
  Arbitrary<LedgerRecord> records() {
    Arbitrary<AccountId> account = Arbitraries.longs().between(1, Long.MAX_VALUE).map(AccountId::of);
    Arbitrary<TransferId> id = Arbitraries.longs().between(1, Long.MAX_VALUE).map(TransferId::of);
    Arbitrary<Minutes> amount = Arbitraries.longs().between(0, Long.MAX_VALUE).map(Minutes::of);
    Arbitrary<Integer> code = Arbitraries.integers().between(1, 65535);
    Arbitrary<String> ref = Arbitraries.strings().withChars("abc字-_0").ofMaxLength(20);
    Arbitrary<TransferRequest> single = Combinators.combine(id, account, account, amount, code, id.optional(), ref)
        .as((i, d, c, a, k, corr, r) -> corr.filter(x -> !x.equals(i)).isPresent() || corr.isEmpty()
            ? new TransferRequest.Single(i, d, c, a, k, corr.filter(x -> !x.equals(i)), r)
            : TransferRequest.Single.of(i, d, c, a, k));
    Arbitrary<TransferRequest> pending = Combinators.combine(id, account, account, amount, code,
            Arbitraries.longs().between(1, TransferRequest.MAX_TIMEOUT.toNanos()))
        .as((i, d, c, a, k, t) -> TransferRequest.Pending.of(i, d, c, a, k, Duration.ofNanos(t)));
    Arbitrary<TransferRequest> post = Combinators.combine(id, id, amount.optional())
        .as(TransferRequest.PostPending::new);
    Arbitrary<TransferRequest> voidP = Combinators.combine(id, id).as(TransferRequest.VoidPending::new);
    Arbitrary<List<TransferRequest>> group = Arbitraries.oneOf(single, pending, post, voidP).list().ofMinSize(1).ofMaxSize(5);
    Arbitrary<LedgerRecord.Body> transfers = Combinators.combine(group, Arbitraries.integers().between(0, 4),
            Arbitraries.of(RejectionReason.class).optional())
        .as((g, i, r) -> new LedgerRecord.Transfers(new Command.TransferGroup(g),
            r.map(x -> new LedgerRecord.Rejection(i % g.size(), x))));
    Arbitrary<LedgerRecord.Body> open = Combinators.combine(account, Arbitraries.of(AccountKind.class),
            Arbitraries.of(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS).set(), amount.optional())
        .as((a, k, f, l) -> new LedgerRecord.AccountOpened(new Command.OpenAccount(a, k, f, l)));
    Arbitrary<LedgerRecord.Body> status = Combinators.combine(account, Arbitraries.of(AccountStatus.class))
        .as((a, s) -> new LedgerRecord.AccountStatusChanged(new Command.ChangeAccountStatus(a, s)));
    Arbitrary<LedgerRecord.Body> note = Combinators.combine(Arbitraries.integers().between(1, 65535),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
        .as((k, p) -> new LedgerRecord.Noted(new Command.Note(k, p)));
    Arbitrary<LedgerRecord.Body> expired = id.list().ofMinSize(1).ofMaxSize(5).map(LedgerRecord.Expired::new);
    Arbitrary<LedgerRecord.Body> genesis = Combinators.combine(Arbitraries.of(HashAlgorithm.class),
            Arbitraries.strings().withChars("abc019.-_").ofMinLength(1).ofMaxLength(63).filter(s -> Character.isLetterOrDigit(s.charAt(0))))
        .as((a, b) -> new LedgerRecord.Genesis(a, b, b));
    Arbitrary<byte[]> hash = Arbitraries.bytes().array(byte[].class).ofSize(32);
    return Combinators.combine(Arbitraries.longs().greaterOrEqual(0), Arbitraries.longs(), hash,
            Arbitraries.oneOf(transfers, open, status, note, expired, genesis))
        .as((s, t, h, b) -> new LedgerRecord(s, t, Hash.of(h), b));
  }

  @Property(tries = 1000)
  void decode_invertsEncode(@ForAll("records") LedgerRecord record) {
    byte[] bytes = record.encode();
    LedgerRecord back = LedgerRecord.decode(bytes);
    assertEquals(record, back);
    assertArrayEquals(bytes, back.encode());
  }

  @Property(tries = 500)
  void everyProperPrefix_isMalformed(@ForAll("records") LedgerRecord record) {
    byte[] bytes = record.encode();
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] prefix = Arrays.copyOf(bytes, cut);
      assertThrows(MalformedRecordException.class, () -> LedgerRecord.decode(prefix), "cut at " + cut);
    }
  }

  @Property(tries = 300)
  void trailingBytes_areMalformed(@ForAll("records") LedgerRecord record) {
    byte[] bytes = Arrays.copyOf(record.encode(), record.encode().length + 1);
    assertThrows(MalformedRecordException.class, () -> LedgerRecord.decode(bytes));
  }

  static byte[] sample() {
    return new LedgerRecord(3, 7, Hash.ZERO,
        new LedgerRecord.Noted(new Command.Note(1, new byte[] {1}))).encode();
  }

  @Example
  void unknownVersion_isMalformed() {
    byte[] b = sample();
    b[0] = 2;
    assertEquals("unknown record format version 2",
        assertThrows(MalformedRecordException.class, () -> LedgerRecord.decode(b)).getMessage());
  }

  @Example
  void unknownType_isMalformed() {
    byte[] b = sample();
    b[1] = 99;
    assertThrows(MalformedRecordException.class, () -> LedgerRecord.decode(b));
  }

  @Example
  void nonCanonicalFlagsAndCodes_areMalformed() {
    LedgerRecord open = new LedgerRecord(1, 1, Hash.ZERO,
        new LedgerRecord.AccountOpened(Command.OpenAccount.member(AccountId.of(5))));
    byte[] b = open.encode();
    int flags = RecordCodec.HEADER_LENGTH + 16 + 1;
    b[flags] = (byte) 0x80;
    assertThrows(MalformedRecordException.class, () -> LedgerRecord.decode(b));
    byte[] c = open.encode();
    c[flags + 1] = 2; // the debit-limit presence flag may only be 0 or 1
    assertThrows(MalformedRecordException.class, () -> LedgerRecord.decode(c));
    byte[] d = open.encode();
    d[RecordCodec.HEADER_LENGTH + 16] = 0; // account kind 0 does not exist
    assertThrows(MalformedRecordException.class, () -> LedgerRecord.decode(d));
  }

  @Example
  void invalidUtf8Reference_isMalformed() {
    TransferRequest t = new TransferRequest.Single(TransferId.of(1), AccountId.of(1), AccountId.of(2),
        Minutes.of(1), 1, Optional.empty(), "ab");
    byte[] b = new LedgerRecord(1, 1, Hash.ZERO,
        new LedgerRecord.Transfers(Command.TransferGroup.of(t), Optional.empty())).encode();
    b[b.length - 3] = (byte) 0xC3; // 'a' becomes a lone UTF-8 lead byte
    assertThrows(MalformedRecordException.class, () -> LedgerRecord.decode(b));
  }

  @Example
  void negativeAmountOrZeroId_isMalformed() {
    List<byte[]> bad = new ArrayList<>();
    TransferRequest t = TransferRequest.Single.of(TransferId.of(1), AccountId.of(1), AccountId.of(2), Minutes.of(1), 1);
    byte[] b = new LedgerRecord(1, 1, Hash.ZERO,
        new LedgerRecord.Transfers(Command.TransferGroup.of(t), Optional.empty())).encode();
    int idAt = RecordCodec.HEADER_LENGTH + 2 + 1;
    byte[] zeroId = b.clone();
    Arrays.fill(zeroId, idAt, idAt + 16, (byte) 0);
    bad.add(zeroId);
    byte[] negative = b.clone();
    negative[idAt + 16 + 32] = (byte) 0x80;
    bad.add(negative);
    for (byte[] x : bad) {
      assertThrows(MalformedRecordException.class, () -> LedgerRecord.decode(x));
    }
  }
}
