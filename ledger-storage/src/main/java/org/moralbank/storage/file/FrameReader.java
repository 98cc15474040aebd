package org.moralbank.storage.file;

import static org.moralbank.storage.file.Format.FRAME_HEADER;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.store.JournalRecord;

/**
 * Reads the frames of one segment file in order through a single buffer that it refills with
 * large positional reads: recovery and {@code read} both scan this way. A frame is returned
 * only if it is complete and passes its CRC32C; anything else stops the scan with a {@link
 * #problem()}. Not thread-safe: one reader per scan.
 */
final class FrameReader {
  /** Where the frames are read from: positional reads, as a {@link FileChannel} does them. */
  @FunctionalInterface
  interface Source {
    /**
     * Reads up to {@code length} bytes at {@code position} into {@code dst[offset...]}.
     *
     * @return how many bytes were read, or -1 at the end of the file
     */
    int read(byte[] dst, int offset, int length, long position) throws IOException;

    /** Positional reads of {@code channel}. */
    static Source of(FileChannel channel) {
      return (dst, offset, length, position) -> channel.read(ByteBuffer.wrap(dst, offset, length), position);
    }
  }

  private final Source source;
  private long end;
  private final CRC32C crc = new CRC32C();
  private byte[] buffer;
  private long bufferStart;
  private int limit;

  private long position;
  private int at;
  private long offset;
  private int length;
  private long sequence;
  private int flags;
  private String problem;
  /** The hash of the last record {@link #record} returned, and its bytes; null before the first. */
  private Hash lastHash;
  private final byte[] lastHashBytes = new byte[Hash.LENGTH];

  /** Scans {@code [start, end)} of {@code channel}; nothing at or after {@code end} is read. */
  FrameReader(FileChannel channel, long start, long end, int bufferSize) {
    this(Source.of(channel), start, end, bufferSize);
  }

  /** Scans {@code [start, end)} of what {@code source} reads. */
  FrameReader(Source source, long start, long end, int bufferSize) {
    this.source = source;
    this.end = end;
    this.position = start;
    this.bufferStart = start;
    this.buffer = new byte[Math.max(bufferSize, FRAME_HEADER)];
  }

  /**
   * Parses the frame at the current position and moves past it.
   *
   * @return true for a sound frame; false at the end of the range ({@link #problem()} is null)
   *     or at a frame that is incomplete or damaged (the reason is in {@link #problem()})
   */
  boolean next() throws IOException {
    offset = position;
    problem = null;
    if (position >= end) {
      return false;
    }
    if (!fill(FRAME_HEADER)) {
      problem = "incomplete frame header (" + (end - position) + " bytes)";
      return false;
    }
    int n = intAt(at);
    if (n < 0 || n > Format.MAX_RECORD) {
      problem = "impossible record length " + Integer.toUnsignedString(n);
      return false;
    }
    if (!fill(FRAME_HEADER + n)) {
      problem = "incomplete frame: " + (FRAME_HEADER + n) + " bytes expected, "
          + (end - position) + " present";
      return false;
    }
    if (intAt(at + Format.CRC_OFFSET) != Format.frameCrc(buffer, at, n, crc)) {
      problem = "frame fails its CRC32C";
      return false;
    }
    int f = buffer[at + Format.FLAGS_OFFSET];
    if ((f & ~Format.FLAG_END_OF_BATCH) != 0) {
      problem = "unknown frame flags " + f;
      return false;
    }
    length = n;
    flags = f;
    sequence = longAt(at + Format.SEQUENCE_OFFSET);
    position += FRAME_HEADER + n;
    return true;
  }

