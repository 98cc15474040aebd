package org.moralbank.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.LedgerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code export}: the records of a verified journal as JSON Lines, format version 1 (see {@link
 * ExportFormat}). A journal that does not verify is not exported: the file appears only when
 * every record passed.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {
        "Exports a branch journal as JSON Lines (format moralbank-journal-export, version 1): a"
            + " header line, then one line per record with its canonical bytes in base64 and a"
            + " readable view.",
        "Every record is verified on the way; an unsound journal is not exported (exit 1)."})
final class ExportCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "JOURNAL", description = "A file journal directory.")
  private Path journal;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write to FILE instead of standard output.")
  private Path output;

  @Mixin private ProgressOption progress;

  @Override
  public Integer call() throws IOException {
    Inputs.journalDirectory(spec, journal);
    PrintWriter err = spec.commandLine().getErr();
    try (Scan scan = Scan.open(journal);
        Output out = Output.open(output, spec.commandLine().getOut())) {
      // A journal whose last segment is damaged says nothing true for the header: verify it
      // only, to name the damage, and write nothing.
      List<ScanListener> writing = scan.expectedRecords() < 0
          ? List.of()
          : List.of(new Lines(out.writer(), scan.expectedRecords(), scan.expectedHead()));
      Scan.Result result = scan.run(Optional.empty(), writing, progress.choose(err));
      for (String w : result.warnings()) {
        err.println("warning: " + w);
      }
      if (!result.sound()) {
        err.println("ledger-audit: not exported: " + result.failure().describe());
        err.flush();
        return Exit.INTEGRITY_FAILURE;
      }
      out.commit();
      if (output != null) {
        err.printf("exported %,d records of %s to %s%n", result.records(), result.branch(), output);
      }
      err.flush();
      return Exit.SOUND;
    }
  }

  /** Writes the header when record 0 arrives, then a line per record. */
  private static final class Lines implements ScanListener {
    private final Writer writer;
    private final long records;
    private final Hash head;

    Lines(Writer writer, long records, Hash head) {
      this.writer = writer;
      this.records = records;
      this.head = head;
    }

    @Override
    public boolean needsRecords() {
      return true;
    }

    @Override
    public void accept(long sequence, Hash leafHash, byte[] bytes, LedgerRecord record)
        throws IOException {
      if (sequence == 0) {
        writeLine(ExportFormat.header((LedgerRecord.Genesis) record.body(), records, head));
      }
      writeLine(ExportFormat.line(record, leafHash, bytes));
    }

    private void writeLine(Object node) throws IOException {
      writer.write(ExportFormat.MAPPER.writeValueAsString(node));
      writer.write('\n');
    }
  }
}
