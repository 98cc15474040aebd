package org.moralbank.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.moralbank.examples.demo.Community.Resident;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.LedgerRecord;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.TransferRequest;
import org.moralbank.ledger.checkpoint.Checkpoint;
import org.moralbank.ledger.checkpoint.Receipt;
import org.moralbank.ledger.checkpoint.ReceiptVerifier;
import org.moralbank.ledger.checkpoint.SignedNote;
import org.moralbank.ledger.checkpoint.VerifiedReceipt;
import org.moralbank.ledger.checkpoint.VerifierKey;
import org.moralbank.storage.file.FileJournalStore;
import org.moralbank.timebank.BranchReport;
import org.moralbank.timebank.Enrolment;
import org.moralbank.timebank.HonourEntry;
import org.moralbank.timebank.MovementKind;
import org.moralbank.timebank.OpenBranch;
import org.moralbank.timebank.Statement;
import org.moralbank.timebank.StatementLine;
import org.moralbank.timebank.StoreFactory;
import org.moralbank.timebank.OperationIds;
import org.moralbank.timebank.TimeBank;
import org.moralbank.timebank.TrialBalance;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.policy.BankConfig;
import org.moralbank.timebank.policy.CatalogueVersion;
import org.moralbank.timebank.policy.Policies;
import org.moralbank.timebank.policy.Schedule;
import org.moralbank.timebank.policy.ServiceCatalogue;
import org.moralbank.timebank.policy.ServiceType;
import org.moralbank.timebank.policy.Weight;

/**
 * Runs the demo: opens the street's moral bank on file journals, enrols the depositors, lives
 * through the year, signs and witnesses checkpoints at mid-year and year end, publishes the
 * disclosure reports, a statement and a receipt, then audits every journal with {@code
 * ledger-audit} and shows it a damaged copy.
 */
public final class DemoRun {
  /** The demo bank's id. */
  public static final String BANK = "moral-bank";
  /** The head office's branch id. */
  public static final String HEAD_OFFICE = "head-office";
  /** The one sub-branch, the street office, under which the associations' savings branches are. */
  public static final String STREET = "street";
  static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** Marks a directory as the demo's own, so that a rerun may replace it and nothing else. */
  static final String MARKER = ".moralbank-demo";
  static final String TAMPERED_BRANCH = Association.FLOWERS;
  /** Transfer code 1, DEPOSIT: fund to member for individual service (docs/timebank.md, transfer codes). */
  static final int DEPOSIT_CODE = 1;

  private final DemoSettings settings;
  private final PrintStream out;
  private final Path dir;
  private final Tally tally = new Tally();
  private final Map<String, FileJournalStore> stores = new LinkedHashMap<>();
  private final List<String> journals = new ArrayList<>();
  private final Map<String, SignedNote> midYearNotes = new LinkedHashMap<>();
  private final Map<String, SignedNote> yearEndNotes = new LinkedHashMap<>();
  private boolean reportsMatch = true;

  private DemoRun(DemoSettings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
    this.dir = settings.output().toAbsolutePath().normalize();
    journals.add(HEAD_OFFICE);
    Association.ALL.forEach(a -> journals.add(a.id()));
  }

  /**
   * Runs the demo with {@code settings}, printing progress and the summary to {@code out}.
   *
   * @param settings the seed, size and output directory
   * @param out where progress and the summary go
   * @return what the run did and found
   * @throws IllegalStateException if the output directory exists, is not empty and was not made by
   *     the demo
   * @throws IOException if the output directory cannot be written
   */
  public static DemoResult run(DemoSettings settings, PrintStream out) throws IOException {
    return new DemoRun(settings, out).run();
  }

