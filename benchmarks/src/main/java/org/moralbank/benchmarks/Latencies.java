package org.moralbank.benchmarks;

import java.util.Arrays;

/** Latencies in nanoseconds, recorded by one thread into a growing array; merged afterwards. */
final class Latencies {
  private long[] values = new long[1 << 12];
  private int count;

  void record(long nanos) {
    if (count == values.length) {
      values = Arrays.copyOf(values, values.length * 2);
    }
    values[count++] = nanos;
  }

  int count() {
    return count;
  }

  /** All values of {@code parts}, sorted. */
  static long[] merge(Iterable<Latencies> parts) {
    int total = 0;
    for (Latencies p : parts) {
      total += p.count;
    }
    long[] all = new long[total];
    int at = 0;
    for (Latencies p : parts) {
      System.arraycopy(p.values, 0, all, at, p.count);
      at += p.count;
    }
    Arrays.sort(all);
    return all;
  }

  /** The nearest-rank percentile {@code p} (0 to 100) of sorted values; 0 when there are none. */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
