package org.moralbank.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.moralbank.ledger.LedgerRecord;
import org.moralbank.ledger.MalformedRecordException;

/**
 * Reads record 0 of a file journal whose damage came before the scan verified it, so that a
 * failure can still name its branch. It reads only the first frame of the first segment, as
 * docs/file-journal.md (segment format, version 1) specifies it, checks that frame's CRC32C, and
 * decodes the record; it writes nothing. Anything unexpected (another format version, a bad
 * frame) gives no answer.
 */
final class GenesisPeek {
  private static final byte[] MAGIC = {(byte) 0x89, 'M', 'B', 'S', 'E', 'G', '\r', '\n'};
  private static final int SEGMENT_HEADER = 64;
  private static final int FRAME_HEADER = 81;
  /** A genesis record is 50 header bytes, an algorithm byte and two ids of at most 64 bytes. */
  private static final int MAX_GENESIS = 50 + 1 + 2 * 64;

  private GenesisPeek() {}

  /** {@code bank/branch} of the journal in {@code directory}, if its first frame is sound. */
  static Optional<String> branchOf(Path directory) {
    Path first = directory.resolve(String.format("%020d.seg", 0));
    byte[] head = new byte[SEGMENT_HEADER + FRAME_HEADER + MAX_GENESIS];
    int n;
    try (InputStream in = Files.newInputStream(first)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(head, 0, n);
    if (n < SEGMENT_HEADER + FRAME_HEADER || !Arrays.equals(head, 0, 8, MAGIC, 0, 8)
        || b.getInt(8) != 1) {
      return Optional.empty();
    }
    int length = b.getInt(SEGMENT_HEADER);
    if (length < 0 || length > MAX_GENESIS || SEGMENT_HEADER + FRAME_HEADER + length > n
        || b.getLong(SEGMENT_HEADER + 8) != 0) {
      return Optional.empty();
    }
    CRC32C crc = new CRC32C();
    crc.update(head, SEGMENT_HEADER, 4);
    crc.update(head, SEGMENT_HEADER + 8, FRAME_HEADER - 8 + length);
    if ((int) crc.getValue() != b.getInt(SEGMENT_HEADER + 4)) {
      return Optional.empty();
    }
    byte[] record = Arrays.copyOfRange(head, SEGMENT_HEADER + FRAME_HEADER,
        SEGMENT_HEADER + FRAME_HEADER + length);
    try {
      if (LedgerRecord.decode(record).body() instanceof LedgerRecord.Genesis g) {
        return Optional.of(g.bankId() + "/" + g.branchId());
      }
    } catch (MalformedRecordException e) {
      // no genesis to name
    }
    return Optional.empty();
  }
}
