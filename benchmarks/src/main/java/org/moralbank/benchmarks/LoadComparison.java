package org.moralbank.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.moralbank.ledger.BranchConfig;
import org.moralbank.storage.file.FileJournalStore;
import org.moralbank.storage.jdbc.PostgresJournalStore;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;

/**
 * Durable transfers per second and latency, side by side, for moralbank's branch journal over
 * the file journal and over PostgreSQL, and for what an application would write instead (a
 * balances table and a transfers table, one transaction per transfer) on SQLite and PostgreSQL.
 *
 * <pre>
 * java -Xms4g -Xmx4g -cp benchmarks/target/benchmarks.jar org.moralbank.benchmarks.LoadComparison [--quick]
 *     [--seconds 10] [--warmup 3] [--submitters 1,16,256] [--systems journal-file,journal-file-async,journal-postgres,journal-postgres-async,naive-sqlite,naive-postgres,control-file,control-file-completer]
 *     [--dir DIR] [--members 10000] [--fund-share 0.1] [--max-load 1.5] [--max-wait 120]
 * </pre>
 *
 * <p>The {@code -async} rows drive the same journal through its asynchronous API: each of the
 * {@code n} submitters keeps one transfer in flight and submits the next from the completion
 * callback of the last, as a server on non-blocking I/O would, so that no platform thread per
 * waiting client has to be parked and woken. JDBC has no such API, so the naive schemas have no
 * such row.
 *
 * <p>Two control rows measure no ledger at all ({@link GroupCommitControl}): the same closed loop
 * over a bare group-commit loop that writes 160 bytes per transfer and syncs once per batch, with
 * the futures completed by the writer thread ({@code control-file}) or by a second thread ({@code
 * control-file-completer}). They show what the machine and the threading model allow.
 *
 * <p>Each cell runs {@code n} submitter threads in a closed loop: a submitter makes one transfer
 * (a fund deposit to a random member with probability {@code fund-share}, else a gift between two
 * random members), waits until it is durable, records the latency and makes the next. After a
 * warm-up, transfers completed within the measured window count; latency percentiles are over
 * exactly those transfers. PostgreSQL comes from MORALBANK_PG_URL, MORALBANK_PG_USER and
 * MORALBANK_PG_PASSWORD (defaults: 127.0.0.1:5432, database, role and password {@code
 * moralbank}); the schemas {@code moralbank_bench} and {@code moralbank_bench_naive} are dropped
 * and recreated for every cell and dropped at the end. File data goes to {@code DIR} (default
 * {@code java.io.tmpdir}/moralbank-load) and is deleted after every cell.
 */
public final class LoadComparison {
  static final String JOURNAL_SCHEMA = "moralbank_bench";
  static final String NAIVE_SCHEMA = "moralbank_bench_naive";
  static final long SEED_MINUTES = 1_000_000;
  static final int NAIVE_PG_MAX_CONNECTIONS = 32;
  static final List<String> SYSTEMS = List.of("journal-file", "journal-file-async", "journal-postgres",
      "journal-postgres-async", "naive-sqlite", "naive-postgres", "control-file", "control-file-completer");

  private LoadComparison() {}

