package org.moralbank.examples;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.BranchConfig;
import org.moralbank.ledger.BranchJournal;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.JournalVerifier;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.RejectionReason;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.TransferRequest;
import org.moralbank.ledger.TransferResult;
import org.moralbank.ledger.proof.TreeHead;
import org.moralbank.ledger.store.JournalStore;

/** The samples of docs/user-guide.md, compiled and run by UserGuideSamplesTest. */
final class UserGuideSamples {
  static final AccountId FUND = AccountId.of(1);
  static final AccountId WANG = AccountId.of(1001);
  static final AccountId LI = AccountId.of(1002);
  static final AccountId SINK = AccountId.of(3);

  private UserGuideSamples() {}

  static BranchJournal configure(JournalStore store) throws IOException {
    BranchConfig config = BranchConfig.of("moral-bank", "calligraphy-painting")
        .withAlgorithm(HashAlgorithm.SM3)  // fixed in the genesis record, for every later record
        .withMaxBatch(4096);                // commands per durable write
    BranchJournal branch = BranchJournal.openOrCreate(store, config);
    return branch;
  }

  static RejectionReason retries(BranchJournal branch) {
    TransferId id = TransferId.random();   // chosen once, before the first attempt
    TransferRequest gift = TransferRequest.Single.of(id, WANG, LI, Minutes.of(30), 3);
    List<TransferResult> first = branch.execute(Command.TransferGroup.of(gift));
    List<TransferResult> again = branch.execute(Command.TransferGroup.of(gift)); // after a timeout, say
    // again.get(0) is the first outcome with retry() == true; nothing was appended twice.

    TransferRequest changed = TransferRequest.Single.of(id, WANG, LI, Minutes.of(45), 3);
    TransferResult conflict = branch.execute(Command.TransferGroup.of(changed)).get(0);
    // Rejected[reason=ID_REUSED_WITH_DIFFERENT_FIELDS]: a new intent needs a new id.
    return first.equals(again) ? null : ((TransferResult.Rejected) conflict).reason();
  }

  static void booking(BranchJournal branch) {
    TransferId booking = TransferId.random();
    branch.execute(Command.TransferGroup.of(TransferRequest.Pending.of(
        booking, WANG, SINK, Minutes.ofHours(2), 20, Duration.ofDays(7))));   // hours reserved
    // ... the service is delivered, taking 90 minutes instead of two hours:
    branch.execute(Command.TransferGroup.of(new TransferRequest.PostPending(
        TransferId.random(), booking, Optional.of(Minutes.of(90)))));        // the rest is released
  }

  static void correction(BranchJournal branch, TransferId wrong) {
    // 60 minutes were recorded where 45 were served: take 15 back, naming the entry corrected.
    branch.execute(Command.TransferGroup.of(new TransferRequest.Single(
        TransferId.random(), WANG, FUND, Minutes.of(15), 7, Optional.of(wrong), "over-recorded")));
  }

  static boolean audit(JournalStore store, TreeHead signed) throws IOException {
    JournalVerifier.Report report =
        JournalVerifier.verify(store, Optional.of(JournalVerifier.Anchor.ofRoot(signed)));
    report.failure().ifPresent(f -> System.out.println("record " + f.sequence() + ": " + f.problem()));
    return report.sound();
  }
}
