package org.moralbank.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.moralbank.ledger.proof.MerkleFrontier;

/**
 * A replay applies a record holding one plain transfer from fields read straight from its bytes
 * ({@link RecordCodec.PlainTransfers}, {@link BranchState#replayPlain}). Both halves must agree
 * with the full path exactly: the reading accepts just the records that decode to a plain
 * transfer, with their fields, and the rules decide as the full replay does, changing nothing
 * when they would not apply it.
 */
class PlainReplayTest {
  // ---- reading ----

  @Provide
  Arbitrary<byte[]> candidates() {
    Arbitrary<byte[]> any = new RecordCodecTest().records().map(LedgerRecord::encode);
    Arbitrary<byte[]> plainish = plainish().map(LedgerRecord::encode);
    Arbitrary<byte[]> base = Arbitraries.frequencyOf(Tuple.of(1, any), Tuple.of(4, plainish));
    // One byte set, or a run of up to 16 bytes zeroed, anywhere (or nowhere): a version, type,
    // count, kind, id, code, corrects, reference length, reference byte or flag that a plain
    // record may not have; or the record cut short or given bytes more at its end.
    return Combinators.combine(base, Arbitraries.integers().between(-80, 200), Arbitraries.bytes(),
            Arbitraries.integers().between(-3, 16))
        .as((b, at, v, zeros) -> {
          if (zeros < 0) {
            return java.util.Arrays.copyOf(b, Math.max(0, at < 0 ? b.length + zeros : b.length - zeros));
          }
          if (at < 0 || at >= b.length) {
            return b;
          }
          byte[] c = b.clone();
          if (zeros == 0) {
            c[at] = v;
          } else {
            java.util.Arrays.fill(c, at, Math.min(c.length, at + zeros), (byte) 0);
          }
          return c;
        });
  }

