package org.moralbank.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.moralbank.audit.LedgerAudit;
import picocli.CommandLine;

/**
 * Runs the auditors' tool, {@code ledger-audit}, in this process, exactly as {@code java -jar
 * ledger-audit.jar <args>} would: same commands, same output, same exit codes.
 */
final class Audit {
  /** The tool's exit code for "the check could not be made" (docs/auditors-guide.md). */
  static final int CANNOT_CHECK = 3;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One run of the tool: its exit code and what it printed. */
  record Run(List<String> args, int exitCode, String out, String err) {
    /** The standard output as JSON, for commands run with {@code --json}. */
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new UncheckedIOException("ledger-audit printed no JSON: " + out + err, e);
      }
    }
  }

  private Audit() {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter errWriter = new PrintWriter(err);
    CommandLine cl = new CommandLine(new LedgerAudit());
    cl.setOut(new PrintWriter(out));
    cl.setErr(errWriter);
    // As the tool's own main does: a check that could not be made is exit 3, not an integrity
    // failure (picocli's default would be 1).
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      errWriter.println("ledger-audit: " + e);
      errWriter.flush();
      return CANNOT_CHECK;
    });
    int code = cl.execute(args);
    return new Run(new ArrayList<>(List.of(args)), code, out.toString(), err.toString());
  }
}
