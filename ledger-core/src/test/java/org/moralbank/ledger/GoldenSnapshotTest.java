package org.moralbank.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.io.BaseEncoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed golden snapshots of snapshot format version 2 (docs/test-vectors/snapshot-v2-sha-256.txt):
 * the state of the SHA-256 golden journal after some of its records, one line each,
 * {@code size snapshot-hex}. They cover every transfer outcome, a transfer still pending and a
 * linked group of two. The test replays the golden journal to each size and expects the same
 * bytes, decodes each snapshot and expects it to encode back to itself. Regenerate with
 * {@code -Dmoralbank.regenerateGolden=true} only when a new snapshot version is introduced.
 */
class GoldenSnapshotTest {
  /** After the pending transfer 108 (one transfer still pending), and after the whole journal. */
  private static final long[] SIZES = {17, 18};

  private static final Path FILE = GoldenJournalTest.VECTORS.resolve("snapshot-v2-sha-256.txt");

  private static List<String> snapshots() throws IOException {
    List<String> golden = Files.readAllLines(GoldenJournalTest.file(HashAlgorithm.SHA_256), StandardCharsets.UTF_8);
    Replayer replayer = new Replayer(BranchConfig.of("moral-bank", "flower-association").genesis());
    List<String> out = new ArrayList<>();
    for (String line : golden) {
      assertNull(replayer.accept(BaseEncoding.base16().lowerCase().decode(line.split(" ")[2])));
      for (long size : SIZES) {
        if (replayer.size() == size) {
          byte[] state = StateCodec.encode(
              replayer.state(), replayer.size(), replayer.head(), replayer.lastTimestamp(), replayer.frontier());
          out.add(size + " " + BaseEncoding.base16().lowerCase().encode(state));
        }
      }
    }
    assertEquals(golden.size(), SIZES[SIZES.length - 1], "the last size is the whole golden journal");
    return out;
  }

  @Test
  void goldenSnapshots_decode_encodeBack_andReplayGivesTheSameBytes() throws IOException {
    if (Boolean.getBoolean("moralbank.regenerateGolden")) {
      Files.write(FILE, snapshots(), StandardCharsets.UTF_8);
    }
    List<String> golden = Files.readAllLines(FILE, StandardCharsets.UTF_8);
    assertEquals(SIZES.length, golden.size());
    int[] pending = {1, 0};
    for (int i = 0; i < golden.size(); i++) {
      String[] parts = golden.get(i).split(" ");
      byte[] bytes = BaseEncoding.base16().lowerCase().decode(parts[1]);
      assertEquals(2, bytes[0], "snapshot format version");
      StateCodec.Restored r = StateCodec.decode(bytes);
      assertEquals(Long.parseLong(parts[0]), r.size());
      assertEquals(pending[i], r.state().pendingCount(), "pending transfers at size " + parts[0]);
      assertEquals(5, r.state().accountCount());
      assertArrayEquals(bytes, StateCodec.encode(r.state(), r.size(), r.head(), r.lastTimestamp(), r.frontier()));
    }
    assertEquals(golden, snapshots(), "today's engine writes the golden snapshots");
  }