  private DemoResult run() throws IOException {
    long started = System.nanoTime();
    prepare(dir);
    out.println("moralbank demo · 道德银行演示");
    out.printf("  seed %d, %,d depositors 储户, %d days 天 from %s; output 输出 %s%n",
        settings.seed(), settings.depositors(), settings.days(), FIRST_DAY, dir);

    Random random = new Random(settings.seed());
    Community community = Community.generate(random, settings.depositors(), FIRST_DAY);
    SimulatedClock clock = new SimulatedClock(ZONE, FIRST_DAY.atTime(7, 0).atZone(ZONE).toInstant());
    BankConfig config = config(community, settings);
    Notary notary = new Notary(BANK, journals, config.algorithm(), clock);
    Path journalDir = dir.resolve("journals");
    StoreFactory factory = id -> {
      FileJournalStore store = FileJournalStore.open(journalDir.resolve(id));
      stores.put(id, store);
      return store;
    };
    LocalDate end = FIRST_DAY.plusDays(settings.days());
    LocalDate lastDay = end.minusDays(1);
    LocalDate mid = Year.midYear(FIRST_DAY, settings.days());
    TrialBalance trial;
    Map<String, BranchReport> reports;
    DemoResult.ReceiptResult receipt;
    Path receiptFile;
    try (TimeBank bank = TimeBank.open(config, factory, community.registry, clock,
        OperationIds.seeded(settings.seed()))) {
      openBranches(bank);
      enrol(bank, community, clock);
      long yearStarted = System.nanoTime();
      new Year(bank, community, clock, random, tally, FIRST_DAY, settings.days(), out).run(day -> {
        Map<String, BranchReport> half = reports(bank, FIRST_DAY, day.plusDays(1));
        checkpoint(notary, day, midYearNotes);
        publish(half, midYearNotes, "reports/" + FIRST_DAY + "_" + day);
        out.printf("  %s  mid-year checkpoints signed and co-signed 年中检查点已签署并经街道副署%n", day);
      });
      tally.yearNanos = System.nanoTime() - yearStarted;
      trial = bank.trialBalance();
      reports = reports(bank, FIRST_DAY, end);
      checkpoint(notary, lastDay, yearEndNotes);
      publish(reports, yearEndNotes, "reports/" + FIRST_DAY + "_" + lastDay);
      out.printf("  %s  year-end checkpoints signed and co-signed, consistent with mid-year"
          + " 年末检查点与年中一致%n", lastDay);
      receipt = statementAndReceipt(bank, notary, reports, end);
      receiptFile = receipt.file();
    }
    writeKeys(notary);

    out.println("auditing every journal with ledger-audit 审计 ...");
    long auditStarted = System.nanoTime();
    List<DemoResult.JournalResult> results = new ArrayList<>();
    for (String j : journals) {
      Audit.Run run = verify(notary, journalDir.resolve(j), checkpointFile(lastDay, j), j);
      Audit.Run midYear = verify(notary, journalDir.resolve(j), checkpointFile(mid, j), j);
      JsonNode v = run.json();
      results.add(new DemoResult.JournalResult(j, v.path("records").asLong(), v.path("head").asText(),
          v.path("root").asText(), Checkpoint.parse(midYearNotes.get(j).text()).size(),
          Checkpoint.parse(yearEndNotes.get(j).text()).size(),
          run.exitCode(), v.path("sound").asBoolean(), midYear.exitCode()));
    }
    Audit.Run check = Audit.run("check-receipt", receiptFile.toString(),
        "--key", notary.logKey(receipt.branch()).encode(), "--witness", notary.witnessKey().encode());
    receipt = new DemoResult.ReceiptResult(receipt.file(), receipt.member(), receipt.branch(), receipt.sequence(),
        receipt.credit(), receipt.verified(), check.exitCode());
    DemoResult.TamperingResult tampering = tamper(journalDir.resolve(TAMPERED_BRANCH),
        dir.resolve("tampered").resolve(TAMPERED_BRANCH));
    tally.auditNanos = System.nanoTime() - auditStarted;

    Map<String, Integer> refusals = new LinkedHashMap<>();
    tally.refusals.forEach((reason, n) -> refusals.put(reason.name(), n));
    long overflow = reports.values().stream().mapToLong(r -> r.capOverflow().value()).sum();
    int starred = reports.values().stream()
        .mapToInt(r -> r.stars().stream().skip(1).mapToInt(Integer::intValue).sum()).sum();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    String summary = Summary.text(settings, dir, community, tally, reports, trial, results, reportsMatch, receipt,
        tampering, lastDay, elapsed);
    Files.writeString(dir.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
    out.print(summary);
    return new DemoResult(dir, results, refusals, trial.balanced(), overflow, starred, reportsMatch, receipt,
        tampering, summary, elapsed);
  }

  // ---- set-up ----

  static BankConfig config(Community community, DemoSettings settings) {
    Policies.Approvals approvals = Policies.Approvals.defaults()
        .withRuleFirst(Policies.ApprovalRule.council("*", "legal-advice", 2))
        .withRuleFirst(Policies.ApprovalRule.council("*", "mediation", 2))
        .withRoles("*", Policies.Roles.of(Set.of(), Set.copyOf(community.council)));
    for (Map.Entry<String, Community.Staff> e : community.staff.entrySet()) {
      approvals = approvals.withRoles(e.getKey(),
          Policies.Roles.of(Set.of(e.getValue().recorder(), e.getValue().reviewer()), Set.of()));
    }
    Policies policies = Policies.defaults()
        .withApprovals(approvals)
        .withBalanceCap(Optional.of(Minutes.ofHours(settings.balanceCapHours())));
    // From July, expert advice is weighted 3/2: a new catalogue version, old hours unchanged.
    List<ServiceType> v2 = new ArrayList<>();
    for (ServiceType t : ServiceCatalogue.defaults().versions().get(0).types()) {
      boolean expert = Year.COUNCIL_REVIEWED.contains(t.code());
      v2.add(expert ? ServiceType.of(t.code(), t.name(), Weight.of(3, 2)) : t);
    }
    ServiceCatalogue catalogue = new ServiceCatalogue(List.of(
        ServiceCatalogue.defaults().versions().get(0),
        new CatalogueVersion(2, LocalDate.of(2025, 7, 1), v2)));
    return BankConfig.of(BANK).withZone(ZONE).withCatalogue(catalogue).withPolicies(Schedule.of(policies));
  }

  private void openBranches(TimeBank bank) {
    tally.accepted(bank.openBranch(OpenBranch.subBranch(STREET, "街道分理处 Street sub-branch", HEAD_OFFICE)));
    for (Association a : Association.ALL) {
      tally.accepted(bank.openBranch(OpenBranch.savings(a.id(), a.name(), STREET)));
    }
  }

  private void enrol(TimeBank bank, Community community, SimulatedClock clock) {
    long t0 = System.nanoTime();
    boolean shownConsent = false;
    for (Resident r : community.residents) {
      clock.tick(Duration.ofMillis(500));
      Enrolment e = Enrolment.of(r.id);
      if (r.minor()) {
        if (!shownConsent) {
          // A child turns up without a guardian: the branch refuses, nothing is written.
          tally.accepted(bank.branch(r.home.id()).enrol(e));
          shownConsent = true;
        }
        e = e.withConsent(r.guardian);
      }
      if (tally.accepted(bank.branch(r.home.id()).enrol(e)) != null) {
        tally.enrolled++;
      }
    }
    tally.enrolNanos = System.nanoTime() - t0;
    out.printf("  %s  enrolled 开户 %,d depositors in %.1f s%n", FIRST_DAY, tally.enrolled, tally.enrolNanos / 1e9);
  }

  // ---- checkpoints and publication ----

  private static Map<String, BranchReport> reports(TimeBank bank, LocalDate from, LocalDate to) {
    Map<String, BranchReport> reports = new LinkedHashMap<>();
    for (Association a : Association.ALL) {
      reports.put(a.id(), bank.branch(a.id()).report(from, to));
    }
    return reports;
  }

  private void checkpoint(Notary notary, LocalDate day, Map<String, SignedNote> notes) throws IOException {
    Files.createDirectories(checkpointFile(day, HEAD_OFFICE).getParent());
    for (String j : journals) {
      SignedNote note = notary.checkpoint(j, stores.get(j));
      notes.put(j, note);
      Files.writeString(checkpointFile(day, j), note.encode(), StandardCharsets.UTF_8);
    }
  }

  private Path checkpointFile(LocalDate day, String journal) {
    return dir.resolve("checkpoints").resolve(day.toString()).resolve(journal + ".note");
  }

  private void publish(Map<String, BranchReport> reports, Map<String, SignedNote> notes, String folder)
      throws IOException {
    Path d = dir.resolve(folder);
    Files.createDirectories(d);
    for (BranchReport r : reports.values()) {
      SignedNote note = notes.get(r.branch());
      reportsMatch &= r.position().matches(Checkpoint.parse(note.text()));
      String noteFile = dir.relativize(checkpointFile(r.to().minusDays(1), r.branch())).toString();
      Files.writeString(d.resolve(r.branch() + ".txt"),
          Publication.disclosure(r, Association.byId(r.branch()), note, noteFile), StandardCharsets.UTF_8);
    }
  }

  /**
   * The statement of the year's most active volunteer of the flower-growing association (or, in
   * a short run, of the first branch whose honour list has one with a service that stands), and a
   * receipt for one of their approved services, verified offline against the trusted keys.
   */
  private DemoResult.ReceiptResult statementAndReceipt(TimeBank bank, Notary notary,
      Map<String, BranchReport> reports, LocalDate end) throws IOException {
    List<String> order = new ArrayList<>(reports.keySet());
    order.remove(Association.FLOWERS);
    order.add(0, Association.FLOWERS);
    for (String branch : order) {
      Set<Long> corrected = correctedDeposits(stores.get(branch));
      for (HonourEntry h : reports.get(branch).honours()) {
        MemberId volunteer = MemberId.of(h.name());
        Statement statement = bank.branch(branch).statement(volunteer, FIRST_DAY, end).orElseThrow();
        Optional<StatementLine> line = statement.lines().stream()
            .filter(l -> l.kind() == MovementKind.SERVICE_DEPOSIT && l.counterparty().equals("fund")
                && !corrected.contains(l.sequence()))
            .findFirst();
        if (line.isPresent()) {
          return receipt(notary, statement, line.get());
        }
      }
    }
    throw new IllegalStateException("no volunteer has an approved service that stands: run more days");
  }

  private DemoResult.ReceiptResult receipt(Notary notary, Statement statement, StatementLine line)
      throws IOException {
    MemberId volunteer = statement.member();
    String home = statement.branch();
    Path statements = dir.resolve("statements");
    Files.createDirectories(statements);
    Files.writeString(statements.resolve(volunteer + ".txt"), Publication.statement(statement, ZONE),
        StandardCharsets.UTF_8);
    byte[][] bytes = new byte[1][];
    stores.get(home).read(line.sequence(), line.sequence() + 1, r -> bytes[0] = r.bytes());
    Receipt receipt = Receipt.issue(notary.tree(home), bytes[0], yearEndNotes.get(home));
    Path receipts = dir.resolve("receipts");
    Files.createDirectories(receipts);
    Path file = receipts.resolve(volunteer + "-" + home + "-" + line.sequence() + ".receipt");
    Files.writeString(file, receipt.encode(), StandardCharsets.UTF_8);

    // What a member or an auditor does offline, with the text and the bank's public keys only.
    VerifiedReceipt verified = ReceiptVerifier.verify(Files.readString(file, StandardCharsets.UTF_8),
        notary.trusted());
    boolean credited = verified.record().sequence() == line.sequence()
        && credits(verified.record(), memberAccount(volunteer));
    String credit = "+" + Summary.hours(line.minutes()) + " credited on " + line.at().atZone(ZONE).toLocalDate();
    return new DemoResult.ReceiptResult(file, volunteer.value(), home, line.sequence(), credit, credited, -1);
  }

  /**
   * The records holding deposits that a later deduction corrects (its transfer names the deposit
   * in {@code corrects}): a receipt should prove a service that still stands.
   */
  private static Set<Long> correctedDeposits(FileJournalStore store) throws IOException {
    Map<TransferId, Long> deposits = new HashMap<>();
    Set<Long> corrected = new HashSet<>();
    store.read(0, store.size(), r -> {
      LedgerRecord record = LedgerRecord.decode(r.bytes());
      if (record.body() instanceof LedgerRecord.Transfers t && t.rejection().isEmpty()) {
        for (TransferRequest q : t.group().transfers()) {
          if (q instanceof TransferRequest.Single s) {
            if (s.code() == DEPOSIT_CODE) {
              deposits.put(s.id(), record.sequence());
            }
            s.corrects().map(deposits::get).ifPresent(corrected::add);
          }
        }
      }
    });
    return corrected;
  }

  /** Whether the record holds a service deposit (code 1) to {@code account}. */
  private static boolean credits(LedgerRecord record, AccountId account) {
    if (!(record.body() instanceof LedgerRecord.Transfers t) || t.rejection().isPresent()) {
      return false;
    }
    for (TransferRequest q : t.group().transfers()) {
      if (q instanceof TransferRequest.Single s && s.credit().equals(account)
          && s.code() == DEPOSIT_CODE) {
        return true;
      }
    }
    return false;
  }

  /** A member's main account as any tool derives it (docs/timebank.md): SHA-256("member:" + pseudonym)[0:16]. */
  static AccountId memberAccount(MemberId m) {
    byte[] h = HashAlgorithm.SHA_256.digest(("member:" + m.value()).getBytes(StandardCharsets.UTF_8)).toByteArray();
    ByteBuffer b = ByteBuffer.wrap(h);
    return new AccountId(b.getLong(), b.getLong());
  }

  private void writeKeys(Notary notary) throws IOException {
    Path keys = dir.resolve("keys");
    Files.createDirectories(keys);
    for (String j : journals) {
      VerifierKey k = notary.logKey(j);
      Files.writeString(keys.resolve(j + ".vkey"), k.encode() + "\n", StandardCharsets.UTF_8);
      Files.writeString(keys.resolve(j + ".spki.pem"), k.toSpkiPem(), StandardCharsets.UTF_8);
    }
    VerifierKey w = notary.witnessKey();
    Files.writeString(keys.resolve("street-office.vkey"), w.encode() + "\n", StandardCharsets.UTF_8);
    Files.writeString(keys.resolve("street-office.spki.pem"), w.toSpkiPem(), StandardCharsets.UTF_8);
  }

  // ---- the auditors ----

  private static Audit.Run verify(Notary notary, Path journal, Path checkpoint, String j) {
    return Audit.run("verify", journal.toString(), "--json", "--no-progress", "--checkpoint", checkpoint.toString(),
        "--key", notary.logKey(j).encode(), "--witness", notary.witnessKey().encode());
  }

  private DemoResult.TamperingResult tamper(Path journal, Path copy) throws IOException {
    Tampering.Damage damage = Tampering.flipMiddleByte(journal, copy);
    Audit.Run text = Audit.run("verify", copy.toString(), "--no-progress");
    JsonNode failure = Audit.run("verify", copy.toString(), "--json", "--no-progress").json().path("failure");
    return new DemoResult.TamperingResult(damage.segment(), damage.offset(), damage.field(),
        damage.frame().sequence(), damage.frame().offset(), text.exitCode(), failure.path("problem").asText(),
        failure.path("sequence").asLong(-1), failure.path("file").asText(), failure.path("offset").asLong(-1),
        text.out() + text.err());
  }

  // ---- the output directory ----

  /** Empties {@code dir} if an earlier run made it; refuses any other non-empty directory. */
  static void prepare(Path dir) throws IOException {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new IllegalStateException(dir + " exists and is not a directory");
      }
      boolean empty;
      try (Stream<Path> s = Files.list(dir)) {
        empty = s.findAny().isEmpty();
      }
      if (!empty && !Files.exists(dir.resolve(MARKER))) {
        throw new IllegalStateException(dir + " is not empty and was not written by the demo ("
            + MARKER + " is missing): choose another directory");
      }
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
          if (!p.equals(dir)) {
            Files.delete(p);
          }
        }
      }
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(MARKER), "written by org.moralbank.examples.Demo; a rerun replaces this directory\n",
        StandardCharsets.UTF_8);
  }
}
