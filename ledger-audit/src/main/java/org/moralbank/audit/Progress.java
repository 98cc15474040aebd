package org.moralbank.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A progress bar on standard error, redrawn in place at most four times a second. Shown only
 * when standard error is a terminal or the user asks for it, so that logs and pipes stay clean.
 */
class Progress {
  private static final long REDRAW_NANOS = 250_000_000L;
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private long total;
  private long start;
  private long lastDraw;
  private long done;

  private Progress(PrintWriter err) {
    this.err = err;
  }

  /** A bar that draws nothing. */
  static Progress none() {
    return new Progress(null) {
      @Override
      void start(long total) {}

      @Override
      void update(long done) {}

      @Override
      void finish() {}
    };
  }

  static Progress bar(PrintWriter err) {
    return new Progress(err);
  }

  /**
   * {@code --progress} / {@code --no-progress} when given, else whether standard error is a
   * terminal: on Linux, where /proc/self/fd/2 points; elsewhere, whether the JVM has a console.
   */
  static Progress choose(Boolean option, PrintWriter err) {
    boolean show = option != null ? option : stderrIsTerminal();
    return show ? bar(err) : none();
  }

  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  void start(long expected) {
    this.total = expected;
    this.start = System.nanoTime();
    this.lastDraw = start;
  }

  /** Cheap enough to call for every record: looks at the clock every 4096 records. */
  void update(long records) {
    done = records;
    if ((records & 4095) == 0) {
      long now = System.nanoTime();
      if (now - lastDraw >= REDRAW_NANOS) {
        lastDraw = now;
        draw(now);
      }
    }
  }

  void finish() {
    draw(System.nanoTime());
    err.print('\n');
    err.flush();
  }

  private void draw(long now) {
    double seconds = (now - start) / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    StringBuilder s = new StringBuilder("\r[");
    int filled = total > 0 ? (int) Math.min(WIDTH, done * WIDTH / total) : 0;
    s.append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
    if (total > 0) {
      s.append(String.format("%3d%% ", Math.min(100, done * 100 / total)));
    }
    // A total of -1 is not known (a file journal whose last segment is damaged).
    s.append(total > 0
        ? String.format("%,d/%,d records  %,.0f records/s", done, total, rate)
        : String.format("%,d records  %,.0f records/s", done, rate));
    err.print(s);
    err.flush();
  }
}
