package org.moralbank.examples.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.moralbank.timebank.BranchReport;
import org.moralbank.timebank.HonourEntry;
import org.moralbank.timebank.Reason;
import org.moralbank.timebank.TrialBalance;

/** The readable summary with English and Chinese labels, printed and kept as summary.txt. */
final class Summary {
  private static final String RULE = "═".repeat(96) + "\n";

  private Summary() {}

  static String text(DemoSettings settings, Path dir, Community community, Tally t,
      Map<String, BranchReport> reports, TrialBalance trial, List<DemoResult.JournalResult> journals,
      boolean reportsMatch, DemoResult.ReceiptResult receipt, DemoResult.TamperingResult tampering, LocalDate lastDay,
      Duration elapsed) {
    StringBuilder s = new StringBuilder();
    s.append('\n').append(RULE).append(" moralbank demo · 道德银行演示 — summary 总结\n").append(RULE);
    long minors = community.residents.stream().filter(Community.Resident::minor).count();
    int youngest = community.residents.stream().mapToInt(r -> r.age).min().orElse(0);
    int oldest = community.residents.stream().mapToInt(r -> r.age).max().orElse(0);
    row(s, "bank 银行", DemoRun.BANK + ": head office 总行 → street sub-branch 街道分理处 → "
        + Association.ALL.size() + " savings branches 储蓄所, one per association");
    row(s, "depositors 储户", String.format("%,d, aged %d to %d; %,d minors enrolled with a guardian's consent"
        + " 未成年人经监护人同意", t.enrolled, youngest, oldest, minors));
    row(s, "year 年度", String.format("%s to %s, %d simulated days, seed %d", DemoRun.FIRST_DAY, lastDay,
        settings.days(), settings.seed()));
    row(s, "reproducible 可重现", "the same seed gives byte-identical journals: the same records, timestamps,");
    row(s, "", "operation ids (OperationIds.seeded) and so the same hashes, roots and signatures");
    row(s, "balance cap 余额上限", settings.balanceCapHours() + "h per member, lowered for the demo (the usual"
        + " default is 1,500h);");
    row(s, "", "credits beyond it go to the branch's donation pool");

    s.append("\nactivity 活动\n");
    item(s, "services recorded 记录服务", String.format("%,d individual, %,d group activities crediting %,d"
        + " participants (group hours may only be donated)", t.servicesRecorded, t.groupActivities, t.groupCredits));
    item(s, "  at another branch 异地存入 (通存)", String.format("%,d", t.servicesAtOtherBranch));
    item(s, "  reviewed 审核", String.format("%,d approved 批准, %,d rejected 驳回, %,d expired unreviewed"
        + " 逾期未审 (mediation and legal advice by the review council 道德评议会, %,d votes)",
        t.approved, t.rejectedAtReview, t.proposalsExpired, t.councilVotes));
    item(s, "bookings 预约兑换", String.format("%,d (%,d rewards at the merchants 商户奖励, %,d at another"
        + " branch 异地兑换 通兑): %,d delivered 已兑现, %,d cancelled 已取消, %,d expired 已过期",
        t.bookings, t.rewardBookings, t.redemptionsAtOtherBranch, t.delivered, t.cancelled, t.bookingsExpired));
    item(s, "gifts to elderly parents 赠与父母", String.format("%,d", t.gifts));
    item(s, "donations 捐赠", String.format("%,d (%,d to another branch's pool)", t.donations,
        t.donationsToOtherBranch));
    item(s, "grants 资助", String.format("%,d requests by elderly living alone or bereaved of an only child,"
        + " %,d grants paid", t.grantRequests, t.grantsPaid));
    item(s, "deductions 扣减", String.format("%,d after democratic review 民主评议, linked to the record"
        + " they correct", t.deductions));
    item(s, "commands 指令", String.format("%,d accepted, each durable (fsync) before it returned; %,d refused",
        t.accepted, t.refusals()));

    s.append("\nhours 时长 (the sum of the seven disclosure reports 居务公开)\n");
    hours(s, reports, "deposited 存入", r -> r.deposited().value());
    hours(s, reports, "redeemed 兑换", r -> r.redeemed().value());
    hours(s, reports, "gifted 赠与", r -> r.gifted().value());
    hours(s, reports, "donated 捐赠", r -> r.donated().value());
    hours(s, reports, "granted 资助", r -> r.granted().value());
    hours(s, reports, "deducted 扣减", r -> r.deducted().value());
    hours(s, reports, "cap overflow 超限转入爱心池", r -> r.capOverflow().value());
    hours(s, reports, "donation pools 爱心池余额", r -> r.pool().value());
    List<Integer> stars = new ArrayList<>(Collections.nCopies(6, 0));
    for (BranchReport r : reports.values()) {
      for (int k = 0; k < r.stars().size() && k < stars.size(); k++) {
        stars.set(k, stars.get(k) + r.stars().get(k));
      }
    }
    item(s, "stars 星级 (100/300/600/1,000/1,500h)", Publication.stars(stars));
    List<String[]> honours = new ArrayList<>();
    for (BranchReport r : reports.values()) {
      for (HonourEntry h : r.honours()) {
        honours.add(new String[] {h.name(), r.branch(), Long.toString(h.minutes().value()),
            "★".repeat(h.stars())});
      }
    }
    honours.sort(Comparator.<String[]>comparingLong(h -> -Long.parseLong(h[2])).thenComparing(h -> h[0]));
    StringBuilder top = new StringBuilder();
    for (int i = 0; i < Math.min(3, honours.size()); i++) {
      String[] h = honours.get(i);
      top.append(i > 0 ? ";  " : "").append(h[0]).append(" (").append(h[1]).append(") ")
          .append(hours(Long.parseLong(h[2]))).append(' ').append(h[3]);
    }
    item(s, "honour list 光荣榜 (top of the street)", top.toString());

    s.append("\nrefused by the rules 规则拒绝 (a refusal writes nothing 拒绝不入账)\n");
    for (Map.Entry<Reason, Integer> e : t.refusals.entrySet()) {
      s.append(String.format("  %3d %-28s %,7d%n", e.getKey().code(), e.getKey().name(), e.getValue()));
    }
    long pairs = trial.pairs().size();
    row(s, "\ntrial balance 试算平衡", trial.balanced()
        ? String.format("balanced 平衡: every branch sums to zero, %d clearing pairs net to zero", pairs)
        : "NOT BALANCED 不平衡: " + trial);

    s.append(String.format("%njournals 账本 %-12s %9s  %-18s %10s %10s  %s%n", "", "records", "head",
        "mid-year", "year-end", "ledger-audit verify (exit codes)"));
    s.append(String.format("  %-24s %9s  %-18s %21s%n", "", "(audited)", "", "(checkpoint sizes)"));
    for (DemoResult.JournalResult j : journals) {
      s.append(String.format("  %-24s %,9d  %-18s %,10d %,10d  %s year-end %d, mid-year %d%n", j.id(), j.records(),
          j.head().substring(0, Math.min(16, j.head().length())) + "…", j.midYearSize(), j.yearEndSize(),
          j.auditSound() ? "SOUND 完好" : "FAILED 失败", j.auditExitCode(), j.midYearAuditExitCode()));
    }
    row(s, "checkpoints 检查点", "each journal's tree head, signed by the bank (Ed25519) and co-signed by the");
    row(s, "", "street office (居账街管) at mid-year and year end; the audit checks each journal against both;");
    row(s, "", reportsMatch
        ? "every disclosure report names the checkpoint that signs its position (same size and root)"
        : "SOME DISCLOSURE REPORT DOES NOT MATCH ITS CHECKPOINT 报告与检查点不一致: see reports/");
    row(s, "receipt 凭证", String.format("%s's approved service (%s), record %s#%d:", receipt.member(),
        receipt.credit(), receipt.branch(), receipt.sequence()));
    row(s, "", String.format("%s offline (ReceiptVerifier, trusted keys only); ledger-audit check-receipt exit %d",
        receipt.verified() ? "verified 已验证" : "NOT VERIFIED 未通过", receipt.toolExitCode()));
    Path copy = dir.relativize(tampering.segment().getParent());
    row(s, "tampering 篡改", String.format("%s is a copy of journals/%s with byte %,d of %s inverted:", copy,
        DemoRun.TAMPERED_BRANCH, tampering.offset(), tampering.segment().getFileName()));
    row(s, "", String.format("it lies in the %s of record %,d (frame at byte %,d)", tampering.field(),
        tampering.damagedSequence(), tampering.damagedFrameOffset()));
    row(s, "", "ledger-audit verify " + copy + " (exit " + tampering.exitCode() + "):");
    tampering.toolOutput().lines().forEach(l -> s.append("      ").append(l).append('\n'));
    if (tampering.caught()) {
      row(s, "", String.format("caught 查出: the audit names record %,d and the frame at byte %,d, where the"
          + " byte was inverted", tampering.reportedSequence(), tampering.reportedOffset()));
    } else {
      row(s, "", String.format("NOT CAUGHT 未查出 where it should be: the byte is in record %,d, the audit named"
          + " record %,d (exit %d)", tampering.damagedSequence(), tampering.reportedSequence(), tampering.exitCode()));
    }
    if ("FILE_CORRUPTED".equals(tampering.problem())) {
      row(s, "", "the records before the damaged frame are verified and counted sound, the damaged one is");
      row(s, "", "named with its file and byte offset; the original journals/"
          + DemoRun.TAMPERED_BRANCH + " audits sound above");
    }
    row(s, "time 用时", String.format("%.1f s: enrolment %.1f s, the year %.1f s, audits %.1f s",
        elapsed.toNanos() / 1e9, t.enrolNanos / 1e9, t.yearNanos / 1e9, t.auditNanos / 1e9));

    s.append("\noutput 输出 ").append(dir).append('\n');
    s.append("  journals/       one file journal per branch (and the head office)\n");
    s.append("  checkpoints/    <day>/<journal>.note: signed and co-signed checkpoints\n");
    s.append("  keys/           public keys only (vkey and SPKI PEM); the demo's keys come from a published"
        + " seed: never do that for a real bank\n");
    s.append("  reports/        disclosure reports 居务公开, mid-year and year end\n");
    s.append("  statements/     ").append(receipt.member()).append(".txt, a statement 对账单\n");
    s.append("  receipts/       ").append(dir.resolve("receipts").relativize(receipt.file()))
        .append(", an offline-verifiable receipt\n");
    s.append("  tampered/       a copy of ").append(DemoRun.TAMPERED_BRANCH).append(" with one byte inverted\n");

    String jar = "java -jar ledger-audit/target/ledger-audit.jar";
    Path cp = dir.resolve("checkpoints").resolve(lastDay.toString());
    Path keys = dir.resolve("keys");
    s.append("\nverify it yourself 自行核验 (from the repository root):\n");
    s.append("  mvn -q -B -pl ledger-audit -am package -DskipTests\n");
    s.append("  ").append(jar).append(" verify ").append(dir.resolve("journals").resolve(Association.FLOWERS)).append('\n');
    s.append("  for j in ").append(String.join(" ", journals.stream().map(DemoResult.JournalResult::id).toList()))
        .append("; do\n");
    s.append("    ").append(jar).append(" verify ").append(dir.resolve("journals")).append("/$j --checkpoint ")
        .append(cp).append("/$j.note \\\n");
    s.append("      --key \"$(cat ").append(keys).append("/$j.vkey)\" --witness \"$(cat ").append(keys)
        .append("/street-office.vkey)\"\n");
    s.append("  done\n");
    s.append("  ").append(jar).append(" check-receipt ").append(receipt.file()).append(" \\\n");
    s.append("      --key \"$(cat ").append(keys).append('/').append(receipt.branch()).append(".vkey)\" --witness \"$(cat ")
        .append(keys).append("/street-office.vkey)\"\n");
    s.append("  ").append(jar).append(" verify ").append(dir.resolve("tampered").resolve(DemoRun.TAMPERED_BRANCH))
        .append("    # exit 1\n");
    s.append(RULE);
    return s.toString();
  }

  private static void row(StringBuilder s, String label, String value) {
    s.append(String.format("%-24s %s%n", label, value));
  }

  private static void item(StringBuilder s, String label, String value) {
    s.append(String.format("  %-36s %s%n", label, value));
  }

  private static void hours(StringBuilder s, Map<String, BranchReport> reports, String label,
      ToLongFunction<BranchReport> f) {
    long total = reports.values().stream().mapToLong(f).sum();
    item(s, label, String.format("%14s", hours(total)));
  }

  /** Minutes as hours and minutes with thousands separators: {@code 40,240h30m}. */
  static String hours(long minutes) {
    return String.format("%s%,dh%02dm", minutes < 0 ? "-" : "", Math.abs(minutes) / 60, Math.abs(minutes) % 60);
  }
}
