package org.moralbank.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * A control experiment, not a ledger: the same closed loop of submitters waiting on a {@link
 * CompletableFuture}, and a writer thread that drains a queue and makes each batch durable with
 * one write of 160 bytes per transfer and one {@code fdatasync}, as the engine's writer does over
 * the file journal, but with no engine, no records and no hashing. What it reaches is what this
 * machine allows any group-committing journal with one platform thread per waiting client.
 *
 * <p>With {@code separateCompleter} the writer hands each durable batch to a second thread that
 * completes the futures (waking the submitters) while the writer goes on to the next batch: the
 * change docs/performance.md proposes for the engine.
 */
final class GroupCommitControl implements LoadTarget {
  static final int RECORD_BYTES = 160;

  private final FileChannel channel;
  private final BlockingQueue<CompletableFuture<Boolean>> queue = new ArrayBlockingQueue<>(65536);
  private final BlockingQueue<List<CompletableFuture<Boolean>>> durable = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final Thread completer;
  private final LongAdder appends = new LongAdder();
  private final LongAdder records = new LongAdder();
  private final LongAdder appendNanos = new LongAdder();
  private volatile boolean closed;
  private long position;

  GroupCommitControl(Path file, boolean separateCompleter) throws IOException {
    channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    writer = new Thread(this::write, "control-writer");
    writer.setDaemon(true);
    completer = separateCompleter ? new Thread(this::complete, "control-completer") : null;
    if (completer != null) {
      completer.setDaemon(true);
      completer.start();
    }
    writer.start();
  }

  @Override
  public void setUp(int members, long seed) {}

  @Override
  public boolean transfer(long id, long debit, long credit, long amount) throws Exception {
    CompletableFuture<Boolean> f = new CompletableFuture<>();
    queue.put(f);
    return f.join();
  }

  private void write() {
    List<CompletableFuture<Boolean>> batch = new ArrayList<>();
    ByteBuffer buffer = ByteBuffer.allocate(8192 * RECORD_BYTES);
    try {
      while (!closed) {
        CompletableFuture<Boolean> first = queue.poll(10, java.util.concurrent.TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, 8191);
        buffer.clear().limit(batch.size() * RECORD_BYTES);
        long start = System.nanoTime();
        while (buffer.hasRemaining()) {
          position += channel.write(buffer, position);
        }
        channel.force(false);
        appendNanos.add(System.nanoTime() - start);
        appends.increment();
        records.add(batch.size());
        if (completer != null) {
          durable.add(batch);
          batch = new ArrayList<>();
        } else {
          for (CompletableFuture<Boolean> f : batch) {
            f.complete(Boolean.TRUE);
          }
          batch.clear();
        }
      }
    } catch (IOException | InterruptedException e) {
      for (CompletableFuture<Boolean> f : batch) {
        f.completeExceptionally(e);
      }
    }
  }

  private void complete() {
    try {
      while (true) {
        for (CompletableFuture<Boolean> f : durable.take()) {
          f.complete(Boolean.TRUE);
        }
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  @Override
  public void resetStatistics() {
    appends.reset();
    records.reset();
    appendNanos.reset();
  }

  @Override
  public String statistics(double seconds) {
    long n = appends.sum();
    return n == 0 ? "no appends" : String.format(
        "%.0f appends/s, %.1f records/append, append %.3f ms mean (%.0f%% of the window)",
        n / seconds, (double) records.sum() / n, appendNanos.sum() / 1e6 / n,
        100.0 * appendNanos.sum() / (seconds * 1e9));
  }

  /** Records written: one per transfer. */
  long written() {
    return position / RECORD_BYTES;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    closed = true;
    writer.join();
    if (completer != null) {
      completer.interrupt();
      completer.join();
    }
    channel.close();
  }
}