  /** The settings of one run, from the command line. */
  record Options(
      double warmupSeconds,
      double seconds,
      int[] submitters,
      List<String> systems,
      Path dir,
      int members,
      double fundShare,
      double maxLoad,
      int maxWaitSeconds) {

    static Options parse(String[] args) {
      double warmup = 3;
      double seconds = 10;
      int[] submitters = {1, 16, 256};
      List<String> systems = SYSTEMS;
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "moralbank-load");
      int members = 10_000;
      double fundShare = 0.1;
      double maxLoad = 1.5;
      int maxWait = 120;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--quick":
            warmup = 1;
            seconds = 2;
            maxWait = 30;
            break;
          case "--seconds":
            seconds = Double.parseDouble(args[++i]);
            break;
          case "--warmup":
            warmup = Double.parseDouble(args[++i]);
            break;
          case "--submitters":
            submitters = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
            break;
          case "--systems":
            systems = List.of(args[++i].split(","));
            break;
          case "--dir":
            dir = Path.of(args[++i]);
            break;
          case "--members":
            members = Integer.parseInt(args[++i]);
            break;
          case "--fund-share":
            fundShare = Double.parseDouble(args[++i]);
            break;
          case "--max-load":
            maxLoad = Double.parseDouble(args[++i]);
            break;
          case "--max-wait":
            maxWait = Integer.parseInt(args[++i]);
            break;
          default:
            throw new IllegalArgumentException("unknown option " + a + "; see the class comment of LoadComparison");
        }
      }
      for (String s : systems) {
        if (!SYSTEMS.contains(s)) {
          throw new IllegalArgumentException("unknown system " + s);
        }
      }
      return new Options(warmup, seconds, submitters, systems, dir, members, fundShare, maxLoad, maxWait);
    }
  }

  /** One cell's outcome. */
  record Result(
      String system,
      int submitters,
      double seconds,
      long created,
      long rejected,
      long[] latencies,
      String statistics,
      double machineBusy,
      double processCpuMicrosPerTransfer,
      String loadBefore,
      String check,
      String error) {

    double perSecond() {
      return (created + rejected) / seconds;
    }

    double percentileMillis(double p) {
      return Latencies.percentile(latencies, p) / 1e6;
    }
  }

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    Files.createDirectories(o.dir());
    System.out.println("moralbank load comparison");
    Machine.describe(o.dir()).forEach(line -> System.out.println("  " + line));
    System.out.printf("  workload: %d members, %.0f%% fund deposits, rest member-to-member gifts; "
            + "warm-up %.0f s, measured %.0f s per cell%n",
        o.members(), o.fundShare() * 100, o.warmupSeconds(), o.seconds());
    System.out.println("  " + fsyncProbe(o.dir()));
    System.out.println();

    List<Result> results = new ArrayList<>();
    try {
      for (String system : o.systems()) {
        for (int n : o.submitters()) {
          Machine.awaitQuiet(o.maxLoad(), o.maxWaitSeconds());
          Result r = runCell(o, system, n);
          results.add(r);
          System.out.println(line(r));
        }
      }
    } finally {
      if (o.systems().contains("journal-postgres") || o.systems().contains("naive-postgres")) {
        dropSchemas();
      }
      DataDirectory.delete(o.dir().resolve("cell"));
    }
    System.out.println();
    System.out.println(table(results));
  }

  static Result runCell(Options o, String system, int submitters) throws Exception {
    Path cellDir = DataDirectory.fresh(o.dir().resolve("cell"));
    BranchConfig config = BranchConfig.of("bench", "load");
    ConnectionPool pool = null;
    LoadTarget target;
    switch (system) {
      case "journal-file":
      case "journal-file-async":
        target = new JournalTarget(FileJournalStore.open(cellDir.resolve("journal")), config);
        break;
      case "journal-postgres":
      case "journal-postgres-async":
        dropSchemas();
        pool = new ConnectionPool(postgres(), 4);
        target = new JournalTarget(PostgresJournalStore.open(pool, JOURNAL_SCHEMA, "load"), config);
        break;
      case "control-file":
      case "control-file-completer":
        target = new GroupCommitControl(cellDir.resolve("control"), system.equals("control-file-completer"));
        break;
      case "naive-sqlite":
        target = new NaiveSqlTarget(List.of(sqlite(cellDir.resolve("naive.db"))), "", "INTEGER");
        break;
      case "naive-postgres":
        dropSchemas();
        List<Connection> connections = new ArrayList<>();
        PGSimpleDataSource ds = postgres();
        for (int i = 0; i < Math.min(submitters, NAIVE_PG_MAX_CONNECTIONS); i++) {
          connections.add(ds.getConnection());
        }
        try (Statement s = connections.get(0).createStatement()) {
          s.execute("CREATE SCHEMA " + NAIVE_SCHEMA);
        }
        target = new NaiveSqlTarget(connections, NAIVE_SCHEMA + ".", "BIGINT");
        break;
      default:
        throw new IllegalArgumentException(system);
    }
    try {
      target.setUp(o.members(), SEED_MINUTES);
      long before = appliedCount(target);
      Result r = measure(o, system, submitters, target);
      long after = appliedCount(target);
      return withCheck(r, before, after);
    } finally {
      target.close();
      if (pool != null) {
        pool.close();
      }
      DataDirectory.delete(cellDir);
    }
  }

  /** Records in the journal, or rows in the transfers table: what a run must have added. */
  private static long appliedCount(LoadTarget target) throws SQLException {
    if (target instanceof JournalTarget j) {
      return j.journal().size();
    }
    if (target instanceof GroupCommitControl c) {
      return c.written();
    }
    return ((NaiveSqlTarget) target).transferRows();
  }

  private static Result withCheck(Result r, long before, long after) {
    return new Result(r.system(), r.submitters(), r.seconds(), r.created(), r.rejected(), r.latencies(),
        r.statistics(), r.machineBusy(), r.processCpuMicrosPerTransfer(), r.loadBefore(),
        r.check() + ", " + (after - before) + " stored", r.error());
  }

  private static final class Submitter implements Runnable {
    final int index;
    final Options options;
    final LoadTarget target;
    final Latencies latencies = new Latencies();
    volatile long measureStart;
    volatile long measureEnd;
    volatile boolean failed;
    long created;
    long rejected;
    long appliedTotal;
    long rejectedTotal;
    Throwable error;
    Submitter[] all;
    final SplittableRandom random;
    long counter;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Submitter(int index, Options options, LoadTarget target) {
      this.index = index;
      this.options = options;
      this.target = target;
      this.random = new SplittableRandom(0x5eed + index);
    }

    /** The next transfer of this submitter: {id, debit, credit, amount}. */
    long[] next() {
      long id = ((long) (index + 1) << 40) | ++counter;
      long debit;
      long credit;
      if (random.nextDouble() < options.fundShare()) {
        debit = LoadTarget.FUND;
        credit = LoadTarget.FIRST_MEMBER + random.nextInt(options.members());
      } else {
        debit = LoadTarget.FIRST_MEMBER + random.nextInt(options.members());
        do {
          credit = LoadTarget.FIRST_MEMBER + random.nextInt(options.members());
        } while (credit == debit);
      }
      return new long[] {id, debit, credit, 1 + random.nextInt(120)};
    }

    /** Counts one finished transfer; true when this submitter should stop. */
    boolean finished(long start, long end, boolean applied) {
      if (applied) {
        appliedTotal++;
      } else {
        rejectedTotal++;
      }
      if (end >= measureStart && end < measureEnd) {
        latencies.record(end - start);
        if (applied) {
          created++;
        } else {
          rejected++;
        }
      }
      return end >= measureEnd || failed;
    }

    void failAll(Throwable e) {
      error = e;
      for (Submitter s : all) {
        s.failed = true;
      }
    }

    @Override
    public void run() {
      while (true) {
        long[] t = next();
        long start = System.nanoTime();
        boolean applied;
        try {
          applied = target.transfer(t[0], t[1], t[2], t[3]);
        } catch (Throwable e) {
          failAll(e);
          return;
        }
        if (finished(start, System.nanoTime(), applied)) {
          return;
        }
      }
    }

    /**
     * The asynchronous submitter: one transfer in flight, the next submitted from the callback
     * of the last, with no thread of its own blocked on it. Callbacks of one submitter never
     * overlap, so its counters need no lock.
     */
    void submitNext() {
      long[] t = next();
      long start = System.nanoTime();
      CompletableFuture<Boolean> f;
      try {
        f = ((JournalTarget) target).submit(t[0], t[1], t[2], t[3]);
      } catch (Throwable e) {
        failAll(e);
        done.complete(null);
        return;
      }
      f.whenComplete((applied, e) -> {
        if (e != null) {
          failAll(e);
          done.complete(null);
        } else if (finished(start, System.nanoTime(), applied)) {
          done.complete(null);
        } else {
          submitNext();
        }
      });
    }
  }

  static Result measure(Options o, String system, int n, LoadTarget target) throws InterruptedException {
    String loadBefore = Machine.loadAverage();
    Submitter[] submitters = new Submitter[n];
    for (int i = 0; i < n; i++) {
      submitters[i] = new Submitter(i, o, target);
    }
    long t0 = System.nanoTime();
    long measureStart = t0 + (long) (o.warmupSeconds() * 1e9);
    long measureEnd = measureStart + (long) (o.seconds() * 1e9);
    boolean async = system.endsWith("-async");
    Thread[] threads = new Thread[async ? 0 : n];
    for (int i = 0; i < n; i++) {
      submitters[i].all = submitters;
      submitters[i].measureStart = measureStart;
      submitters[i].measureEnd = measureEnd;
    }
    for (int i = 0; i < n; i++) {
      if (async) {
        submitters[i].submitNext();
      } else {
        threads[i] = new Thread(submitters[i], "submitter-" + i);
        threads[i].setDaemon(true);
        threads[i].start();
      }
    }
    sleepUntil(measureStart);
    target.resetStatistics();
    long[] cpu0 = machineCpu();
    long process0 = processCpuNanos();
    sleepUntil(measureEnd);
    long[] cpu1 = machineCpu();
    long process1 = processCpuNanos();
    String statistics = target.statistics(o.seconds());
    for (Thread t : threads) {
      t.join();
    }
    for (Submitter s : async ? submitters : new Submitter[0]) {
      try {
        s.done.get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
    long created = 0;
    long rejected = 0;
    long applied = 0;
    long refused = 0;
    String error = null;
    List<Latencies> parts = new ArrayList<>();
    for (Submitter s : submitters) {
      created += s.created;
      rejected += s.rejected;
      applied += s.appliedTotal;
      refused += s.rejectedTotal;
      parts.add(s.latencies);
      if (s.error != null && error == null) {
        error = s.error.toString();
      }
    }
    double busy = cpu1[1] == cpu0[1] ? 0 : 100.0 * (cpu1[0] - cpu0[0]) / (cpu1[1] - cpu0[1]);
    long ops = created + rejected;
    double cpuPerOp = ops == 0 ? 0 : (process1 - process0) / 1e3 / ops;
    return new Result(system, n, o.seconds(), created, rejected, Latencies.merge(parts), statistics,
        busy, cpuPerOp, loadBefore, "whole run: " + applied + " applied, " + refused + " rejected", error);
  }

  private static void sleepUntil(long deadline) {
    for (long now; (now = System.nanoTime()) < deadline; ) {
      LockSupport.parkNanos(deadline - now);
    }
  }

  /** Busy and total jiffies of all CPUs from /proc/stat; zeros where there is none. */
  private static long[] machineCpu() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  /** The latency of a 4 KiB write plus fdatasync, appending to a file as the journal does. */
  static String fsyncProbe(Path dir) throws IOException {
    Path file = dir.resolve("fsync-probe");
    int rounds = 300;
    long[] nanos = new long[rounds];
    ByteBuffer block = ByteBuffer.allocate(4096);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      for (int i = 0; i < rounds; i++) {
        block.clear();
        long start = System.nanoTime();
        ch.write(block, (long) i * 4096);
        ch.force(false);
        nanos[i] = System.nanoTime() - start;
      }
    } finally {
      Files.deleteIfExists(file);
    }
    Arrays.sort(nanos);
    return String.format("fsync probe (4 KiB append + fdatasync, %d rounds): p50 %.3f ms, p99 %.3f ms",
        rounds, Latencies.percentile(nanos, 50) / 1e6, Latencies.percentile(nanos, 99) / 1e6);
  }

  static PGSimpleDataSource postgres() {
    Map<String, String> env = System.getenv();
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(env.getOrDefault("MORALBANK_PG_URL", "jdbc:postgresql://127.0.0.1:5432/moralbank"));
    ds.setUser(env.getOrDefault("MORALBANK_PG_USER", "moralbank"));
    ds.setPassword(env.getOrDefault("MORALBANK_PG_PASSWORD", "moralbank"));
    ds.setApplicationName("moralbank-load-comparison");
    return ds;
  }

  private static void dropSchemas() throws SQLException {
    try (Connection c = postgres().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + JOURNAL_SCHEMA + " CASCADE");
      s.execute("DROP SCHEMA IF EXISTS " + NAIVE_SCHEMA + " CASCADE");
    }
  }

  /** A SQLite database in WAL mode with synchronous=FULL: every commit syncs the WAL. */
  static Connection sqlite(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(60_000);
    Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = c.createStatement();
        var mode = s.executeQuery("PRAGMA journal_mode")) {
      mode.next();
      String journalMode = mode.getString(1);
      try (var sync = s.executeQuery("PRAGMA synchronous")) {
        sync.next();
        if (!"wal".equalsIgnoreCase(journalMode) || sync.getInt(1) != 2) {
          throw new SQLException("SQLite is not in WAL mode with synchronous=FULL: " + journalMode + ", " + sync.getInt(1));
        }
      }
    }
    return c;
  }

  static String line(Result r) {
    if (r.error() != null) {
      return String.format("%-16s %4d submitters: FAILED %s", r.system(), r.submitters(), r.error());
    }
    return String.format(
        "%-16s %4d submitters: %,10.0f transfers/s  p50 %7.3f ms  p99 %8.3f ms  p99.9 %8.3f ms  max %8.3f ms"
            + "  (%d rejected; machine CPU %.0f%% busy, %.1f us CPU/transfer in this JVM; load before %s; %s; %s)",
        r.system(), r.submitters(), r.perSecond(), r.percentileMillis(50), r.percentileMillis(99),
        r.percentileMillis(99.9), r.latencies().length == 0 ? 0 : r.latencies()[r.latencies().length - 1] / 1e6,
        r.rejected(), r.machineBusy(), r.processCpuMicrosPerTransfer(), r.loadBefore(), r.statistics(), r.check());
  }

  static String table(List<Result> results) {
    StringBuilder out = new StringBuilder();
    out.append("| system | submitters | durable transfers/s | p50 ms | p99 ms | p99.9 ms | machine CPU busy | load before |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (Result r : results) {
      if (r.error() != null) {
        out.append(String.format("| %s | %d | failed: %s | | | | | %s |%n", r.system(), r.submitters(), r.error(), r.loadBefore()));
      } else {
        out.append(String.format("| %s | %d | %,.0f | %.3f | %.3f | %.3f | %.0f%% | %s |%n",
            r.system(), r.submitters(), r.perSecond(), r.percentileMillis(50), r.percentileMillis(99),
            r.percentileMillis(99.9), r.machineBusy(), r.loadBefore()));
      }
    }
    return out.toString();
  }
}
