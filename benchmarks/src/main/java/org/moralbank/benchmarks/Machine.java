package org.moralbank.benchmarks;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** What a measurement ran on, printed with every result so that figures can be compared. */
final class Machine {
  private Machine() {}

  /** The load average of the last 1, 5 and 15 minutes, as /proc/loadavg gives them. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** The 1-minute load average, or -1 when the platform does not say. */
  static double load1() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Waits up to {@code maxSeconds} for the 1-minute load to fall below {@code limit}. */
  static void awaitQuiet(double limit, int maxSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
    double load = load1();
    if (load < limit) {
      return;
    }
    System.out.printf("load %.2f >= %.2f: waiting up to %d s for a quieter machine%n", load, limit, maxSeconds);
    while (System.nanoTime() < deadline && (load = load1()) >= limit) {
      Thread.sleep(5000);
    }
    System.out.printf("load now %s%n", loadAverage());
  }

  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return System.getProperty("os.arch");
  }

  static String memory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format("%.1f GiB", kib / (1024.0 * 1024.0));
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return "unknown";
  }

  static String disk(Path dir) {
    try {
      FileStore store = Files.getFileStore(dir);
      return store.name() + " (" + store.type() + "), " + store.getUsableSpace() / (1L << 30) + " GiB free";
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Lines describing the machine, the JVM and the time, for the head of a report. */
  static List<String> describe(Path dataDir) {
    Runtime rt = Runtime.getRuntime();
    return List.of(
        "date:    " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
        "cpu:     " + rt.availableProcessors() + " x " + cpuModel(),
        "memory:  " + memory() + " (JVM max heap " + rt.maxMemory() / (1L << 20) + " MiB)",
        "jdk:     " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        "disk:    " + disk(dataDir) + " at " + dataDir.toAbsolutePath(),
        "load:    " + loadAverage());
  }
}
