package org.moralbank.examples.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a demo run did and found.
 *
 * @param output the absolute output directory
 * @param journals every journal: the head office's, then the seven branches'
 * @param refusals commands the bank refused, by reason name, in reason-code order
 * @param trialBalanced every branch sums to zero and every clearing pair nets to zero
 * @param capOverflowMinutes credits routed to donation pools by the balance cap
 * @param starredMembers members with at least one star
 * @param reportsMatchCheckpoints every disclosure report's position is its signed checkpoint's
 * @param receipt the offline receipt of one volunteer's approved service
 * @param tampering the damaged copy and what the audit said about it
 * @param summary the summary printed at the end
 * @param elapsed wall time of the whole run
 */
public record DemoResult(
    Path output,
    List<JournalResult> journals,
    Map<String, Integer> refusals,
    boolean trialBalanced,
    long capOverflowMinutes,
    int starredMembers,
    boolean reportsMatchCheckpoints,
    ReceiptResult receipt,
    TamperingResult tampering,
    String summary,
    Duration elapsed) {

  /**
   * Copies the journals and refusals.
   *
   * @param output the absolute output directory
   * @param journals every journal
   * @param refusals commands the bank refused, by reason name
   * @param trialBalanced whether the trial balance balanced
   * @param capOverflowMinutes credits routed to donation pools by the balance cap
   * @param starredMembers members with at least one star
   * @param reportsMatchCheckpoints whether every disclosure report matches its signed checkpoint
   * @param receipt the offline receipt of one volunteer's approved service
   * @param tampering the damaged copy and what the audit said about it
   * @param summary the summary printed at the end
   * @param elapsed wall time of the whole run
   */
  public DemoResult {
    journals = List.copyOf(journals);
    refusals = Map.copyOf(refusals);
  }

  /**
   * One journal.
   *
   * @param id the journal: {@code head-office} or a savings branch id
   * @param records the sound records {@code ledger-audit verify} counted
   * @param head hex leaf hash of its last record
   * @param root base64 RFC 6962 root
   * @param midYearSize the size the mid-year checkpoint signed
   * @param yearEndSize the size the year-end checkpoint signed
   * @param auditExitCode {@code ledger-audit verify} against the year-end checkpoint
   * @param auditSound what that audit reported
   * @param midYearAuditExitCode {@code ledger-audit verify} of the same journal against the
   *     mid-year checkpoint: the grown journal still has that root at that size
   */
  public record JournalResult(
      String id, long records, String head, String root, long midYearSize, long yearEndSize,
      int auditExitCode, boolean auditSound, int midYearAuditExitCode) {}

  /**
   * The receipt and its two checks.
   *
   * @param file the receipt
   * @param member the volunteer
   * @param branch the journal holding the record
   * @param sequence the record
   * @param credit the deposit it proves, as the statement shows it
   * @param verified {@code ReceiptVerifier} accepted it against the trusted keys and the record
   *     credits the volunteer's account
   * @param toolExitCode {@code ledger-audit check-receipt}
   */
  public record ReceiptResult(
      Path file, String member, String branch, long sequence, String credit, boolean verified,
      int toolExitCode) {}

  /**
   * {@return whether the run came out as it should: every journal audits sound against both
   * checkpoints, the damaged copy is caught at the damaged record, the receipt verifies offline
   * and with {@code ledger-audit check-receipt}, the trial balance balances and every disclosure
   * report matches its signed checkpoint}
   */
  public boolean ok() {
    return journals.stream().allMatch(j -> j.auditExitCode() == 0 && j.auditSound()
            && j.midYearAuditExitCode() == 0 && j.records() == j.yearEndSize())
        && tampering.caught()
        && receipt.verified() && receipt.toolExitCode() == 0
        && trialBalanced
        && reportsMatchCheckpoints;
  }

  /**
   * The damaged copy and the audit of it.
   *
   * @param segment the damaged segment file of the copy
   * @param offset the inverted byte
   * @param field the frame field it fell in
   * @param damagedSequence the record whose frame holds the byte, found from the format
   * @param damagedFrameOffset where that frame starts
   * @param exitCode {@code ledger-audit verify} on the copy
   * @param problem the problem it reported
   * @param reportedSequence the record it named
   * @param reportedFile the file it named
   * @param reportedOffset the byte offset it named, -1 for none
   * @param toolOutput what it printed
   */
  public record TamperingResult(
      Path segment, long offset, String field, long damagedSequence, long damagedFrameOffset,
      int exitCode, String problem, long reportedSequence, String reportedFile, long reportedOffset,
      String toolOutput) {
    /**
     * {@return whether the audit failed the copy (exit 1) at the record and frame that hold the
     * inverted byte}
     */
    public boolean caught() {
      return exitCode == 1 && reportedSequence == damagedSequence && reportedOffset == damagedFrameOffset
          && Path.of(reportedFile).equals(segment);
    }
  }
}
