package org.moralbank.examples;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.moralbank.examples.demo.DemoResult;
import org.moralbank.examples.demo.DemoRun;
import org.moralbank.examples.demo.DemoSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The flagship demo (README's first command): a street's moral bank with the seven associations
 * of DOMAIN.md as savings branches and 4,329 depositors, a simulated year of service on the file
 * journal, signed and witnessed checkpoints, disclosure reports, a statement and a receipt, and
 * an audit of every journal with {@code ledger-audit}, which then finds a flipped byte in a copy.
 *
 * <pre>
 * mvn -q -B -pl examples -am test-compile exec:java
 * mvn -q -B -pl examples -am test-compile exec:java -Dexec.args="--depositors 1000 --days 90"
 * </pre>
 *
 * Exits 0 when the run came out as it should ({@link DemoResult#ok}: every journal audits sound
 * against both checkpoints, the damaged copy is caught at the damaged record, the receipt verifies,
 * the trial balance balances, every report matches its checkpoint); otherwise 1.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Runs a year of a community moral bank (道德银行) and audits its books.")
public final class Demo implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR",
      description = "Output directory, replaced if an earlier run made it (default: demo-output).")
  private Path out = Path.of("demo-output");

  @Option(names = "--seed", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
  private long seed = DemoSettings.DEFAULT_SEED;

  @Option(names = "--depositors", description = "Members, 200 to 100,000 (default: ${DEFAULT-VALUE}).")
  private int depositors = DemoSettings.DOCUMENTED_DEPOSITORS;

  @Option(names = "--days", description = "Simulated days from 2025-01-01, 2 to 365 (default: ${DEFAULT-VALUE}).")
  private int days = DemoSettings.YEAR;

  /** Picocli instantiates the command; {@link #main} is the way in. */
  public Demo() {}

  /**
   * Runs the demo; exits with the command's code only when it fails, so that {@code exec:java} ends
   * normally otherwise.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    CommandLine cl = new CommandLine(new Demo());
    // A bad size or an output directory the demo must not replace: one line, not a stack trace.
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      if (!(e instanceof IllegalArgumentException || e instanceof IllegalStateException)) {
        throw e;
      }
      line.getErr().println("demo: " + e.getMessage());
      return 2;
    });
    int code = cl.execute(args);
    if (code != 0) {
      // Only on failure: under exec:java a normal return lets Maven finish its own way.
      System.exit(code);
    }
  }

  @Override
  public Integer call() throws Exception {
    DemoSettings settings = DemoSettings.defaults(out).withSeed(seed).withDepositors(depositors).withDays(days);
    DemoResult result = DemoRun.run(settings, System.out);
    if (!result.ok()) {
      System.err.println("demo: the books did not come out as expected; see the summary above");
      return 1;
    }
    return 0;
  }
}
