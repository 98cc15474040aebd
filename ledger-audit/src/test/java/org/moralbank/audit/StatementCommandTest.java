package org.moralbank.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moralbank.ledger.Account;
import org.moralbank.ledger.AccountId;

class StatementCommandTest {
  @TempDir Path tmp;

  private Path journal;
  private Fixture.Written written;

  @BeforeEach
  void writeJournal() throws IOException {
    journal = tmp.resolve("journal");
    written = Fixture.write(journal);
  }

  @Test
  void anAccountStatementRunsToTheBalanceTheEngineKeeps() throws IOException {
    for (AccountId id : Fixture.ACCOUNTS) {
      Cli.Run run = Cli.run("statement", journal, "--account", id);
      assertEquals(Exit.SOUND, run.exit(), run.toString());
      assertEquals(String.join(",", StatementCommand.ACCOUNT_COLUMNS),
          run.out().lines().findFirst().orElseThrow());
      List<Map<String, String>> rows = parse(run.out());
      Account account = written.accounts().get(id);
      Map<String, String> last = rows.get(rows.size() - 1);
      assertEquals(account.balance(), Long.parseLong(last.get("balance_minutes")), id.toString());
      assertEquals(account.available(), Long.parseLong(last.get("available_minutes")));
      assertEquals(StatementCommand.hours(account.balance()), last.get("balance_hours"));

      long balance = 0;
      for (Map<String, String> row : rows) {
        if ("posted".equals(row.get("status"))) {
          balance += Long.parseLong(row.get("amount_minutes"));
        }
        assertEquals(balance, Long.parseLong(row.get("balance_minutes")), row.toString());
      }
      assertEquals("account-opened", rows.get(0).get("type"));
    }
  }

  @Test
  void aliceSeesHerRejectionsPendingsAndExpiries() throws IOException {
    Cli.Run run = Cli.run("statement", journal, "--account", Fixture.ALICE, "-o",
        tmp.resolve("alice.csv"));
    assertEquals(Exit.SOUND, run.exit(), run.toString());
    List<Map<String, String>> rows =
        parse(Files.readString(tmp.resolve("alice.csv"), StandardCharsets.UTF_8));

    Map<String, String> rejected = row(rows, Fixture.CAROL.toString(), "single", "rejected");
    assertEquals("insufficient-balance", rejected.get("rejection"));
    assertEquals("10", rejected.get("amount_minutes"));

    Map<String, String> gardening = rows.stream()
        .filter(r -> "-90".equals(r.get("amount_minutes"))).findFirst().orElseThrow();
    assertEquals("Gartenarbeit, café ☕", gardening.get("reference"));
    assertEquals("-1.50", gardening.get("amount_hours"));

    Map<String, String> pending = row(rows, Fixture.CAROL.toString(), "pending", "pending");
    assertEquals("-60", pending.get("amount_minutes"));
    assertEquals(Long.parseLong(pending.get("balance_minutes")) - 60,
        Long.parseLong(pending.get("available_minutes")));
    Map<String, String> posted = row(rows, Fixture.CAROL.toString(), "post-pending", "posted");
    assertEquals("-45", posted.get("amount_minutes"));
    assertEquals(pending.get("transfer"), posted.get("pending"));

    Map<String, String> expired = row(rows, Fixture.BOB.toString(), "expiry", "expired");
    assertEquals("20", expired.get("amount_minutes"));

    Map<String, String> linked = rows.stream()
        .filter(r -> "linked-transfer-failed".equals(r.get("rejection"))).findFirst().orElseThrow();
    assertEquals("rejected", linked.get("status"));
  }