  /**
   * Whether a sound frame with a sequence of at least {@code minSequence} starts at {@code
   * candidate}: used to tell a torn tail (nothing sound after the damage) from damage in the
   * middle. Cheap fields are checked before the CRC, since most candidates are noise.
   */
  boolean soundFrameAt(long candidate, long minSequence) throws IOException {
    position = candidate;
    if (!fill(FRAME_HEADER)) {
      return false;
    }
    int n = intAt(at);
    if (n < 0 || n > end - candidate - FRAME_HEADER
        || (buffer[at + Format.FLAGS_OFFSET] & ~Format.FLAG_END_OF_BATCH) != 0
        || longAt(at + Format.SEQUENCE_OFFSET) < minSequence) {
      return false;
    }
    return next();
  }

  /** Buffers {@code n} bytes from {@code position}, at {@code at}; false past the end. */
  private boolean fill(int n) throws IOException {
    if (end - position < n) {
      return false;
    }
    long rel = position - bufferStart;
    if (rel < 0 || rel > limit) {
      bufferStart = position;
      limit = 0;
      rel = 0;
    }
    at = (int) rel;
    if (limit - at >= n) {
      return true;
    }
    int kept = limit - at;
    byte[] target = n > buffer.length ? new byte[Math.max(n, 2 * buffer.length)] : buffer;
    System.arraycopy(buffer, at, target, 0, kept);
    buffer = target;
    bufferStart = position;
    limit = kept;
    at = 0;
    while (limit < n) {
      int want = (int) Math.min(buffer.length - limit, end - bufferStart - limit);
      int read = source.read(buffer, limit, want, bufferStart + limit);
      if (read < 0) {
        end = bufferStart + limit; // the file is shorter than it was said to be
        return false;
      }
      limit += read;
    }
    return true;
  }

  private int intAt(int i) {
    return (buffer[i] & 0xFF) << 24 | (buffer[i + 1] & 0xFF) << 16 | (buffer[i + 2] & 0xFF) << 8
        | (buffer[i + 3] & 0xFF);
  }

  private long longAt(int i) {
    return (long) intAt(i) << 32 | (intAt(i + 4) & 0xFFFFFFFFL);
  }

  /** Why the scan stopped before the end, or null. */
  String problem() {
    return problem;
  }

  /** Offset of the frame last parsed (or of the one that failed). */
  long offset() {
    return offset;
  }

  /** Offset just past the frame last parsed. */
  long position() {
    return position;
  }

  long sequence() {
    return sequence;
  }

  int frameLength() {
    return FRAME_HEADER + length;
  }

  boolean endOfBatch() {
    return (flags & Format.FLAG_END_OF_BATCH) != 0;
  }

  boolean linksTo(byte[] previousHash) {
    return Arrays.equals(
        buffer, at + Format.PREVIOUS_OFFSET, at + Format.PREVIOUS_OFFSET + Hash.LENGTH,
        previousHash, 0, Hash.LENGTH);
  }

  void copyHashTo(byte[] target) {
    System.arraycopy(buffer, at + Format.HASH_OFFSET, target, 0, Hash.LENGTH);
  }

  /**
   * The buffer holding the frame last parsed, valid until the next call: its record starts at
   * {@link #recordOffset} and its leaf hash at {@link #hashOffset}.
   */
  byte[] buffer() {
    return buffer;
  }

  int recordOffset() {
    return at + FRAME_HEADER;
  }

  int recordLength() {
    return length;
  }

  int hashOffset() {
    return at + Format.HASH_OFFSET;
  }

  JournalRecord record() {
    int body = at + FRAME_HEADER;
    int previous = at + Format.PREVIOUS_OFFSET;
    // A record links to the one read before it: share that hash rather than copy it again.
    Hash previousHash = lastHash != null
        && Arrays.equals(buffer, previous, previous + Hash.LENGTH, lastHashBytes, 0, Hash.LENGTH)
        ? lastHash
        : Hash.of(buffer, previous);
    Hash hash = Hash.of(buffer, at + Format.HASH_OFFSET);
    copyHashTo(lastHashBytes);
    lastHash = hash;
    return new JournalRecord(sequence, previousHash, hash, Arrays.copyOfRange(buffer, body, body + length));
  }
}
