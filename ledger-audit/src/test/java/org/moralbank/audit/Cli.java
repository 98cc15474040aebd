package org.moralbank.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the tool in-process, as {@code main} would, with standard output and error captured. */
final class Cli {
  private Cli() {}

  record Run(int exit, String out, String err) {
    JsonNode json() {
      try {
        return ExportFormat.MAPPER.readTree(out);
      } catch (JsonProcessingException e) {
        throw new AssertionError("not JSON: " + out, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  static Run run(Object... args) {
    String[] a = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      a[i] = String.valueOf(args[i]);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = LedgerAudit.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(a);
    return new Run(exit, out.toString(), err.toString());
  }
}
