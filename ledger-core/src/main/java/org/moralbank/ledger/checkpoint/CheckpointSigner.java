package org.moralbank.ledger.checkpoint;

import java.util.Objects;
import java.util.Optional;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.proof.ConsistencyProof;
import org.moralbank.ledger.proof.MerkleTree;
import org.moralbank.ledger.proof.ProofException;
import org.moralbank.ledger.proof.ProofVerifier;
import org.moralbank.ledger.proof.TreeHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs the checkpoints of one log (one branch journal) and never signs one that is
 * inconsistent with a checkpoint it signed before, as C2SP tlog-checkpoint requires of a log.
 *
 * <p>It remembers the last checkpoint it signed. A new tree head is signed only if it is that
 * checkpoint's tree or an append-only extension of it, shown by a consistency proof that the
 * signer verifies itself, or taken from the {@link MerkleTree} itself. A smaller tree is refused
 * with {@link CheckpointRollbackException}, a fork or a bad proof with {@link
 * InconsistentCheckpointException}; either way nothing is signed and the state is unchanged.
 *
 * <p>The origin is the key's name (the spec recommends the log's key name match its origin).
 * After a restart, pass the last signed checkpoint back to the constructor: the embedding
 * application stores it (for instance as a note record in the journal).
 *
 * <p>Thread-safe.
 */
public final class CheckpointSigner {
  private static final Logger log = LoggerFactory.getLogger(CheckpointSigner.class);

  private final SigningKey key;
  private final HashAlgorithm algorithm;
  private Checkpoint lastSigned;

  /**
   * @param key the log's key, of type {@link SignatureType#ED25519} or {@link
   *     SignatureType#SM2_SM3}; its name is the origin
   * @param algorithm the hash function of the log's tree, needed to check consistency proofs
   * @param lastSigned the last checkpoint this log signed, if any
   */
  public CheckpointSigner(SigningKey key, HashAlgorithm algorithm, Optional<Checkpoint> lastSigned) {
    this.key = Objects.requireNonNull(key, "key == null");
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm == null");
    if (key.type() == SignatureType.COSIGNATURE_V1) {
      throw new IllegalArgumentException("a log signs with an ED25519 or SM2_SM3 key, not " + key.type());
    }
    Objects.requireNonNull(lastSigned, "lastSigned == null");
    lastSigned.ifPresent(c -> {
      if (!c.origin().equals(key.name())) {
        throw new IllegalArgumentException(
            "the last signed checkpoint is of " + c.origin() + ", not of " + key.name());
      }
    });
    this.lastSigned = lastSigned.orElse(null);
  }

  /** {@return the log's origin: the key's name} */
  public String origin() {
    return key.name();
  }

  /** {@return the public half of the log's key, to hand to verifiers} */
  public VerifierKey verifierKey() {
    return key.verifierKey();
  }

  /**
   * {@return the last checkpoint this signer signed, if any; store it to pass back after a restart}
   */
  public synchronized Optional<Checkpoint> lastSigned() {
    return Optional.ofNullable(lastSigned);
  }

  /**
   * Signs {@code head} when there is nothing to prove: nothing was signed yet, the last signed
   * tree was empty, or {@code head} is the last signed tree head again.
   *
   * @param head the tree head to sign
   * @return the signed checkpoint
   * @throws InconsistentCheckpointException if a consistency proof is needed, or the size was
   *     signed with another root
   * @throws CheckpointRollbackException if a larger tree was signed
   */
  public synchronized SignedNote sign(TreeHead head) {
    Objects.requireNonNull(head, "head == null");
    return signChecked(head, null);
  }

  /**
   * Signs {@code head} if {@code proof} shows it extends the last signed checkpoint.
   *
   * @param proof a consistency proof from the last signed size to {@code head.size()}; it is not
   *     looked at when there is nothing to prove (see {@link #sign(TreeHead)})
   * @param head the tree head to sign
   * @return the signed checkpoint
   * @throws CheckpointRollbackException if a larger tree was signed
   * @throws InconsistentCheckpointException if the proof is from the wrong sizes or fails, or the
   *     size was signed with another root
   */
  public synchronized SignedNote sign(TreeHead head, ConsistencyProof proof) {
    Objects.requireNonNull(head, "head == null");
    Objects.requireNonNull(proof, "proof == null");
    return signChecked(head, proof);
  }

  private SignedNote signChecked(TreeHead head, ConsistencyProof proof) {
    if (lastSigned != null) {
      checkNotSmaller(head);
      checkConsistent(lastSigned, head, proof, algorithm);
    }
    Checkpoint checkpoint = Checkpoint.of(key.name(), head);
    SignedNote note = SignedNote.sign(checkpoint.body(), key);
    lastSigned = checkpoint;
    log.info("signed checkpoint of {} at size {}", key.name(), head.size());
    return note;
  }

  /**
   * Signs the current head of {@code tree}, proving consistency from the tree itself.
   *
   * @param tree the log's tree
   * @return the signed checkpoint
   * @throws IllegalArgumentException if the tree uses another hash function
   * @throws CheckpointRollbackException if a larger tree was signed
   * @throws InconsistentCheckpointException if the tree is not an extension of the last signed
   *     checkpoint (it was rebuilt from other records)
   */
  public synchronized SignedNote sign(MerkleTree tree) {
    Objects.requireNonNull(tree, "tree == null");
    if (tree.algorithm() != algorithm) {
      throw new IllegalArgumentException("the tree uses " + tree.algorithm() + ", the log " + algorithm);
    }
    TreeHead head = tree.head();
    if (lastSigned == null || lastSigned.size() == 0) {
      return sign(head);
    }
    checkNotSmaller(head);
    return sign(head, tree.consistencyProof(lastSigned.size(), head.size()));
  }

  private void checkNotSmaller(TreeHead head) {
    if (head.size() < lastSigned.size()) {
      log.warn("refused to sign {} at size {} after size {}", key.name(), head.size(), lastSigned.size());
      throw new CheckpointRollbackException(key.name(), lastSigned.size(), head.size());
    }
  }

  /**
   * Whether {@code head} extends {@code last}, for {@code head.size() >= last.size()}: the empty
   * tree is extended by every tree; equal sizes need equal roots; otherwise {@code proof} (null
   * when the caller has none) must be from {@code last.size()} to {@code head.size()} and verify.
   */
  static void checkConsistent(Checkpoint last, TreeHead head, ConsistencyProof proof, HashAlgorithm algorithm) {
    if (last.size() == 0) {
      return;
    }
    if (last.size() == head.size()) {
      if (!last.rootHash().equals(head.root())) {
        throw new InconsistentCheckpointException(
            last.origin() + " at size " + head.size() + " was signed with root "
                + last.rootHash().base64() + ", not " + head.root().base64());
      }
      return;
    }
    if (proof == null) {
      throw new InconsistentCheckpointException(
          "size " + head.size() + " after size " + last.size() + " needs a consistency proof");
    }
    if (proof.size1() != last.size() || proof.size2() != head.size()) {
      throw new InconsistentCheckpointException(
          "the consistency proof is from size " + proof.size1() + " to " + proof.size2()
              + ", not from " + last.size() + " to " + head.size());
    }
    try {
      ProofVerifier.verifyConsistency(algorithm, proof, last.rootHash(), head.root());
    } catch (ProofException e) {
      throw new InconsistentCheckpointException(
          last.origin() + " at size " + head.size() + " does not extend size " + last.size(), e);
    }
  }
}
