package org.moralbank.examples.demo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Damages a copy of a journal the way a bad disk or a forger would: one byte in the middle of a
 * segment file, inverted. The frame it falls in is found from the segment format of
 * docs/file-journal.md (a 64-byte header, then frames of 81 + n bytes), so that the demo can check
 * that the auditors' tool names exactly that record.
 */
final class Tampering {
  static final int SEGMENT_HEADER = 64;
  static final int FRAME_HEADER = 81;

  /** The frame holding the damaged byte: its record's sequence and where it starts. */
  record Frame(long sequence, long offset) {}

  /**
   * @param segment the damaged segment file of the copy
   * @param offset the byte inverted
   * @param frame the frame it fell in
   * @param field which field of the frame the byte belongs to
   */
  record Damage(Path segment, long offset, Frame frame, String field) {}

  private Tampering() {}

  /** Copies the segment files of {@code journal} into {@code copy} and inverts the middle byte of the largest. */
  static Damage flipMiddleByte(Path journal, Path copy) throws IOException {
    Files.createDirectories(copy);
    List<Path> segments = new ArrayList<>();
    try (Stream<Path> files = Files.list(journal)) {
      for (Path p : (Iterable<Path>) files.sorted()::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(".seg") || name.endsWith(".snap")) {
          Files.copy(p, copy.resolve(name));
          if (name.endsWith(".seg")) {
            segments.add(copy.resolve(name));
          }
        }
      }
    }
    Path segment = segments.get(0);
    for (Path s : segments) {
      if (Files.size(s) > Files.size(segment)) {
        segment = s;
      }
    }
    byte[] bytes = Files.readAllBytes(segment);
    long offset = bytes.length / 2;
    Frame frame = frameAt(bytes, offset);
    bytes[(int) offset] ^= (byte) 0xFF;
    Files.write(segment, bytes);
    return new Damage(segment, offset, frame, field(offset - frame.offset()));
  }

  /** Walks the frames of a segment to the one that holds byte {@code offset}. */
  static Frame frameAt(byte[] segment, long offset) {
    ByteBuffer b = ByteBuffer.wrap(segment);
    long at = SEGMENT_HEADER;
    while (at + FRAME_HEADER <= segment.length) {
      int n = b.getInt((int) at);
      long sequence = b.getLong((int) at + 8);
      if (offset < at + FRAME_HEADER + n) {
        if (offset < at) {
          break;
        }
        return new Frame(sequence, at);
      }
      at += FRAME_HEADER + n;
    }
    throw new IllegalArgumentException("byte " + offset + " is in no frame");
  }

  private static String field(long within) {
    if (within < 4) {
      return "length";
    } else if (within < 8) {
      return "CRC32C";
    } else if (within < 16) {
      return "sequence";
    } else if (within < 17) {
      return "flags";
    } else if (within < 49) {
      return "previous hash";
    } else if (within < 81) {
      return "hash";
    }
    return "record bytes";
  }
}
