package org.moralbank.benchmarks;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.checkpoint.Checkpoint;
import org.moralbank.ledger.checkpoint.CheckpointSigner;
import org.moralbank.ledger.checkpoint.SignatureType;
import org.moralbank.ledger.checkpoint.SignedNote;
import org.moralbank.ledger.checkpoint.SigningKey;
import org.moralbank.ledger.checkpoint.VerifierKey;
import org.moralbank.ledger.proof.ConsistencyProof;
import org.moralbank.ledger.proof.MerkleTree;
import org.moralbank.ledger.proof.TreeHead;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing a checkpoint of a branch journal: the bare signed note ({@code SignedNote.sign} of the
 * checkpoint text), the log's {@link CheckpointSigner} path (check a consistency proof from the
 * last signed checkpoint, then sign), and verifying the signed note, with an Ed25519 and an SM2
 * key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class CheckpointBenchmark {
  static final long LEAVES = 1 << 20;
  static final long LAST_SIGNED = LEAVES - 1000;
  static final String ORIGIN = "example.org/moral-bank/flower-association";

  @Param({"ED25519", "SM2_SM3"})
  public SignatureType type;

  private SigningKey key;
  private VerifierKey verifier;
  private TreeHead head;
  private Checkpoint last;
  private ConsistencyProof proof;
  private SignedNote signed;

  @Setup
  public void setUp() {
    key = SigningKey.generate(ORIGIN, type, new SecureRandom());
    verifier = key.verifierKey();
    MerkleTree tree = MerkleTree.create(HashAlgorithm.SHA_256);
    byte[] leaf = new byte[Hash.LENGTH];
    for (long i = 0; i < LEAVES; i++) {
      leaf[0] = (byte) i;
      leaf[1] = (byte) (i >>> 8);
      leaf[2] = (byte) (i >>> 16);
      tree.append(Hash.of(leaf));
    }
    head = tree.head();
    last = Checkpoint.of(ORIGIN, new TreeHead(LAST_SIGNED, tree.root(LAST_SIGNED)));
    proof = tree.consistencyProof(LAST_SIGNED, LEAVES);
    signed = SignedNote.sign(Checkpoint.of(ORIGIN, head).body(), key);
  }

  /** The signed note of a checkpoint: format the body and sign it. */
  @Benchmark
  public SignedNote signNote() {
    return SignedNote.sign(Checkpoint.of(ORIGIN, head).body(), key);
  }

  /** The log's signer: verify the consistency proof from the last signed checkpoint, then sign. */
  @Benchmark
  public SignedNote signWithConsistencyCheck() {
    return new CheckpointSigner(key, HashAlgorithm.SHA_256, Optional.of(last)).sign(head, proof);
  }

  /** A relying party's check of the log's signature (throws if it does not verify). */
  @Benchmark
  public List<VerifierKey> verifyNote() {
    return signed.verify(List.of(verifier));
  }
}
