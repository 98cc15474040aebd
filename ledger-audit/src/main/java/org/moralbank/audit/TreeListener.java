package org.moralbank.audit;

import org.moralbank.ledger.Hash;
import org.moralbank.ledger.LedgerRecord;
import org.moralbank.ledger.proof.MerkleTree;

/**
 * Keeps every level of the journal's RFC 6962 tree, for proofs and for signing a checkpoint that
 * must extend an older one: about 64 bytes per record (640 MiB for ten million).
 */
final class TreeListener implements ScanListener {
  private MerkleTree tree;

  @Override
  public void accept(long sequence, Hash leafHash, byte[] bytes, LedgerRecord record) {
    if (sequence == 0) {
      tree = MerkleTree.create(((LedgerRecord.Genesis) record.body()).algorithm());
    }
    tree.append(leafHash);
  }

  /** The tree of the records seen, or null before record 0. */
  MerkleTree tree() {
    return tree;
  }
}