  @Test
  void theBranchSummaryHasTheEngineTotalsOfEveryAccount() throws IOException {
    Cli.Run run = Cli.run("statement", journal, "--branch");

    assertEquals(Exit.SOUND, run.exit(), run.toString());
    assertEquals(String.join(",", StatementCommand.BRANCH_COLUMNS),
        run.out().lines().findFirst().orElseThrow());
    List<Map<String, String>> rows = parse(run.out());
    assertEquals(Fixture.ACCOUNTS.size(), rows.size());
    long sum = 0;
    for (Map<String, String> row : rows) {
      Account a = written.accounts().get(AccountId.parse(row.get("account")));
      assertEquals(RecordView.name(a.kind()), row.get("kind"));
      assertEquals(RecordView.name(a.status()), row.get("status"));
      assertEquals(a.debitsPosted(), Long.parseLong(row.get("debits_posted_minutes")));
      assertEquals(a.creditsPosted(), Long.parseLong(row.get("credits_posted_minutes")));
      assertEquals(a.debitsPending(), Long.parseLong(row.get("debits_pending_minutes")));
      assertEquals(a.creditsPending(), Long.parseLong(row.get("credits_pending_minutes")));
      assertEquals(a.balance(), Long.parseLong(row.get("balance_minutes")));
      assertEquals(a.available(), Long.parseLong(row.get("available_minutes")));
      assertEquals(a.debitLimit().map(m -> String.valueOf(m.value())).orElse(""),
          row.get("debit_limit_minutes"));
      sum += a.balance();
    }
    assertEquals(0, sum, "every minute credited was debited somewhere");
    Map<String, String> fund = rows.stream()
        .filter(r -> r.get("account").equals(Fixture.FUND.toString())).findFirst().orElseThrow();
    assertEquals("branch-fund", fund.get("kind"));
    Map<String, String> alice = rows.stream()
        .filter(r -> r.get("account").equals(Fixture.ALICE.toString())).findFirst().orElseThrow();
    assertEquals("debits-must-not-exceed-credits", alice.get("flags"));
  }

  @Test
  void aStatementFromAnExportIsTheSame() throws IOException {
    Path export = tmp.resolve("e.jsonl");
    assertEquals(Exit.SOUND, Cli.run("export", journal, "-o", export).exit());

    assertEquals(Cli.run("statement", journal, "--branch").out(),
        Cli.run("statement", export, "--branch").out());
  }

  @Test
  void aBranchWithoutAccountsHasAHeaderOnly() throws IOException {
    Path empty = tmp.resolve("empty");
    org.moralbank.ledger.BranchJournal.create(
        org.moralbank.storage.file.FileJournalStore.open(empty), Fixture.config()).close();

    Cli.Run run = Cli.run("statement", empty, "--branch");

    assertEquals(Exit.SOUND, run.exit(), run.toString());
    assertEquals(String.join(",", StatementCommand.BRANCH_COLUMNS) + "\n", run.out());
  }

  @Test
  void anAccountNotInTheJournalIsAUsageError() {
    Cli.Run run = Cli.run("statement", journal, "--account", AccountId.of(999));

    assertEquals(Exit.USAGE, run.exit(), run.toString());
    assertEquals("", run.out());
    assertTrue(run.err().contains("no account"), run.err());
  }

  @Test
  void accountAndBranchExcludeEachOther() {
    assertEquals(Exit.USAGE,
        Cli.run("statement", journal, "--branch", "--account", Fixture.ALICE).exit());
    assertEquals(Exit.USAGE, Cli.run("statement", journal).exit());
    assertEquals(Exit.USAGE, Cli.run("statement", journal, "--account", "not-hex").exit());
  }

  @Test
  void anUnsoundJournalGivesNoStatementFile() throws IOException {
    List<org.moralbank.ledger.store.JournalRecord> records = Fixture.records(journal);
    VerifyCommandTest.flip(VerifyCommandTest.segments(journal).get(0),
        VerifyCommandTest.frameOffset(records, 12) + 100);
    Path file = tmp.resolve("s.csv");

    Cli.Run run = Cli.run("statement", journal, "--branch", "-o", file);

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), run.toString());
    assertFalse(Files.exists(file));
  }

  private static Map<String, String> row(List<Map<String, String>> rows, String counterparty,
      String type, String status) {
    return rows.stream()
        .filter(r -> counterparty.equals(r.get("counterparty")) && type.equals(r.get("type"))
            && status.equals(r.get("status")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + "/" + status + " with " + counterparty
            + " in " + rows));
  }

  static List<Map<String, String>> parse(String csv) throws IOException {
    try (MappingIterator<Map<String, String>> it = new CsvMapper()
        .readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader())
        .readValues(csv)) {
      return it.readAll();
    }
  }
}