  private static Arbitrary<LedgerRecord> plainish() {
    Arbitrary<AccountId> account = Arbitraries.oneOf(
        Arbitraries.longs().between(1, 300).map(AccountId::of),
        Arbitraries.longs().map(h -> new AccountId(h, 0x7F)));
    Arbitrary<TransferId> id = Arbitraries.longs().between(1, 300).map(TransferId::of);
    Arbitrary<Minutes> amount = Arbitraries.longs().between(0, Long.MAX_VALUE).map(Minutes::of);
    Arbitrary<String> reference = Arbitraries.oneOf(
        Arbitraries.just(""),
        Arbitraries.strings().ascii().ofMaxLength(TransferRequest.MAX_REFERENCE_BYTES),
        Arbitraries.strings().withChars("ab字").ofMaxLength(10));
    Arbitrary<TransferRequest> single = Combinators.combine(
            id, account, account, amount, Arbitraries.integers().between(1, 65535),
            id.optional(0.2), reference)
        .as((i, d, c, a, k, corr, r) -> new TransferRequest.Single(i, d, c, a, k, corr.filter(x -> !x.equals(i)), r));
    Arbitrary<List<TransferRequest>> group = Arbitraries.frequencyOf(
        Tuple.of(6, single.map(List::of)), Tuple.of(1, single.list().ofSize(2)));
    Arbitrary<Optional<LedgerRecord.Rejection>> rejection = Arbitraries.of(RejectionReason.class)
        .map(r -> new LedgerRecord.Rejection(0, r)).optional(0.2);
    return Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.longs(), group, rejection)
        .as((s, t, g, r) -> new LedgerRecord(s, t, Hash.ZERO,
            new LedgerRecord.Transfers(new Command.TransferGroup(g), r)));
  }

  @Property(tries = 5000)
  void read_acceptsExactlyTheRecordsThatDecodeToAPlainTransfer(@ForAll("candidates") byte[] bytes) {
    LedgerRecord decoded;
    try {
      decoded = LedgerRecord.decode(bytes);
    } catch (MalformedRecordException e) {
      decoded = null;
    }
    TransferRequest.Single plain = decoded == null ? null : plain(decoded);
    // Read from inside a larger buffer, into a slot other than the first.
    byte[] buffer = new byte[bytes.length + 9];
    java.util.Arrays.fill(buffer, (byte) 0x33);
    System.arraycopy(bytes, 0, buffer, 5, bytes.length);
    RecordCodec.PlainTransfers slots = new RecordCodec.PlainTransfers(3);
    boolean read = slots.read(buffer, 5, bytes.length, 2);
    assertEquals(plain != null, read, () -> String.valueOf(LedgerRecord.decode(bytes)));
    if (read) {
      assertEquals(decoded.sequence(), slots.sequences[2]);
      assertEquals(plain.id(), new TransferId(slots.ids[4], slots.ids[5]));
      assertEquals(plain.debit(), new AccountId(slots.debits[4], slots.debits[5]));
      assertEquals(plain.credit(), new AccountId(slots.credits[4], slots.credits[5]));
      assertEquals(plain.amount().value(), slots.amounts[2]);
    }
  }

  /** The plain transfer {@code r} holds, or null if it is anything else. */
  private static TransferRequest.Single plain(LedgerRecord r) {
    if (r.body() instanceof LedgerRecord.Transfers t
        && t.rejection().isEmpty()
        && t.group().transfers().size() == 1
        && t.group().transfers().get(0) instanceof TransferRequest.Single s
        && s.corrects().isEmpty()
        && s.reference().chars().allMatch(c -> c < 0x80)) {
      return s;
    }
    return null;
  }

  // ---- rules ----

  @Property(tries = 3000)
  void replayPlain_decidesAsTheFullReplay_andChangesNothingWhenItDoesNotApply(@ForAll long seed) {
    List<TransferId> known = new ArrayList<>();
    BranchState fast = state(seed, known);
    BranchState full = state(seed, new ArrayList<>());
    Random random = new Random(~seed);
    long high = highBits(seed);
    TransferId id = !known.isEmpty() && random.nextInt(5) == 0
        ? known.get(random.nextInt(known.size()))
        : new TransferId(high, 10_000 + random.nextInt(1000));
    long amount = switch (random.nextInt(6)) {
      case 0 -> 0;
      case 1 -> Long.MAX_VALUE - random.nextInt(3);
      default -> 1 + random.nextInt(150);
    };
    TransferRequest.Single transfer = TransferRequest.Single.of(
        id, account(high, 1 + random.nextInt(5)), account(high, 1 + random.nextInt(5)), Minutes.of(amount), 1);
    Command.TransferGroup group = Command.TransferGroup.of(transfer);
    byte[] bytes = new LedgerRecord(SEQUENCE, 1, Hash.ZERO, new LedgerRecord.Transfers(group, Optional.empty())).encode();
    RecordCodec.PlainTransfers slots = new RecordCodec.PlainTransfers(1);
    assertTrue(slots.read(bytes, 0, bytes.length, 0));

    byte[] before = snapshot(fast);
    boolean applied = fast.replayPlain(slots, 0);
    String notJournaled = full.whyNotJournaled(group);
    LedgerRecord.Rejection rejection = notJournaled == null ? full.replayTransfers(group, SEQUENCE, 1) : null;
    assertEquals(notJournaled == null && rejection == null, applied,
        () -> transfer + ": full replay " + (notJournaled != null ? notJournaled : rejection));
    assertArrayEquals(applied ? snapshot(full) : before, snapshot(fast));
    assertEquals(0, fast.mark(), "a plain replay keeps no undo");
  }

  private static final long SEQUENCE = 500;

  /** The high bits of every id of one try: zero in some tries, as in {@code AccountId.of}. */
  private static long highBits(long seed) {
    return seed % 3 == 0 ? 0 : new Random(seed * 31).nextLong() | 1;
  }

  private static AccountId account(long high, long low) {
    return new AccountId(high, low);
  }

  /**
   * Accounts 1 to 4 (5 is never opened) with random kinds, caps, limits and statuses, and a few
   * transfers between them, applied or rejected; their ids go to {@code known}.
   */
  private static BranchState state(long seed, List<TransferId> known) {
    Random random = new Random(seed);
    long high = highBits(seed);
    BranchState s = new BranchState(BranchConfig.of("b", "c").genesis());
    for (int i = 1; i <= 4; i++) {
      Set<AccountFlag> flags = switch (random.nextInt(4)) {
        case 0 -> Set.of();
        case 1 -> Set.of(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
        case 2 -> Set.of(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS);
        default -> Set.of(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS, AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS);
      };
      // A limit only where debits are not capped by credits already (the two contradict).
      Optional<Minutes> limit = random.nextInt(3) == 0 && !flags.contains(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)
          ? Optional.of(Minutes.of(random.nextInt(200))) : Optional.empty();
      assertTrue(s.open(new Command.OpenAccount(account(high, i), AccountKind.MEMBER, flags, limit), i).journal());
    }
    for (int t = 0; t < 12; t++) {
      TransferId id = new TransferId(high, 100 + t);
      Command.TransferGroup g = Command.TransferGroup.of(TransferRequest.Single.of(
          id, account(high, 1 + random.nextInt(4)), account(high, 1 + random.nextInt(4)),
          Minutes.of(random.nextInt(120)), 1));
      assertNull(s.whyNotJournaled(g));
      s.replayTransfers(g, 10 + t, 10 + t);
      known.add(id);
    }
    for (int i = 1; i <= 4; i++) {
      if (random.nextInt(4) == 0) {
        AccountStatus status = random.nextBoolean() ? AccountStatus.FROZEN : AccountStatus.CLOSED;
        s.changeStatus(new Command.ChangeAccountStatus(account(high, i), status), 40);
      }
    }
    s.commit();
    return s;
  }

  private static byte[] snapshot(BranchState s) {
    return StateCodec.encode(s, SEQUENCE + 1, Hash.ZERO, 0, MerkleFrontier.empty(HashAlgorithm.SHA_256));
  }
}