  /** Every way a snapshot's transfer section can lie, each refused as malformed. */
  @Test
  void damagedTransferSections_areMalformed() throws IOException {
    String last = Files.readAllLines(FILE, StandardCharsets.UTF_8).get(SIZES.length - 1);
    byte[] bytes = BaseEncoding.base16().lowerCase().decode(last.split(" ")[1]);
    StateCodec.Restored r = StateCodec.decode(bytes);
    int transfers = r.state().transferCount();
    // The transfer section ends where the pending count (0 here) and the frontier begin.
    int frontier = r.frontier().toBytes().length;
    int pendingAt = bytes.length - 4 - frontier - 4;
    int first = pendingAt - transfers * 27;
    assertEquals(transfers, readInt(bytes, first - 4), "the transfer count precedes the list");

    byte[] unknownOutcome = bytes.clone();
    unknownOutcome[first + 26] = 6;
    assertMalformed(unknownOutcome, "unknown transfer outcome");

    byte[] beyondSize = bytes.clone();
    beyondSize[first + 16 + 6] = (byte) 0x7f;
    assertMalformed(beyondSize, "a transfer at sequence");

    byte[] swapped = bytes.clone();
    System.arraycopy(bytes, first, swapped, first + 27, 27);
    System.arraycopy(bytes, first + 27, swapped, first, 27);
    assertMalformed(swapped, "out of journal order");

    byte[] duplicated = bytes.clone();
    System.arraycopy(bytes, first, duplicated, first + 27, 16);
    assertMalformed(duplicated, "appears twice");

    byte[] positionBeyondAnyGroup = bytes.clone();
    positionBeyondAnyGroup[first + 24] = (byte) 0xFF;
    assertMalformed(positionBeyondAnyGroup, "beyond the largest group");

    // A damaged size field: no gigabyte table is allocated for it, and a sequence beyond what
    // the table can hold is refused even below that size.
    byte[] hugeSize = bytes.clone();
    int sizeAt = 2 + 1 + "moral-bank".length() + 1 + "flower-association".length();
    assertEquals(r.size(), java.nio.ByteBuffer.wrap(bytes, sizeAt, 8).getLong(), "the size field");
    hugeSize[sizeAt] = 0x7f;
    StateCodec.Restored huge = StateCodec.decode(hugeSize);
    assertEquals(0x7f00_0000_0000_0000L | r.size(), huge.size());
    assertEquals(transfers, huge.state().transferCount());
    byte[] hugeSequence = hugeSize.clone();
    hugeSequence[first + 16 + 1] = 0x40;
    assertMalformed(hugeSequence, "a transfer at sequence");

    byte[] pendingClaimed = bytes.clone();
    pendingClaimed[first + 26] = 2;
    assertMalformed(pendingClaimed, "transfers are pending");
  }

  /** Accounts come by id, each once: a snapshot whose accounts do not is refused. */
  @Test
  void accountsOutOfOrderOrTwice_areMalformed() throws IOException {
    String last = Files.readAllLines(FILE, StandardCharsets.UTF_8).get(SIZES.length - 1);
    byte[] bytes = BaseEncoding.base16().lowerCase().decode(last.split(" ")[1]);
    int sizeAt = 2 + 1 + "moral-bank".length() + 1 + "flower-association".length();
    int count = sizeAt + 8 + Hash.LENGTH + 8;
    assertEquals(5, readInt(bytes, count), "the account count precedes the accounts");
    int first = count + 4;
    List<AccountId> ids = new ArrayList<>();
    StateCodec.decode(bytes).state().accounts().inOrder().forEach(a -> ids.add(a.spec.id()));
    ids.sort(null);
    assertEquals(ids.get(0), new AccountId(readLong(bytes, first), readLong(bytes, first + 8)));

    byte[] outOfOrder = bytes.clone();
    outOfOrder[first] = 0x7f;
    assertMalformed(outOfOrder, "accounts out of order");

    // The second account given the first one's id.
    int second = indexOf(bytes, ids.get(1), first + 16);
    byte[] twice = bytes.clone();
    System.arraycopy(bytes, first, twice, second, 16);
    assertMalformed(twice, "accounts out of order");
  }

  private static long readLong(byte[] b, int at) {
    return java.nio.ByteBuffer.wrap(b, at, 8).getLong();
  }

  private static int indexOf(byte[] b, AccountId id, int from) {
    for (int at = from; at + 16 <= b.length; at++) {
      if (readLong(b, at) == id.high() && readLong(b, at + 8) == id.low()) {
        return at;
      }
    }
    throw new AssertionError(id + " not found");
  }

  private static void assertMalformed(byte[] bytes, String message) {
    MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> StateCodec.decode(bytes));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }
}
