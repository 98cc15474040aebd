package org.moralbank.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The value types: every malformed input is an exception with a documented type. */
class ValuesTest {
  @Test
  void minutes_negative_throws() {
    assertThrows(IllegalArgumentException.class, () -> Minutes.of(-1));
  }

  @Test
  void minutes_overflow_throws() {
    assertThrows(ArithmeticException.class, () -> Minutes.ofHours(Long.MAX_VALUE / 30));
    assertThrows(ArithmeticException.class, () -> Minutes.of(Long.MAX_VALUE).plus(Minutes.of(1)));
  }

  @Test
  void minutes_printAsHoursAndMinutes() {
    assertEquals("2h05m", Minutes.of(125).toString());
    assertEquals("0h00m", Minutes.ZERO.toString());
    assertEquals("-1h30m", Minutes.format(-90));
    assertEquals(90, Minutes.ofHours(1).plus(Minutes.of(30)).value());
  }

  @Test
  void ids_zeroAndAllOnes_throw() {
    assertThrows(IllegalArgumentException.class, () -> new AccountId(0, 0));
    assertThrows(IllegalArgumentException.class, () -> new TransferId(-1, -1));
  }

  @Test
  void ids_roundTripThroughHex() {
    AccountId a = new AccountId(0x0123456789abcdefL, 0xfedcba9876543210L);
    assertEquals("0123456789abcdeffedcba9876543210", a.toString());
    assertEquals(a, AccountId.parse(a.toString()));
    TransferId t = TransferId.random();
    assertEquals(t, TransferId.parse(t.toString().toUpperCase(java.util.Locale.ROOT)));
  }

  @Test
  void ids_badHex_throw() {
    assertThrows(IllegalArgumentException.class, () -> AccountId.parse("xyz"));
    assertThrows(IllegalArgumentException.class, () -> AccountId.parse("g".repeat(32)));
    assertThrows(IllegalArgumentException.class, () -> TransferId.parse(null));
  }

  @Test
  void ids_orderUnsigned() {
    assertEquals(-1, Integer.signum(AccountId.of(1).compareTo(AccountId.of(-2))));
  }

  @Test
  void hash_wrongLength_throws() {
    assertThrows(IllegalArgumentException.class, () -> Hash.of(new byte[31]));
    assertThrows(NullPointerException.class, () -> Hash.of((byte[]) null));
  }

  @Test
  void hash_copiesItsInput() {
    byte[] b = new byte[32];
    Hash h = Hash.of(b);
    b[0] = 1;
    assertEquals(Hash.ZERO, h);
    h.toByteArray()[1] = 1;
    assertEquals(Hash.ZERO, h);
  }

  // GB/T 32905-2016 Appendix A, examples 1 and 2.
  @Test
  void sm3_knownAnswers_gbt32905AppendixA() {
    assertEquals(
        "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
        HashAlgorithm.SM3.digest("abc".getBytes(StandardCharsets.US_ASCII)).hex());
    assertEquals(
        "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
        HashAlgorithm.SM3.digest("abcd".repeat(16).getBytes(StandardCharsets.US_ASCII)).hex());
  }

  /** A digest written into an array is the same digest, there and nowhere else. */
  @Test
  void digestIntoAnArray_writesTheSameDigestAtItsPlace_forBothAlgorithms() {
    byte[] data = "abc".getBytes(StandardCharsets.US_ASCII);
    for (HashAlgorithm algorithm : HashAlgorithm.values()) {
      HashAlgorithm.Hasher hasher = algorithm.newHasher();
      byte[] out = new byte[5 + Hash.LENGTH + 3];
      java.util.Arrays.fill(out, (byte) 7);
      hasher.digest(data, out, 5);
      assertEquals(algorithm.digest(data), Hash.of(out, 5));
      for (int i : new int[] {0, 4, 5 + Hash.LENGTH, out.length - 1}) {
        assertEquals(7, out[i], "byte " + i + " untouched");
      }
      // The hasher is ready for the next digest, and refuses an array with no room.
      assertEquals(algorithm.digest(data), hasher.digest(data));
      assertThrows(IndexOutOfBoundsException.class, () -> hasher.digest(data, out, out.length - Hash.LENGTH + 1));
    }
  }

