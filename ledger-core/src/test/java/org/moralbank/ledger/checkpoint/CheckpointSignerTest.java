package org.moralbank.ledger.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.proof.ConsistencyProof;
import org.moralbank.ledger.proof.MerkleTree;
import org.moralbank.ledger.proof.ProofException;
import org.moralbank.ledger.proof.TreeHead;

class CheckpointSignerTest {
  private static final HashAlgorithm SHA = HashAlgorithm.SHA_256;

  static MerkleTree tree(int size, int salt) {
    MerkleTree tree = MerkleTree.create(SHA);
    for (int i = 0; i < size; i++) {
      tree.append(SHA.leafHash(ByteBuffer.allocate(8).putInt(salt).putInt(i).array()));
    }
    return tree;
  }

  @Test
  void signsSuccessiveHeadsOfOneTree_andEachNoteVerifiesAsACheckpoint() {
    SigningKey key = TestKeys.log();
    CheckpointSigner signer = new CheckpointSigner(key, SHA, Optional.empty());
    MerkleTree tree = tree(0, 0);
    SignedNote first = signer.sign(tree);
    assertEquals(0, Checkpoint.parse(first.text()).size());
    for (int i = 0; i < 5; i++) {
      tree.append(SHA.leafHash(new byte[] {(byte) i}));
      SignedNote note = signer.sign(tree);
      assertEquals(List.of(key.verifierKey()), SignedNote.parse(note.encode()).verify(List.of(key.verifierKey())));
      Checkpoint c = Checkpoint.parse(note.text());
      assertEquals(new Checkpoint(key.name(), i + 1, tree.root(), List.of()), c);
      assertEquals(Optional.of(c), signer.lastSigned());
    }
    // The same head again is fine.
    signer.sign(tree.head());
  }

  @Test
  void refusesASmallerTree_andChangesNothing() {
    CheckpointSigner signer = new CheckpointSigner(TestKeys.log(), SHA, Optional.empty());
    MerkleTree tree = tree(10, 0);
    signer.sign(tree);
    Optional<Checkpoint> before = signer.lastSigned();
    CheckpointRollbackException e = assertThrows(CheckpointRollbackException.class,
        () -> signer.sign(tree(9, 0)));
    assertEquals(10, e.signedSize());
    assertEquals(9, e.offeredSize());
    assertThrows(CheckpointRollbackException.class,
        () -> signer.sign(new TreeHead(3, tree.root(3)), tree.consistencyProof(3, 3)));
    assertEquals(before, signer.lastSigned());
  }

  @Test
  void refusesAFork_sameSizeOtherRoot_orATreeRebuiltFromOtherRecords() {
    CheckpointSigner signer = new CheckpointSigner(TestKeys.log(), SHA, Optional.empty());
    signer.sign(tree(10, 0));
    Optional<Checkpoint> before = signer.lastSigned();
    assertThrows(InconsistentCheckpointException.class, () -> signer.sign(tree(10, 1)));
    InconsistentCheckpointException e = assertThrows(InconsistentCheckpointException.class,
        () -> signer.sign(tree(12, 1)));
    assertInstanceOf(ProofException.class, e.getCause());
    assertEquals(before, signer.lastSigned());
    signer.sign(tree(12, 0));
  }

  @Test
  void explicitProofs_mustStartAtTheLastSignedSize_andVerify() {
    CheckpointSigner signer = new CheckpointSigner(TestKeys.log(), SHA, Optional.empty());
    MerkleTree tree = tree(20, 0);
    signer.sign(new TreeHead(7, tree.root(7)));
    TreeHead head = new TreeHead(20, tree.root(20));
    assertThrows(InconsistentCheckpointException.class, () -> signer.sign(head));
    assertThrows(InconsistentCheckpointException.class, () -> signer.sign(head, tree.consistencyProof(8, 20)));
    List<Hash> path = tree.consistencyProof(7, 20).path();
    assertThrows(InconsistentCheckpointException.class,
        () -> signer.sign(head, new ConsistencyProof(7, 20, path.subList(1, path.size()))));
    assertThrows(InconsistentCheckpointException.class,
        () -> signer.sign(new TreeHead(20, tree.root(19)), tree.consistencyProof(7, 20)));
    assertEquals(7, signer.lastSigned().orElseThrow().size());
    signer.sign(head, tree.consistencyProof(7, 20));
    assertEquals(20, signer.lastSigned().orElseThrow().size());
  }

  @Test
  void afterARestart_theLastSignedCheckpointStillBinds() {
    MerkleTree tree = tree(30, 0);
    CheckpointSigner first = new CheckpointSigner(TestKeys.log(), SHA, Optional.empty());
    Checkpoint last = Checkpoint.parse(first.sign(tree).text());
    CheckpointSigner restarted = new CheckpointSigner(TestKeys.log(), SHA, Optional.of(last));
    assertThrows(InconsistentCheckpointException.class, () -> restarted.sign(tree(31, 5)));
    assertThrows(CheckpointRollbackException.class, () -> restarted.sign(tree(29, 0)));
    tree.append(SHA.leafHash(new byte[] {9}));
    assertEquals(31, Checkpoint.parse(restarted.sign(tree).text()).size());
    assertThrows(IllegalArgumentException.class,
        () -> new CheckpointSigner(TestKeys.sm2Log(), SHA, Optional.of(last)));
    assertThrows(IllegalArgumentException.class,
        () -> new CheckpointSigner(TestKeys.witness(), SHA, Optional.empty()));
    assertThrows(IllegalArgumentException.class,
        () -> new CheckpointSigner(TestKeys.log(), HashAlgorithm.SM3, Optional.empty()).sign(tree));
  }

  @Test
  void sm2Log_signsCheckpointsThatVerify() {
    SigningKey key = TestKeys.sm2Log();
    MerkleTree tree = MerkleTree.create(HashAlgorithm.SM3);
    tree.append(HashAlgorithm.SM3.leafHash(new byte[] {1}));
    SignedNote note = new CheckpointSigner(key, HashAlgorithm.SM3, Optional.empty()).sign(tree);
    assertEquals(List.of(key.verifierKey()), SignedNote.parse(note.encode()).verify(List.of(key.verifierKey())));
  }
}
