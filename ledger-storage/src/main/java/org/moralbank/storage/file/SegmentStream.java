package org.moralbank.storage.file;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Reads the segment files of a scan ahead of it, in order, on a thread of its own, into a few
 * aligned buffers that the scan's {@link FrameReader}s copy from ({@link #source}).
 *
 * <p>A chunk the page cache holds (asked with {@code mincore}, through {@link
 * MappedByteBuffer#isLoaded}) is read through the cache. One it does not hold is read with
 * {@code O_DIRECT} ({@link ExtendedOpenOption#DIRECT}) where the file system allows it: the
 * device then writes straight into the buffer, and the kernel neither fills the page cache nor
 * copies out of it. On the machine of docs/performance.md, reading the 2.1 GB of a
 * ten-million-record journal from a cold cache took 1.86 s of system time through the cache and
 * 0.34 s direct, time the two verifying threads need on a two-core machine.
 *
 * <p>Only a help: whatever this thread cannot read (an error, a file shorter than the scan
 * expects, a read that does not move forward) the scan reads from the file itself, and so meets
 * and reports any error in order. Not thread-safe on the consuming side: one scan asks for the
 * files in order, from one thread.
 */
final class SegmentStream implements AutoCloseable {
  /** Bytes per chunk (fewer for a small journal): whole blocks, so direct reads stay aligned. */
  static final int CHUNK = 4 << 20;
  /** Chunks in circulation: how far ahead the reading thread may get (32 MiB). */
  private static final int BUFFERS = 8;
  /** How long the scan waits for a chunk before it asks whether the reading thread still runs. */
  private static final long POLL_MILLIS = 100;

  /** Bytes {@code [position, position + length)} of file {@code file}; or a marker. */
  private record Chunk(int file, long position, ByteBuffer data, int length) {
    boolean holds(long at) {
      return at >= position && at < position + length;
    }
  }

  /** The rest of file {@code file} could not be read ahead: the scan reads it itself. */
  private static Chunk gaveUp(int file) {
    return new Chunk(file, -1, null, 0);
  }

  private static final Chunk END = new Chunk(Integer.MAX_VALUE, -1, null, 0);

  private final List<Path> files;
  private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
  private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(BUFFERS + 2);
  private final Thread thread;
  private volatile boolean closed;
  // Consuming side.
  private Chunk current;
  /** A chunk taken for a later file than the one asked about, kept for it. */
  private Chunk early;
  private int lastFile = -1;

  /** False in tests only: read every chunk direct where the file system allows it. */
  private final boolean askCache;
  /** {@link #openDirect} but in tests, which stand in for platforms that refuse it. */
  private final Function<Path, FileChannel> directOpener;
  // Written by the reading thread; for tests, read once it has finished with the files.
  private volatile long directBytes;
  private volatile long cachedBytes;
  // The reading thread's.
  private int chunk = CHUNK;
  private int allocated;

  SegmentStream(List<Path> files) {
    this(files, true);
  }

  SegmentStream(List<Path> files, boolean askCache) {
    this(files, askCache, SegmentStream::openDirect);
  }

  /** For tests: {@code directOpener} gives the direct channel of a file, or null for none. */
  SegmentStream(List<Path> files, boolean askCache, Function<Path, FileChannel> directOpener) {
    this.files = List.copyOf(files);
    this.askCache = askCache;
    this.directOpener = directOpener;
    this.thread = new Thread(this::run, "moralbank-read-ahead");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Where the scan reads file {@code index} from: reads that move forward through it come from
   * the chunks read ahead, any other from {@code channel}. Files must be asked for in order.
   */
  FrameReader.Source source(int index, FileChannel channel) {
    if (index <= lastFile) {
      throw new IllegalStateException("file " + index + " asked for after file " + lastFile);
    }
    lastFile = index;
    FrameReader.Source own = FrameReader.Source.of(channel);
    return new FrameReader.Source() {
      private boolean fromChannel;

      @Override
      public int read(byte[] dst, int offset, int length, long position) throws IOException {
        if (!fromChannel) {
          Chunk c = chunkAt(index, position);
          if (c != null) {
            int from = (int) (position - c.position());
            int n = Math.min(length, c.length() - from);
            c.data().get(from, dst, offset, n);
            return n;
          }
          fromChannel = true; // from here on, this file is read from the channel
        }
        return own.read(dst, offset, length, position);
      }
    };
  }

  /** The chunk of {@code file} holding {@code position}, or null if the stream cannot serve it. */
  private Chunk chunkAt(int file, long position) {
    while (true) {
      if (current != null && current.file() == file) {
        if (current.holds(position)) {
          return current;
        }
        if (position < current.position()) {
          return null;
        }
      }
      release(current);
      current = null;
      Chunk next = early != null ? early : take();
      early = null;
      if (next == null) {
        return null;
      }
      if (next.file() < file) {
        release(next); // what an earlier file's scan did not need
      } else if (next.file() > file) {
        early = next; // this file ended early: the chunk is the next file's
        return null;
      } else if (next.data() == null) {
        return null; // the reading thread gave up on this file
      } else {
        current = next;
      }
    }
  }

  private Chunk take() {
    try {
      while (true) {
        Chunk c = filled.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (c != null) {
          return c;
        }
        if (!thread.isAlive()) {
          return filled.poll();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private void release(Chunk c) {
    if (c != null && c.data() != null) {
      free.offer(c.data());
    }
  }

  // ---- the reading thread ----

  private void run() {
    try {
      long largest = 0;
      for (Path p : files) {
        try {
          largest = Math.max(largest, Files.size(p));
        } catch (IOException e) {
          // gone: readFile says so for that file alone
        }
      }
      // A small journal gets small buffers: whole blocks, enough for its largest file.
      chunk = (int) Math.min(CHUNK, Math.max(4096, (largest + 4095) / 4096 * 4096));
      for (int i = 0; i < files.size() && !closed; i++) {
        readFile(i);
      }
      filled.put(END);
    } catch (InterruptedException e) {
      // closed
    } catch (RuntimeException | OutOfMemoryError e) {
      // only a help: the scan reads what is missing itself
      filled.offer(END);
    }
  }

  private void readFile(int index) throws InterruptedException {
    Path path = files.get(index);
    try (FileChannel cached = FileChannel.open(path, StandardOpenOption.READ);
        FileChannel direct = directOpener.apply(path)) {
      long size = cached.size();
      MappedByteBuffer map = size > 0 && size <= Integer.MAX_VALUE
          ? cached.map(FileChannel.MapMode.READ_ONLY, 0, size) : null;
      for (long at = 0; at < size && !closed; at += chunk) {
        int want = (int) Math.min(chunk, size - at);
        ByteBuffer b = buffer();
        boolean inCache = askCache && (map == null || map.slice((int) at, want).isLoaded());
        int got = fill(cached, inCache ? null : direct, b, at, want);
        if (got <= 0) {
          free.put(b);
          filled.put(gaveUp(index));
          return;
        }
        filled.put(new Chunk(index, at, b, got));
        if (got < want) {
          return; // the file is shorter than it was: the scan finds out itself
        }
      }
    } catch (IOException | RuntimeException e) {
      filled.put(gaveUp(index));
    }
  }

  /** A free buffer; a new one while fewer than {@link #BUFFERS} are in circulation. */
  private ByteBuffer buffer() throws InterruptedException {
    ByteBuffer b = free.poll();
    if (b != null) {
      return b;
    }
    if (allocated < BUFFERS) {
      allocated++;
      // Aligned to 4 KiB, and whole blocks long, as direct reads want.
      return ByteBuffer.allocateDirect(chunk + 4096).alignedSlice(4096).limit(chunk).slice();
    }
    return free.take();
  }

  /**
   * Fills {@code b} from its start with up to {@code want} bytes of the file at {@code
   * position}: through {@code direct} if given, then whatever it left through {@code cached}.
   *
   * @return how many bytes were read, fewer than {@code want} only at the end of the file
   */
  private int fill(FileChannel cached, FileChannel direct, ByteBuffer b, long position,
      int want) throws IOException {
    b.clear();
    int got = 0;
    if (direct != null) {
      try {
        // Whole blocks only: ask for the whole chunk; the end of the file gives a short read.
        while (got < want) {
          int n = direct.read(b, position + got);
          if (n <= 0) {
            break;
          }
          got += n;
          if (got % 512 != 0) {
            break;
          }
        }
      } catch (IOException e) {
        // a file system or block size direct reads do not suit: the cache reads the rest
      }
      got = Math.min(got, want);
      directBytes += got;
    }
    b.limit(want).position(got);
    while (b.hasRemaining()) {
      if (cached.read(b, position + b.position()) <= 0) {
        break;
      }
    }
    cachedBytes += b.position() - got;
    return b.position();
  }

  /** For tests: bytes read direct, past the page cache. */
  long directBytes() {
    return directBytes;
  }

  /** For tests: bytes read through the page cache. */
  long cachedBytes() {
    return cachedBytes;
  }

  /**
   * A channel that reads past the page cache, or null where it cannot be had: the JDK throws
   * {@code UnsupportedOperationException} on platforms without {@code O_DIRECT}, and an {@code
   * IOException} where the file system refuses it or the file cannot be opened. The stream then
   * reads every chunk of the file through the page cache ({@code SegmentStreamTest}). A file
   * system that takes the flag but refuses a read is handled in {@link #fill}.
   */
  static FileChannel openDirect(Path path) {
    try {
      return FileChannel.open(path, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    release(current);
    current = null;
  }

}
