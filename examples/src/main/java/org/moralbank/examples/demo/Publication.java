package org.moralbank.examples.demo;

import java.time.ZoneId;
import java.util.List;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.checkpoint.Checkpoint;
import org.moralbank.ledger.checkpoint.SignedNote;
import org.moralbank.timebank.Booking;
import org.moralbank.timebank.BranchReport;
import org.moralbank.timebank.HonourEntry;
import org.moralbank.timebank.JournalPosition;
import org.moralbank.timebank.Statement;
import org.moralbank.timebank.StatementLine;

/** The texts the bank publishes: disclosure reports (居务公开) and member statements (对账单). */
final class Publication {
  private Publication() {}

  static String disclosure(BranchReport r, Association a, SignedNote note, String noteFile) {
    StringBuilder s = new StringBuilder();
    s.append("居务公开 Public disclosure — ").append(a.name()).append(" (branch ").append(r.branch()).append(")\n");
    s.append(String.format("%-28s %s to %s (inclusive)%n", "period 期间", r.from(), r.to().minusDays(1)));
    line(s, "deposited 存入", r.deposited(), "issued by this branch for approved service");
    line(s, "redeemed 兑换", r.redeemed(), "paid for services and rewards received here");
    line(s, "donated 捐赠", r.donated(), "to this branch's pool");
    line(s, "granted 资助", r.granted(), "from this branch's pool");
    line(s, "gifted 赠与", r.gifted(), "to members of this branch");
    line(s, "deducted 扣减", r.deducted(), "after democratic review");
    line(s, "cap overflow 超限转入", r.capOverflow(), "credits beyond the balance cap, to the pool");
    line(s, "retired 清退", r.retired(), "expiry and inactivity rules");
    line(s, "pool 爱心池余额", r.pool(), "at the end of the period");
    s.append(String.format("%-28s %,d%n", "members 储户", r.members()));
    s.append(String.format("%-28s %s%n", "stars 星级", stars(r.stars())));
    s.append("honour list 光荣榜 (service credited in the period)\n");
    for (HonourEntry h : r.honours()) {
      s.append(String.format("  %2d. %-10s %12s %s", h.rank(), h.name(), Summary.hours(h.minutes().value()),
          "★".repeat(h.stars())).stripTrailing()).append('\n');
    }
    JournalPosition p = r.position();
    s.append(String.format("%-28s %,d records, head %s%n", "journal position 账本位置", p.size(), p.head().hex()));
    s.append(String.format("%-28s %s%n", "Merkle root 默克尔根", p.root().base64()));
    Checkpoint c = Checkpoint.parse(note.text());
    s.append(String.format("%-28s %s (%s at size %,d: %s)%n", "vouched for by 检查点", noteFile, c.origin(), c.size(),
        p.matches(c) ? "same size and root 一致" : "DOES NOT MATCH 不一致"));
    return s.toString();
  }

  private static void line(StringBuilder s, String label, Minutes m, String what) {
    s.append(String.format("%-28s %12s   %s%n", label, Summary.hours(m.value()), what));
  }

  static String stars(List<Integer> stars) {
    StringBuilder s = new StringBuilder();
    for (int k = 1; k < stars.size(); k++) {
      s.append(k > 1 ? "  " : "").append("★".repeat(k)).append(' ').append(String.format("%,d", stars.get(k)));
    }
    return s.toString();
  }

  static String statement(Statement st, ZoneId zone) {
    StringBuilder s = new StringBuilder();
    s.append("对账单 Statement — member ").append(st.member()).append(", home branch ").append(st.branch())
        .append(", ").append(st.from()).append(" to ").append(st.to().minusDays(1)).append('\n');
    s.append(String.format("%-24s %12s%n", "opening balance 期初", Summary.hours(st.opening())));
    s.append(String.format("%-10s %8s  %-22s %12s  %-22s %s%n",
        "date", "record", "movement", "minutes", "counterparty", "reference (op)"));
    for (StatementLine l : st.lines()) {
      s.append(String.format("%-10s %8d  %-22s %12s  %-22s %s%n",
          l.at().atZone(zone).toLocalDate(), l.sequence(),
          l.kind() + (l.donateOnly() ? "*" : ""), (l.minutes() > 0 ? "+" : "") + Summary.hours(l.minutes()),
          l.counterparty(), l.reference()));
    }
    s.append(String.format("%-24s %12s%n", "closing balance 期末", Summary.hours(st.closing())));
    s.append("(* donate-only hours from group activities)\n");
    for (Booking b : st.pendingBookings()) {
      s.append("pending booking 待兑现: ").append(b.ref()).append(' ').append(b.item()).append(' ')
          .append(b.minutes()).append('\n');
    }
    JournalPosition p = st.position();
    s.append(String.format("journal position 账本位置: %s at %,d records, root %s%n", p.branch(), p.size(),
        p.root().base64()));
    return s.toString();
  }
}
