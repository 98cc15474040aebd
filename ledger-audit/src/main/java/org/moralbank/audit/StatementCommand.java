package org.moralbank.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.LedgerRecord;
import org.moralbank.ledger.TransferId;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code statement}: CSV statements from a verified journal, written with Jackson's CSV
 * generator. The columns are specified in docs/auditors-guide.md.
 */
@Command(name = "statement", mixinStandardHelpOptions = true,
    description = {
        "Writes a CSV statement: with --account, every entry touching one account with its"
            + " running balance; with --branch, one line per account with its totals.",
        "The journal is verified on the way; an unsound journal gives exit 1 and the rows before"
            + " the first bad record (with -o, no file)."})
final class StatementCommand implements Callable<Integer> {
  /** Columns of {@code statement --account}. */
  static final List<String> ACCOUNT_COLUMNS = List.of(
      "sequence", "time", "type", "status", "transfer", "counterparty", "amount_minutes",
      "amount_hours", "balance_minutes", "balance_hours", "available_minutes", "available_hours",
      "code", "reference", "corrects", "pending", "rejection");

  /** Columns of {@code statement --branch}. */
  static final List<String> BRANCH_COLUMNS = List.of(
      "account", "kind", "status", "flags", "debit_limit_minutes", "opened_at",
      "debits_posted_minutes", "credits_posted_minutes", "debits_pending_minutes",
      "credits_pending_minutes", "balance_minutes", "balance_hours", "available_minutes",
      "available_hours");

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "JOURNAL",
      description = "A file journal directory (or an export).")
  private Path journal;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Which which;

  static final class Which {
    @Option(names = "--account", paramLabel = "ID", converter = AccountIdConverter.class,
        description = "The account (32 hex digits) whose statement to write.")
    AccountId account;

    @Option(names = "--branch", description = "Write the per-account summary of the branch.")
    boolean branch;
  }

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write to FILE instead of standard output.")
  private Path output;

  @Mixin private ProgressOption progress;

  @Override
  public Integer call() throws IOException {
    Inputs.journalOrExport(spec, journal);
    PrintWriter err = spec.commandLine().getErr();
    // Rows are maps, so that an empty cell stays in its column; the output is not ours to close.
    CsvMapper csv = CsvMapper.builder()
        .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .build();
    try (Scan scan = Scan.open(journal);
        Output out = Output.open(output, spec.commandLine().getOut())) {
      List<String> columns = which.account != null ? ACCOUNT_COLUMNS : BRANCH_COLUMNS;
      CsvSchema schema = schema(columns);
      Rows rows = new Rows(csv, schema, out);
      Scan.Result result;
      try (rows) {
        Books books = new Books(which.account == null ? (e, b) -> { } : (e, b) -> {
          if (which.account.equals(e.debit()) || which.account.equals(e.credit())) {
            rows.write(accountRow(e, b.account(which.account)));
          }
        });
        ScanListener apply = new ScanListener() {
          @Override
          public boolean needsRecords() {
            return true;
          }

          @Override
          public void accept(long sequence, Hash leafHash, byte[] bytes, LedgerRecord record) {
            books.apply(record);
          }
        };
        try {
          result = scan.run(Optional.empty(), List.of(apply), progress.choose(err));
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
        if (which.branch && result.sound()) {
          for (Books.AccountBook a : books.accounts().values()) {
            rows.write(branchRow(a));
          }
          if (rows.count == 0) {
            rows.headerOnly();
          }
        }
      }
      for (String w : result.warnings()) {
        err.println("warning: " + w);
      }
      if (!result.sound()) {
        err.println("ledger-audit: statement incomplete: " + result.failure().describe());
        err.flush();
        return Exit.INTEGRITY_FAILURE;
      }
      if (which.account != null && rows.count == 0) {
        err.println("ledger-audit: there is no account " + which.account + " in "
            + result.branch());
        err.flush();
        return Exit.USAGE;
      }
      out.commit();
      return Exit.SOUND;
    }
  }

  private static CsvSchema schema(List<String> columns) {
    CsvSchema.Builder b = CsvSchema.builder();
    columns.forEach(b::addColumn);
    return b.build().withHeader();
  }

  /**
   * Writes rows, starting the CSV (with its header line) only at the first one, so that a
   * statement of an account that is not there writes nothing.
   */
  private static final class Rows implements AutoCloseable {
    private final CsvMapper csv;
    private final CsvSchema schema;
    private final Output out;
    private SequenceWriter writer;
    long count;

    Rows(CsvMapper csv, CsvSchema schema, Output out) {
      this.csv = csv;
      this.schema = schema;
      this.out = out;
    }

    void write(Map<String, Object> row) {
      try {
        if (writer == null) {
          writer = csv.writer(schema).writeValues(out.writer());
        }
        writer.write(row);
        count++;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The header line alone, for a branch without accounts (its genesis record only). */
    void headerOnly() {
      Map<String, Object> names = new LinkedHashMap<>();
      schema.forEach(c -> names.put(c.getName(), c.getName()));
      write(csv.writer(schema.withoutHeader()), names);
    }

    private void write(ObjectWriter w, Map<String, Object> row) {
      try {
        w.writeValue(out.writer(), row);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      if (writer != null) {
        writer.close();
      }
    }
  }

  /** A row from column names and values in the same order. */
  private static Map<String, Object> row(List<String> columns, Object... values) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      row.put(columns.get(i), values[i]);
    }
    return row;
  }

  private static Map<String, Object> accountRow(Books.Entry e, Books.AccountBook a) {
    boolean account = e.credit() == null;
    boolean credited = a.id.equals(e.credit());
    long signed = credited ? e.amount() : -e.amount();
    return row(ACCOUNT_COLUMNS,
        e.sequence(),
        ExportFormat.time(e.timestamp()),
        e.type(),
        e.status(),
        id(e.transfer()),
        account ? null : (credited ? e.debit() : e.credit()).toString(),
        account ? null : signed,
        account ? null : hours(signed),
        a.balance(),
        hours(a.balance()),
        a.available(),
        hours(a.available()),
        account ? null : e.code(),
        e.reference(),
        id(e.corrects()),
        id(e.pending()),
        e.rejection() == null ? null : RecordView.name(e.rejection()));
  }

  private static Map<String, Object> branchRow(Books.AccountBook a) {
    return row(BRANCH_COLUMNS,
        a.id.toString(),
        RecordView.name(a.kind),
        RecordView.name(a.status),
        a.flags.stream().sorted().map(RecordView::name).collect(Collectors.joining("|")),
        a.debitLimit.map(m -> m.value()).orElse(null),
        ExportFormat.time(a.openedAt),
        a.debitsPosted,
        a.creditsPosted,
        a.debitsPending,
        a.creditsPending,
        a.balance(),
        hours(a.balance()),
        a.available(),
        hours(a.available()));
  }

  private static String id(TransferId id) {
    return id == null ? null : id.toString();
  }

  /** Minutes as decimal hours, rounded half-even to hundredths: the minutes column is exact. */
  static String hours(long minutes) {
    return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_EVEN)
        .toPlainString();
  }

  /** 32 hex digits. */
  static final class AccountIdConverter implements CommandLine.ITypeConverter<AccountId> {
    @Override
    public AccountId convert(String value) {
      try {
        return AccountId.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "not an account id (32 hex digits): " + e.getMessage());
      }
    }
  }
}
