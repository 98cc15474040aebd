package org.moralbank.storage.file;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * What the store knows about one segment file: where its valid bytes end, how many records it
 * holds, and a sparse index (the offset of every {@value #INDEX_INTERVAL}th frame) so that a read
 * from the middle skips at most that many frames instead of scanning from the header. The
 * writer adds frames while readers look up spans, hence the synchronized methods.
 */
final class Segment {
  static final int INDEX_INTERVAL = 256;

  private final Path path;
  private final long firstSequence;
  private long count;
  private long end = Format.SEGMENT_HEADER;
  private long[] index = new long[4];
  private int indexed;

  Segment(Path path, long firstSequence) {
    this.path = path;
    this.firstSequence = firstSequence;
  }

  Path path() {
    return path;
  }

  long firstSequence() {
    return firstSequence;
  }

  synchronized long count() {
    return count;
  }

  synchronized long end() {
    return end;
  }

  /** Records the segment's next frame: {@code length} bytes at {@code offset}. */
  synchronized void add(long offset, int length) {
    if (count % INDEX_INTERVAL == 0) {
      if (indexed == index.length) {
        index = Arrays.copyOf(index, 2 * indexed);
      }
      index[indexed++] = offset;
    }
    count++;
    end = offset + length;
  }

  /** Forgets every frame after the first {@code keep}, which end at {@code newEnd}. */
  synchronized void truncate(long keep, long newEnd) {
    count = keep;
    end = newEnd;
    indexed = (int) ((keep + INDEX_INTERVAL - 1) / INDEX_INTERVAL);
  }

  /**
   * Where a read of {@code [from, to)} starts in this segment, or null if the segment holds none
   * of those records.
   */
  synchronized Span span(long from, long to) {
    if (firstSequence >= to || firstSequence + count <= from) {
      return null;
    }
    int k = (int) ((Math.max(from, firstSequence) - firstSequence) / INDEX_INTERVAL);
    return new Span(path, index[k], firstSequence + (long) k * INDEX_INTERVAL, end);
  }

  /** Where to scan a segment file: from {@code offset} (frame {@code sequence}) to {@code end}. */
  record Span(Path path, long offset, long sequence, long end) {}
}
