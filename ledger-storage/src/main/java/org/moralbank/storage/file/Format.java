package org.moralbank.storage.file;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.store.JournalRecord;

/**
 * The on-disk format, version 1, specified in docs/file-journal.md. All integers are big-endian.
 *
 * <pre>
 * segment header (64 bytes)           frame (81 + n bytes)
 *   0  8  magic 89 'MBSEG' 0d 0a        0  4  n, the record's length
 *   8  4  format version (1)            4  4  CRC32C of bytes 0..3 and 8..80+n
 *  12  8  first sequence                8  8  sequence
 *  20 32  previous hash                16  1  flags (bit 0: last record of its batch)
 *  52  8  reserved, zero               17 32  previous hash
 *  60  4  CRC32C of bytes 0..59        49 32  hash (leaf hash of the record)
 *                                      81  n  record bytes
 * </pre>
 */
final class Format {
  static final int VERSION = 1;

  static final byte[] SEGMENT_MAGIC = {(byte) 0x89, 'M', 'B', 'S', 'E', 'G', '\r', '\n'};
  static final int SEGMENT_HEADER = 64;

  static final int FRAME_HEADER = 81;
  static final int CRC_OFFSET = 4;
  static final int SEQUENCE_OFFSET = 8;
  static final int FLAGS_OFFSET = 16;
  static final int PREVIOUS_OFFSET = 17;
  static final int HASH_OFFSET = 49;
  static final int FLAG_END_OF_BATCH = 1;
  /** Longest record a frame may hold; longer length fields are damage, not records. */
  static final int MAX_RECORD = 64 << 20;

  static final String SEGMENT_SUFFIX = ".seg";
  static final String TEMP_SUFFIX = ".tmp";

  private Format() {}

  /** Segment files are named for their first sequence, padded so that names sort like numbers. */
  static String segmentName(long firstSequence) {
    return String.format(Locale.ROOT, "%020d%s", firstSequence, SEGMENT_SUFFIX);
  }

  /**
   * The number in a file name made of {@code prefix}, 20 decimal digits and {@code suffix}, or
   * -1 if the name is not of that form.
   */
  static long parseName(String name, String prefix, String suffix) {
    if (name.length() != prefix.length() + 20 + suffix.length()
        || !name.startsWith(prefix) || !name.endsWith(suffix)) {
      return -1;
    }
    String digits = name.substring(prefix.length(), prefix.length() + 20);
    if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return -1; // beyond Long.MAX_VALUE: not one of ours
    }
  }

  static byte[] segmentHeader(long firstSequence, Hash previousHash) {
    ByteBuffer b = ByteBuffer.allocate(SEGMENT_HEADER);
    b.put(SEGMENT_MAGIC).putInt(VERSION).putLong(firstSequence).put(previousHash.toByteArray());
    b.putLong(0);
    b.putInt(crc(b.array(), 0, SEGMENT_HEADER - 4));
    return b.array();
  }

  /** A segment's header, as read back. */
  record SegmentHeader(long firstSequence, Hash previousHash) {
    /**
     * Parses the first {@code length} bytes of {@code file}, at most {@link #SEGMENT_HEADER}.
     *
     * @param expectedSequence the sequence the segment should start at, for the error
     */
    static SegmentHeader parse(Path file, long expectedSequence, byte[] h, int length)
        throws JournalCorruptedException {
      if (length < SEGMENT_HEADER) {
        throw new JournalCorruptedException(file, 0, expectedSequence,
            "segment file of " + length + " bytes is shorter than its header");
      }
      if (!Arrays.equals(h, 0, SEGMENT_MAGIC.length, SEGMENT_MAGIC, 0, SEGMENT_MAGIC.length)) {
        throw new JournalCorruptedException(file, 0, expectedSequence,
            "not a journal segment: bad magic");
      }
      ByteBuffer b = ByteBuffer.wrap(h);
      if (b.getInt(SEGMENT_HEADER - 4) != crc(h, 0, SEGMENT_HEADER - 4)) {
        throw new JournalCorruptedException(file, 0, expectedSequence,
            "segment header fails its CRC32C");
      }
      int version = b.getInt(8);
      if (version != VERSION) {
        throw new JournalCorruptedException(file, 8, expectedSequence,
            "unsupported segment format version " + version + " (this library reads " + VERSION
                + ")");
      }
      if (b.getLong(52) != 0) {
        throw new JournalCorruptedException(file, 52, expectedSequence,
            "reserved segment header bytes are not zero");
      }
      return new SegmentHeader(b.getLong(12), Hash.of(h, 20));
    }
  }

  /** Bytes a frame of {@code record} takes. */
  static int frameLength(JournalRecord record) {
    return FRAME_HEADER + record.bytes().length;
  }

  /**
   * Encodes {@code batch} as consecutive frames into {@code out} from 0, the last one marked as
   * the end of the batch; returns the number of bytes written.
   */
  static int encodeBatch(List<JournalRecord> batch, byte[] out, CRC32C crc) {
    ByteBuffer b = ByteBuffer.wrap(out);
    for (int i = 0; i < batch.size(); i++) {
      JournalRecord r = batch.get(i);
      int start = b.position();
      byte[] bytes = r.bytes();
      b.putInt(bytes.length).putInt(0).putLong(r.sequence());
      b.put((byte) (i == batch.size() - 1 ? FLAG_END_OF_BATCH : 0));
      r.previousHash().copyTo(out, start + PREVIOUS_OFFSET);
      r.hash().copyTo(out, start + HASH_OFFSET);
      b.position(start + FRAME_HEADER);
      b.put(bytes);
      b.putInt(start + CRC_OFFSET, frameCrc(out, start, bytes.length, crc));
    }
    return b.position();
  }

  /** The CRC32C a frame starting at {@code start} of {@code buffer} must carry. */
  static int frameCrc(byte[] buffer, int start, int recordLength, CRC32C crc) {
    crc.reset();
    crc.update(buffer, start, 4);
    crc.update(buffer, start + SEQUENCE_OFFSET, FRAME_HEADER - SEQUENCE_OFFSET + recordLength);
    return (int) crc.getValue();
  }

  static int crc(byte[] data, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(data, offset, length);
    return (int) crc.getValue();
  }
}
