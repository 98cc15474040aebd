package org.moralbank.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.BranchJournal;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.RejectionReason;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.TransferRequest;
import org.moralbank.ledger.proof.TreeHead;
import org.moralbank.ledger.store.InMemoryStore;

class UserGuideSamplesTest {
  @Test
  void samples_behaveAsTheGuideSays() throws IOException {
    InMemoryStore store = new InMemoryStore();
    BranchJournal branch = UserGuideSamples.configure(store);
    branch.execute(Command.OpenAccount.fund(UserGuideSamples.FUND));
    branch.execute(Command.OpenAccount.member(UserGuideSamples.WANG));
    branch.execute(Command.OpenAccount.member(UserGuideSamples.LI));
    branch.execute(Command.OpenAccount.of(UserGuideSamples.SINK, org.moralbank.ledger.AccountKind.REDEMPTION_SINK));
    TransferId deposit = TransferId.of(1);
    branch.execute(Command.TransferGroup.of(TransferRequest.Single.of(
        deposit, UserGuideSamples.FUND, UserGuideSamples.WANG, Minutes.ofHours(5), 1)));

    assertEquals(RejectionReason.ID_REUSED_WITH_DIFFERENT_FIELDS, UserGuideSamples.retries(branch));
    assertEquals(270, branch.account(UserGuideSamples.WANG).orElseThrow().balance());
    UserGuideSamples.booking(branch);
    assertEquals(180, branch.account(UserGuideSamples.WANG).orElseThrow().balance());
    assertEquals(0, branch.account(UserGuideSamples.WANG).orElseThrow().debitsPending());
    UserGuideSamples.correction(branch, deposit);
    assertEquals(165, branch.account(UserGuideSamples.WANG).orElseThrow().balance());

    TreeHead signed = branch.treeHead();
    assertTrue(UserGuideSamples.audit(store, signed));
    assertFalse(UserGuideSamples.audit(store, new TreeHead(signed.size(), branch.head())));
  }
}
