package org.moralbank.examples;

import java.io.IOException;
import java.util.List;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.BranchConfig;
import org.moralbank.ledger.BranchJournal;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.JournalVerifier;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.TransferRequest;
import org.moralbank.ledger.TransferResult;
import org.moralbank.ledger.store.JournalStore;

/** The embedding example of README.md, line for line. */
public final class QuickStart {
  private QuickStart() {}

  /**
   * Credits a volunteer with two hours of flower care and checks the journal.
   *
   * @param store the store of the branch journal, empty or from an earlier run
   * @return the volunteer's balance, in minutes
   * @throws IOException if the store cannot be read or written
   */
  public static long run(JournalStore store) throws IOException {
    // README:begin
    BranchConfig config = BranchConfig.of("moral-bank", "flower-association");
    try (BranchJournal branch = BranchJournal.openOrCreate(store, config)) {
      AccountId fund = AccountId.of(1);
      AccountId volunteer = AccountId.of(1001);
      branch.execute(Command.OpenAccount.fund(fund));
      branch.execute(Command.OpenAccount.member(volunteer));

      // Two hours of approved flower care: the branch fund issues them to the volunteer.
      TransferRequest deposit = TransferRequest.Single.of(
          TransferId.of(1), fund, volunteer, Minutes.ofHours(2), /* code: flower care */ 12);
      List<TransferResult> results = branch.execute(Command.TransferGroup.of(deposit));
      System.out.println(results.get(0)); // Created[..., retry=false]

      long balance = branch.account(volunteer).orElseThrow().balance(); // 120 minutes
      JournalVerifier.Report audit = JournalVerifier.verify(store, java.util.Optional.empty());
      System.out.println(Minutes.format(balance) + ", journal sound: " + audit.sound());
      return balance;
    }
    // README:end
  }
}
