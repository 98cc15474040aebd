package org.moralbank.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.moralbank.ledger.checkpoint.MalformedKeyException;
import org.moralbank.storage.file.JournalLockedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The auditor's command-line tool: {@code java -jar ledger-audit.jar <command> ...}. Every
 * command and its exit codes are described in docs/auditors-guide.md.
 */
@Command(
    name = "ledger-audit",
    mixinStandardHelpOptions = true,
    versionProvider = LedgerAudit.Version.class,
    description = {
        "Verifies moralbank branch journals, exports and statements, proofs, checkpoints and"
            + " receipts.",
        "Exit codes: 0 sound, 1 an integrity check failed, 2 usage error, 3 the check could not"
            + " be made (I/O error, journal open elsewhere, unusable key file)."
    },
    subcommands = {
        VerifyCommand.class,
        ExportCommand.class,
        StatementCommand.class,
        ProveCommand.class,
        CheckReceiptCommand.class,
        CheckpointCommand.class,
        KeyCommand.class,
        GenerateCommand.class,
        CommandLine.HelpCommand.class
    })
public final class LedgerAudit implements Runnable {
  @Spec private CommandSpec spec;

  /** Picocli instantiates the command; {@link #main} is the way in. */
  public LedgerAudit() {}

  /**
   * Runs the tool and exits with its exit code: 0 sound, 1 an integrity failure, 2 a usage error, 3
   * when the check could not be made (docs/auditors-guide.md).
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with the tool's exception handling, for {@link #main} and tests. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new LedgerAudit());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(LedgerAudit::cannotCheck);
    return cl;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing a command");
  }

  /**
   * A command that could not finish its check: exit 3 with one line on standard error. I/O
   * trouble and unusable keys are expected and get their message; anything else is a bug and
   * also gets its stack trace.
   */
  private static int cannotCheck(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof JournalLockedException locked) {
      err.println("ledger-audit: " + locked.getMessage()
          + "; stop the program that has it open, or verify a copy of the directory");
    } else if (e instanceof IOException || e instanceof UncheckedIOException) {
      err.println("ledger-audit: cannot read or write: " + e);
    } else if (e instanceof MalformedKeyException) {
      err.println("ledger-audit: unusable key: " + e.getMessage());
    } else {
      err.println("ledger-audit: internal error: " + e);
      e.printStackTrace(err);
    }
    err.flush();
    return Exit.CANNOT_CHECK;
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = LedgerAudit.class.getPackage().getImplementationVersion();
      return new String[] {"ledger-audit " + (v == null ? "(development build)" : v)};
    }
  }
}
