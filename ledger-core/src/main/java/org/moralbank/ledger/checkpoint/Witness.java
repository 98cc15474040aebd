package org.moralbank.ledger.checkpoint;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.moralbank.ledger.proof.ConsistencyProof;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A witness in the sense of C2SP tlog-cosignature: here the supervising street office (居账街管)
 * that co-signs a branch's checkpoints, so that a branch cannot show one history to a member and
 * another to the auditor.
 *
 * <p>For each log it follows, the witness remembers the last checkpoint it cosigned. It cosigns a
 * new checkpoint only if the log's key signed it and it is the same tree or an append-only
 * extension of the remembered one, shown by a consistency proof it verifies itself. It refuses a
 * smaller tree ({@link CheckpointRollbackException}) and a fork or failed proof ({@link
 * InconsistentCheckpointException}); a refusal changes nothing. The first checkpoint of a log is
 * accepted on its signature alone (trust on first use) unless the constructor is given a starting
 * point.
 *
 * <p>A {@code cosignature/v1} is the statement "as of this time, this is the largest consistent
 * tree head I have seen for this origin". The time comes from the injected clock, in POSIX
 * seconds.
 *
 * <p>Thread-safe.
 */
public final class Witness {
  private static final Logger log = LoggerFactory.getLogger(Witness.class);

  private final SigningKey key;
  private final Map<String, WitnessedLog> logs = new HashMap<>();
  private final Map<String, Checkpoint> lastCosigned = new HashMap<>();
  private final Clock clock;

  /**
   * @param key the witness's {@link SignatureType#COSIGNATURE_V1} key
   * @param logs the logs it follows, one per origin
   * @param lastCosigned the last checkpoint cosigned per origin, from the witness's own storage
   * @param clock the source of cosignature timestamps
   */
  public Witness(
      SigningKey key,
      Collection<WitnessedLog> logs,
      Collection<Checkpoint> lastCosigned,
      Clock clock) {
    this.key = Objects.requireNonNull(key, "key == null");
    if (key.type() != SignatureType.COSIGNATURE_V1) {
      throw new IllegalArgumentException("a witness cosigns with a COSIGNATURE_V1 key, not " + key.type());
    }
    for (WitnessedLog l : logs) {
      if (this.logs.put(l.origin(), l) != null) {
        throw new IllegalArgumentException("two logs with origin " + l.origin());
      }
    }
    for (Checkpoint c : lastCosigned) {
      if (!this.logs.containsKey(c.origin())) {
        throw new IllegalArgumentException("a cosigned checkpoint of an unknown log: " + c.origin());
      }
      if (this.lastCosigned.put(c.origin(), c) != null) {
        throw new IllegalArgumentException("two cosigned checkpoints of " + c.origin());
      }
    }
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** {@return the public half of the witness's key, to hand to verifiers of cosignatures} */
  public VerifierKey verifierKey() {
    return key.verifierKey();
  }

  /**
   * {@return the last checkpoint cosigned for {@code origin}: the size a consistency proof starts
   * from}
   *
   * @param origin the log
   */
  public synchronized Optional<Checkpoint> lastCosigned(String origin) {
    return Optional.ofNullable(lastCosigned.get(origin));
  }

  /**
   * Cosigns a checkpoint when there is nothing to prove: the first of its log, after an empty
   * tree, or the same tree head again.
   *
   * @param signedCheckpoint the checkpoint, signed by its log
   * @return the checkpoint with this witness's cosignature added
   * @throws InconsistentCheckpointException if a proof is needed or the tree forked
   * @see #cosign(SignedNote, ConsistencyProof)
   */
  public synchronized SignedNote cosign(SignedNote signedCheckpoint) {
    Checkpoint checkpoint = checkedCheckpoint(signedCheckpoint);
    return cosign(signedCheckpoint, checkpoint, null, lastCosigned.get(checkpoint.origin()));
  }

  /**
   * Verifies the log's signature and that the checkpoint extends the last one cosigned, then
   * cosigns.
   *
   * @param signedCheckpoint the checkpoint, signed by the log
   * @param proof a consistency proof from {@link #lastCosigned(String)}'s size to the
   *     checkpoint's size
   * @return the note with this witness's cosignature added
   * @throws MalformedNoteException if the note text is not a checkpoint
   * @throws SignatureVerificationException if the origin is not followed or the log's key did not
   *     sign it
   * @throws CheckpointRollbackException if a larger tree was cosigned
   * @throws InconsistentCheckpointException if the proof fails or starts from another size, or the
   *     size was cosigned with another root
   */
  public synchronized SignedNote cosign(SignedNote signedCheckpoint, ConsistencyProof proof) {
    Objects.requireNonNull(proof, "proof == null");
    Checkpoint checkpoint = checkedCheckpoint(signedCheckpoint);
    return cosign(signedCheckpoint, checkpoint, proof, lastCosigned.get(checkpoint.origin()));
  }

  private SignedNote cosign(SignedNote note, Checkpoint checkpoint, ConsistencyProof proof, Checkpoint last) {
    if (last != null) {
      if (checkpoint.size() < last.size()) {
        log.warn("witness refused {} at size {} after size {}",
            checkpoint.origin(), checkpoint.size(), last.size());
        throw new CheckpointRollbackException(checkpoint.origin(), last.size(), checkpoint.size());
      }
      try {
        CheckpointSigner.checkConsistent(last, checkpoint.head(), proof, logs.get(checkpoint.origin()).algorithm());
      } catch (InconsistentCheckpointException e) {
        log.warn("witness refused {} at size {}: {}", checkpoint.origin(), checkpoint.size(), e.getMessage());
        throw e;
      }
    }
    long timestamp = clock.instant().getEpochSecond();
    SignedNote cosigned = note.withSignature(key.cosign(note.text(), timestamp));
    lastCosigned.put(checkpoint.origin(), checkpoint);
    log.info("witness {} cosigned {} at size {}", key.name(), checkpoint.origin(), checkpoint.size());
    return cosigned;
  }

  private Checkpoint checkedCheckpoint(SignedNote note) {
    Objects.requireNonNull(note, "signedCheckpoint == null");
    Checkpoint checkpoint = Checkpoint.parse(note.text());
    WitnessedLog followed = logs.get(checkpoint.origin());
    if (followed == null) {
      throw new SignatureVerificationException(
          SignatureVerificationException.Reason.NO_TRUSTED_SIGNATURE,
          "this witness does not follow " + checkpoint.origin());
    }
    note.verify(List.of(followed.logKey()));
    return checkpoint;
  }
}
