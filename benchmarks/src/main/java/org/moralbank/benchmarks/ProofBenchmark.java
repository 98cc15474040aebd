package org.moralbank.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.proof.InclusionProof;
import org.moralbank.ledger.proof.MerkleTree;
import org.moralbank.ledger.proof.ProofVerifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Inclusion proofs from a {@link MerkleTree} of {@link #LEAVES} leaves: a random leaf in the
 * current tree (whose size, not a power of two, makes the proof recompute the right edge), a
 * random leaf at a random earlier size (what a receipt for an old checkpoint needs), and the
 * verification of a proof against the root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ProofBenchmark {
  static final long LEAVES = 10_000_000;

  @Param({"SHA_256", "SM3"})
  public HashAlgorithm algorithm;

  private MerkleTree tree;
  private Hash root;
  private InclusionProof[] proofs;
  private Hash[] leaves;
  private final SplittableRandom random = new SplittableRandom(7);
  private int next;

  @Setup(Level.Trial)
  public void build() {
    tree = MerkleTree.create(algorithm);
    byte[] leaf = new byte[Hash.LENGTH];
    SplittableRandom r = new SplittableRandom(1);
    for (long i = 0; i < LEAVES; i++) {
      for (int j = 0; j < leaf.length; j += 8) {
        long v = r.nextLong();
        for (int k = 0; k < 8; k++) {
          leaf[j + k] = (byte) (v >>> (8 * k));
        }
      }
      tree.append(Hash.of(leaf));
    }
    root = tree.root();
    proofs = new InclusionProof[1024];
    leaves = new Hash[proofs.length];
    for (int i = 0; i < proofs.length; i++) {
      long index = r.nextLong(LEAVES);
      proofs[i] = tree.inclusionProof(index, LEAVES);
      leaves[i] = tree.leafHash(index);
    }
  }

  /** A proof for a random leaf in the tree of all {@link #LEAVES} leaves. */
  @Benchmark
  public InclusionProof inclusionProof() {
    return tree.inclusionProof(random.nextLong(LEAVES), LEAVES);
  }

  /** A proof for a random leaf at a random earlier tree size. */
  @Benchmark
  public InclusionProof inclusionProofAtEarlierSize() {
    long size = 1 + random.nextLong(LEAVES);
    return tree.inclusionProof(random.nextLong(size), size);
  }

  /** What a receipt's verifier does: recompute the root from the leaf hash and the path. */
  @Benchmark
  public Hash verifyInclusionProof() {
    int i = next++ & (proofs.length - 1);
    ProofVerifier.verifyInclusion(algorithm, leaves[i], proofs[i], root);
    return root;
  }
}
