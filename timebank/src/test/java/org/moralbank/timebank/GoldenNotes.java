package org.moralbank.timebank;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.TransferId;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.policy.Policies;
import org.moralbank.timebank.policy.Weight;

/**
 * One sample note of every kind, with fixed values, and the tool that wrote the golden payloads
 * under src/test/resources/notes/v1 once. {@link NoteCodecTest} reads them back; a change of the
 * format needs a new version and new files, never new bytes in these.
 */
final class GoldenNotes {
  static final Path DIR = Path.of("src", "test", "resources", "notes", "v1");

  private GoldenNotes() {}

  static TransferId id(long n) {
    return new TransferId(0x0123456789abcdefL, n);
  }

  static MemberId m(String s) {
    return MemberId.of(s);
  }

  /** File name (kind in hex and name) to sample note. */
  static Map<String, DomainNote> samples() {
    Map<String, DomainNote> s = new LinkedHashMap<>();
    s.put("0101-branch-opened", new DomainNote.BranchOpened("flowers", BranchKind.SAVINGS_BRANCH, Optional.of("east"), "Flower-growing association 花卉协会"));
    s.put("0101-branch-opened-head-office", new DomainNote.BranchOpened("head-office", BranchKind.HEAD_OFFICE, Optional.empty(), "Head office"));
    s.put("0102-branch-closed", new DomainNote.BranchClosed("flowers"));
    s.put("0103-member-enrolled", new DomainNote.MemberEnrolled(id(1), m("dave"), Optional.of(m("alice"))));
    s.put("0110-service-proposed", new DomainNote.ServiceProposed(
        id(2), List.of(m("alice"), m("bob")), true, "patrol", 2, Weight.of(1, 3),
        Instant.parse("2025-03-02T09:00:00Z"), Instant.parse("2025-03-02T10:40:00Z"), 100, 33, 1,
        Optional.of(m("carol")), m("grid-worker"), List.of(m("erin")), Policies.ApprovalMode.COUNCIL, 2,
        Instant.parse("2025-04-01T12:00:00.5Z")));
    s.put("0111-service-reviewed", new DomainNote.ServiceReviewed(id(3), 12, m("council-1"), false, "no witness \"signed\"", DomainNote.Decision.OPEN));
    s.put("0112-proposal-expired", new DomainNote.ProposalExpired(12));
    s.put("0113-deducted", new DomainNote.Deducted(id(4), m("alice"), 30, "service was not given", m("coordinator"), Optional.of(new ProposalRef("flowers", 12))));
    s.put("0120-booked", new DomainNote.Booked(id(5), m("alice"), Optional.of(m("frank")), "errands", 45, Optional.empty()));
    s.put("0121-booking-settled", new DomainNote.BookingSettled(id(6), 20, true, m("alice")));
    s.put("0122-gifted", new DomainNote.Gifted(id(7), m("alice"), m("carol"), 60, "PARENT", Optional.empty()));
    s.put("0123-donated", new DomainNote.Donated(id(8), m("alice"), 20, 70, Optional.empty()));
    s.put("0124-grant-requested", new DomainNote.GrantRequested(id(9), m("carol"), 60));
    s.put("0125-grants-allocated", new DomainNote.GrantsAllocated(id(10), m("coordinator"), List.of(
        new DomainNote.Allocation(30, m("carol"), 50, Policies.GrantCategory.ELDERLY_LIVING_ALONE),
        new DomainNote.Allocation(31, m("gina"), 20, Policies.GrantCategory.ELDERLY))));
    s.put("0126-hours-retired", new DomainNote.HoursRetired(id(11), m("bob"), true, 100, 20));
    s.put("0130-clearing-leg", new DomainNote.ClearingLeg(
        id(12), id(5), TransferCode.REDEMPTION, true, "merchants", List.of(id(13), id(14)), id(15),
        new AccountId(0x1122334455667788L, 0x99aabbccddeeff00L), 45, true));
    return s;
  }

  /** Writes the golden files; run once per format version. */
  public static void main(String[] args) throws IOException {
    Files.createDirectories(DIR);
    for (Map.Entry<String, DomainNote> e : samples().entrySet()) {
      Files.write(DIR.resolve(e.getKey() + ".json"), NoteCodec.encode(e.getValue()).payload());
    }
  }
}
