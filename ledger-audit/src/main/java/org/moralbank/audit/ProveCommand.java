package org.moralbank.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.checkpoint.Checkpoint;
import org.moralbank.ledger.checkpoint.MalformedNoteException;
import org.moralbank.ledger.checkpoint.Receipt;
import org.moralbank.ledger.checkpoint.SignedNote;
import org.moralbank.ledger.proof.ConsistencyProof;
import org.moralbank.ledger.proof.InclusionProof;
import org.moralbank.ledger.proof.MerkleTree;
import org.moralbank.ledger.proof.ProofVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code prove inclusion} and {@code prove consistency}: RFC 9162 proofs from a verified journal. */
@Command(name = "prove", mixinStandardHelpOptions = true,
    description = "Writes RFC 9162 Merkle proofs from a journal, after verifying all of it.",
    subcommands = {ProveCommand.Inclusion.class, ProveCommand.Consistency.class})
final class ProveCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing a command: inclusion or consistency");
  }

  /** What both proofs share: a verified journal held as a whole Merkle tree. */
  abstract static class ProofCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOURNAL",
        description = "A file journal directory (or an export).")
    Path journal;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
        description = "Write to FILE instead of standard output.")
    Path output;

    @Mixin ProgressOption progress;

    /** The verified journal's tree, or null after reporting an unsound journal. */
    MerkleTree tree(ScanListener... more) throws IOException {
      Inputs.journalOrExport(spec, journal);
      TreeListener merkle = new TreeListener();
      List<ScanListener> listeners = new ArrayList<>(List.of(more));
      listeners.add(0, merkle);
      PrintWriter err = spec.commandLine().getErr();
      Scan.Result result;
      try (Scan scan = Scan.open(journal)) {
        result = scan.run(Optional.empty(), listeners, progress.choose(err));
      }
      for (String w : result.warnings()) {
        err.println("warning: " + w);
      }
      if (!result.sound()) {
        err.println("ledger-audit: no proof from an unsound journal: "
            + result.failure().describe());
        err.flush();
        return null;
      }
      return merkle.tree();
    }

    int write(String text) throws IOException {
      try (Output out = Output.open(output, spec.commandLine().getOut())) {
        out.writer().write(text);
        out.commit();
      }
      return Exit.SOUND;
    }
  }

  @Command(name = "inclusion", mixinStandardHelpOptions = true,
      description = {
          "Proves that record N is in the tree of the journal's first SIZE records: a JSON"
              + " inclusion proof, or with --checkpoint a receipt (moralbank-receipt/v1) that"
              + " check-receipt verifies offline."})
  static final class Inclusion extends ProofCommand {
    @Option(names = "--index", required = true, paramLabel = "N",
        description = "The record's sequence (its leaf index).")
    long index;

    @Option(names = "--size", paramLabel = "SIZE",
        description = "The tree size to prove against (default: the whole journal).")
    Long size;

    @Option(names = "--checkpoint", paramLabel = "FILE",
        description = "A signed checkpoint of this journal: write a receipt at its size.")
    Path checkpointFile;

    @Override
    public Integer call() throws IOException {
      if (index < 0) {
        throw new ParameterException(spec.commandLine(), "--index must not be negative");
      }
      if (size != null && checkpointFile != null) {
        throw new ParameterException(spec.commandLine(), "--size and --checkpoint exclude each other");
      }
      SignedNote note = null;
      Checkpoint checkpoint = null;
      if (checkpointFile != null) {
        try {
          note = SignedNote.parse(Inputs.text(spec, checkpointFile, "checkpoint"));
          checkpoint = Checkpoint.parse(note.text());
        } catch (MalformedNoteException e) {
          spec.commandLine().getErr().println("ledger-audit: not a signed checkpoint: "
              + e.getMessage());
          return Exit.INTEGRITY_FAILURE;
        }
      }
      byte[][] record = new byte[1][];
      MerkleTree tree = tree((sequence, leaf, bytes, r) -> {
        if (sequence == index) {
          record[0] = bytes;
        }
      });
      if (tree == null) {
        return Exit.INTEGRITY_FAILURE;
      }
      long treeSize = checkpoint != null ? checkpoint.size() : size != null ? size : tree.size();
      if (treeSize > tree.size()) {
        spec.commandLine().getErr().printf("ledger-audit: the journal has %d records, not %d%n",
            tree.size(), treeSize);
        return Exit.INTEGRITY_FAILURE;
      }
      if (index < 0 || index >= treeSize) {
        throw new ParameterException(spec.commandLine(),
            "--index must be below the tree size " + treeSize);
      }
      HashAlgorithm algorithm = tree.algorithm();
      if (checkpoint != null) {
        if (!tree.root(treeSize).equals(checkpoint.rootHash())) {
          spec.commandLine().getErr().printf("ledger-audit: ROOT_MISMATCH: the journal's root at"
              + " size %d is %s, the checkpoint says %s%n", treeSize,
              tree.root(treeSize).base64(), checkpoint.rootHash().base64());
          return Exit.INTEGRITY_FAILURE;
        }
        return write(Receipt.issue(tree, record[0], note).encode());
      }
      InclusionProof proof = tree.inclusionProof(index, treeSize);
      Hash leaf = tree.leafHash(index);
      Hash root = tree.root(treeSize);
      // A proof that does not verify would be a bug here, not a property of the journal.
      ProofVerifier.verifyInclusion(algorithm, leaf, proof, root);
      return write(ExportFormat.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
          ProofFormat.inclusion(algorithm, proof, leaf, root)) + "\n");
    }
  }

  @Command(name = "consistency", mixinStandardHelpOptions = true,
      description = "Proves that the journal's first TO records extend its first FROM records"
          + " by appending only: a JSON consistency proof.")
  static final class Consistency extends ProofCommand {
    @Option(names = "--from", required = true, paramLabel = "FROM",
        description = "The older tree size (at least 1).")
    long from;

    @Option(names = "--to", paramLabel = "TO",
        description = "The newer tree size (default: the whole journal).")
    Long to;

    @Override
    public Integer call() throws IOException {
      if (from < 1 || (to != null && to < from)) {
        throw new ParameterException(spec.commandLine(), "need 1 <= --from <= --to");
      }
      MerkleTree tree = tree();
      if (tree == null) {
        return Exit.INTEGRITY_FAILURE;
      }
      long size2 = to == null ? tree.size() : to;
      if (size2 > tree.size() || from > size2) {
        spec.commandLine().getErr().printf("ledger-audit: the journal has %d records; cannot"
            + " prove from %d to %d%n", tree.size(), from, size2);
        return Exit.INTEGRITY_FAILURE;
      }
      ConsistencyProof proof = tree.consistencyProof(from, size2);
      Hash root1 = tree.root(from);
      Hash root2 = tree.root(size2);
      ProofVerifier.verifyConsistency(tree.algorithm(), proof, root1, root2);
      return write(ExportFormat.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
          ProofFormat.consistency(tree.algorithm(), proof, root1, root2)) + "\n");
    }
  }
}