  // FIPS 180-2 appendix B.1 and RFC 6962's empty-tree root.
  @Test
  void sha256_knownAnswers() {
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        HashAlgorithm.SHA_256.digest("abc".getBytes(StandardCharsets.US_ASCII)).hex());
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        HashAlgorithm.SHA_256.digest(new byte[0]).hex());
  }

  @Test
  void leafAndNodeHashes_areDomainSeparated() {
    Hash l = HashAlgorithm.SHA_256.leafHash(new byte[0]);
    // RFC 6962: the hash of an empty leaf is SHA-256(0x00).
    assertEquals("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", l.hex());
    Hash n = HashAlgorithm.SHA_256.nodeHash(l, l);
    byte[] both = new byte[64];
    l.copyTo(both, 0);
    l.copyTo(both, 32);
    assertNotEquals(HashAlgorithm.SHA_256.leafHash(both), n);
    for (HashAlgorithm a : HashAlgorithm.values()) {
      assertEquals(a, HashAlgorithm.fromCode(a.code()));
    }
    assertThrows(IllegalArgumentException.class, () -> HashAlgorithm.fromCode(9));
  }

  @Test
  void transferRequests_malformed_throw() {
    AccountId a = AccountId.of(1);
    AccountId b = AccountId.of(2);
    TransferId t = TransferId.of(1);
    assertThrows(NullPointerException.class, () -> TransferRequest.Single.of(null, a, b, Minutes.of(1), 1));
    assertThrows(NullPointerException.class, () -> TransferRequest.Single.of(t, a, null, Minutes.of(1), 1));
    assertThrows(IllegalArgumentException.class, () -> TransferRequest.Single.of(t, a, b, Minutes.of(1), 0));
    assertThrows(IllegalArgumentException.class, () -> TransferRequest.Single.of(t, a, b, Minutes.of(1), 65536));
    assertThrows(IllegalArgumentException.class,
        () -> new TransferRequest.Single(t, a, b, Minutes.of(1), 1, Optional.of(t), ""));
    assertThrows(IllegalArgumentException.class,
        () -> new TransferRequest.Single(t, a, b, Minutes.of(1), 1, Optional.empty(), "字".repeat(22)));
    assertThrows(IllegalArgumentException.class,
        () -> TransferRequest.Pending.of(t, a, b, Minutes.of(1), 1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> TransferRequest.Pending.of(t, a, b, Minutes.of(1), 1, Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class,
        () -> TransferRequest.Pending.of(t, a, b, Minutes.of(1), 1, Duration.ofDays(4000)));
  }

  /** UTF-8 cannot carry half a surrogate pair: journaled as '?', a retry would no longer match. */
  @Test
  void references_withAnUnpairedSurrogate_throw_pairedOnesAreKept() {
    AccountId a = AccountId.of(1);
    AccountId b = AccountId.of(2);
    TransferId t = TransferId.of(1);
    String flower = "\uD83C\uDF38";   // one code point, two chars
    for (String broken : new String[] {flower.substring(0, 1), flower.substring(1), "x" + flower.substring(0, 1) + "y",
        flower + flower.substring(1)}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new TransferRequest.Single(t, a, b, Minutes.of(1), 1, Optional.empty(), broken));
      assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
    }
    TransferRequest kept = new TransferRequest.Single(t, a, b, Minutes.of(1), 1, Optional.empty(), "花" + flower);
    LedgerRecord r = new LedgerRecord(1, 1, Hash.ZERO,
        new LedgerRecord.Transfers(Command.TransferGroup.of(kept), Optional.empty()));
    assertEquals(kept, ((LedgerRecord.Transfers) LedgerRecord.decode(r.encode()).body()).group().transfers().get(0));
  }

  @Test
  void commands_malformed_throw() {
    assertThrows(IllegalArgumentException.class, () -> new Command.TransferGroup(java.util.List.of()));
    assertThrows(IllegalArgumentException.class, () -> new Command.Note(0, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new Command.Note(1, new byte[Command.Note.MAX_PAYLOAD + 1]));
    assertThrows(IllegalArgumentException.class,
        () -> new Command.OpenAccount(AccountId.of(1), AccountKind.MEMBER,
            java.util.Set.of(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS), Optional.of(Minutes.of(5))));
    assertThrows(IllegalArgumentException.class, () -> BranchConfig.of("Bad Bank", "x"));
    assertThrows(IllegalArgumentException.class, () -> BranchConfig.of("bank", ""));
    assertThrows(IllegalArgumentException.class, () -> BranchConfig.of("bank", "b").withMaxBatch(0));
  }
}
