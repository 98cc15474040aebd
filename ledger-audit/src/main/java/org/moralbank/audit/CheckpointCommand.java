package org.moralbank.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.checkpoint.Checkpoint;
import org.moralbank.ledger.checkpoint.CheckpointRollbackException;
import org.moralbank.ledger.checkpoint.CheckpointSigner;
import org.moralbank.ledger.checkpoint.InconsistentCheckpointException;
import org.moralbank.ledger.checkpoint.MalformedNoteException;
import org.moralbank.ledger.checkpoint.NoteSignature;
import org.moralbank.ledger.checkpoint.SignatureType;
import org.moralbank.ledger.checkpoint.SignatureVerificationException;
import org.moralbank.ledger.checkpoint.SignedNote;
import org.moralbank.ledger.checkpoint.SigningKey;
import org.moralbank.ledger.checkpoint.VerifierKey;
import org.moralbank.ledger.checkpoint.Witness;
import org.moralbank.ledger.checkpoint.WitnessedLog;
import org.moralbank.ledger.proof.ConsistencyProof;
import org.moralbank.ledger.proof.MerkleTree;
import org.moralbank.ledger.proof.TreeHead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code checkpoint sign}, {@code cosign} and {@code show}: C2SP signed checkpoints of a branch
 * journal, through {@link CheckpointSigner} and {@link Witness}, which refuse to sign anything
 * that does not extend what they signed last.
 */
@Command(name = "checkpoint", mixinStandardHelpOptions = true,
    description = "Signs, cosigns and shows C2SP checkpoints (signed notes) of branch journals.",
    subcommands = {CheckpointCommand.Sign.class, CheckpointCommand.Cosign.class,
        CheckpointCommand.Show.class})
final class CheckpointCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing a command: sign, cosign or show");
  }

  /** The signed note in {@code file}, or null after reporting why it is not one. */
  static SignedNote readNote(CommandSpec spec, Path file) throws IOException {
    try {
      SignedNote note = SignedNote.parse(Inputs.text(spec, file, "checkpoint"));
      Checkpoint.parse(note.text());
      return note;
    } catch (MalformedNoteException e) {
      spec.commandLine().getErr().println("ledger-audit: CHECKPOINT_MALFORMED: " + file + ": "
          + e.getMessage());
      spec.commandLine().getErr().flush();
      return null;
    }
  }

  static int write(CommandSpec spec, Path output, SignedNote note) throws IOException {
    try (Output out = Output.open(output, spec.commandLine().getOut())) {
      out.writer().write(note.encode());
      out.commit();
    }
    return Exit.SOUND;
  }

  static int refuse(CommandSpec spec, String what, RuntimeException e) {
    spec.commandLine().getErr().println("ledger-audit: " + what + ": " + e.getMessage());
    spec.commandLine().getErr().flush();
    return Exit.INTEGRITY_FAILURE;
  }

  /**
   * A verified journal: its tree head and hash function, and with {@code keepTree} every level of
   * its tree.
   */
  record Verified(TreeHead head, HashAlgorithm algorithm, MerkleTree tree) {}

  /** Verifies a journal; null after reporting that it is unsound. */
  static Verified verified(CommandSpec spec, Path journal, boolean keepTree, Progress progress)
      throws IOException {
    Inputs.journalOrExport(spec, journal);
    TreeListener tree = new TreeListener();
    PrintWriter err = spec.commandLine().getErr();
    Scan.Result result;
    try (Scan scan = Scan.open(journal)) {
      result = scan.run(Optional.empty(), keepTree ? List.of(tree) : List.of(), progress);
    }
    for (String w : result.warnings()) {
      err.println("warning: " + w);
    }
    if (!result.sound()) {
      err.println("ledger-audit: " + result.failure().describe());
      err.flush();
      return null;
    }
    return new Verified(result.tree(), result.genesis().algorithm(), tree.tree());
  }

  @Command(name = "sign", mixinStandardHelpOptions = true,
      description = {
          "Verifies a journal and signs a checkpoint of its whole tree with the branch's log key.",
          "With --last (the checkpoint this key signed before), signs only if the journal extends"
              + " it, proven by a consistency proof from the journal itself."})
  static final class Sign implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOURNAL",
        description = "A file journal directory (or an export).")
    Path journal;

    @Mixin KeyOptions key;

    @Option(names = "--last", paramLabel = "FILE",
        description = "The last checkpoint signed with this key.")
    Path last;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
        description = "Write the signed checkpoint to FILE instead of standard output.")
    Path output;

    @Mixin ProgressOption progress;

    @Override
    public Integer call() throws IOException {
      SigningKey signingKey = key.load(spec, KeyOptions.KeyType.ED25519);
      if (signingKey.type() == SignatureType.COSIGNATURE_V1) {
        throw new ParameterException(spec.commandLine(),
            "a log signs with an ed25519 or sm2 key; cosignature keys are for 'checkpoint cosign'");
      }
      Checkpoint lastSigned = null;
      if (last != null) {
        SignedNote note = readNote(spec, last);
        if (note == null) {
          return Exit.INTEGRITY_FAILURE;
        }
        try {
          note.verify(List.of(signingKey.verifierKey()));
        } catch (SignatureVerificationException e) {
          return refuse(spec, "--last is not signed by this key", e);
        }
        lastSigned = Checkpoint.parse(note.text());
      }
      Verified journalTree = verified(spec, journal, lastSigned != null,
          progress.choose(spec.commandLine().getErr()));
      if (journalTree == null) {
        return Exit.INTEGRITY_FAILURE;
      }
      SignedNote signed;
      try {
        CheckpointSigner signer = new CheckpointSigner(
            signingKey, journalTree.algorithm(), Optional.ofNullable(lastSigned));
        signed = journalTree.tree() != null
            ? signer.sign(journalTree.tree())
            : signer.sign(journalTree.head());
      } catch (CheckpointRollbackException | InconsistentCheckpointException e) {
        return refuse(spec, "not signed", e);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      return write(spec, output, signed);
    }
  }

  @Command(name = "cosign", mixinStandardHelpOptions = true,
      description = {
          "As a witness, cosigns a checkpoint the log signed (C2SP tlog-cosignature,"
              + " cosignature/v1).",
          "With --last (the checkpoint this witness cosigned before), cosigns only if the new one"
              + " extends it: give a consistency proof with --proof, or the journal with"
              + " --journal to compute one."})
  static final class Cosign implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHECKPOINT",
        description = "The checkpoint signed by the log.")
    Path checkpointFile;

    @Mixin KeyOptions key;

    @Option(names = "--log", required = true, paramLabel = "VKEY",
        converter = TrustOptions.VerifierKeyConverter.class,
        description = "The log's verifier key, which must have signed the checkpoint.")
    VerifierKey logKey;

    @Option(names = "--algorithm", paramLabel = "ALG", defaultValue = "SHA_256",
        description = "The log's hash function: SHA_256 or SM3 (default ${DEFAULT-VALUE}).")
    HashAlgorithm algorithm;

    @Option(names = "--last", paramLabel = "FILE",
        description = "The last checkpoint of this log this witness cosigned.")
    Path last;

    @Option(names = "--proof", paramLabel = "FILE",
        description = "A consistency proof (from 'prove consistency') from --last to the"
            + " checkpoint.")
    Path proofFile;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "The journal, to compute the consistency proof from --last.")
    Path journal;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
        description = "Write the cosigned checkpoint to FILE instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
      if (proofFile != null && journal != null) {
        throw new ParameterException(spec.commandLine(), "--proof and --journal exclude each other");
      }
      SigningKey witnessKey = key.load(spec, KeyOptions.KeyType.COSIGNATURE);
      if (witnessKey.type() != SignatureType.COSIGNATURE_V1) {
        throw new ParameterException(spec.commandLine(), "a witness cosigns with a cosignature key");
      }
      if (logKey.type() == SignatureType.COSIGNATURE_V1) {
        throw new ParameterException(spec.commandLine(), "--log is a cosignature key, not a log key");
      }
      SignedNote note = readNote(spec, checkpointFile);
      if (note == null) {
        return Exit.INTEGRITY_FAILURE;
      }
      Checkpoint checkpoint = Checkpoint.parse(note.text());
      Checkpoint lastCosigned = null;
      if (last != null) {
        SignedNote lastNote = readNote(spec, last);
        if (lastNote == null) {
          return Exit.INTEGRITY_FAILURE;
        }
        try {
          lastNote.verify(List.of(witnessKey.verifierKey()));
        } catch (SignatureVerificationException e) {
          return refuse(spec, "--last is not cosigned by this witness", e);
        }
        lastCosigned = Checkpoint.parse(lastNote.text());
      }
      ConsistencyProof proof = null;
      if (lastCosigned != null && lastCosigned.size() > 0
          && lastCosigned.size() < checkpoint.size()) {
        proof = proof(lastCosigned, checkpoint);
        if (proof == null) {
          return Exit.INTEGRITY_FAILURE;
        }
      }
      SignedNote cosigned;
      try {
        Witness witness = new Witness(witnessKey,
            List.of(new WitnessedLog(checkpoint.origin(), logKey, algorithm)),
            lastCosigned == null ? List.of() : List.of(lastCosigned), Clock.systemUTC());
        cosigned = proof == null ? witness.cosign(note) : witness.cosign(note, proof);
      } catch (SignatureVerificationException | CheckpointRollbackException
          | InconsistentCheckpointException e) {
        return refuse(spec, "not cosigned", e);
      } catch (IllegalArgumentException e) {
        // the last checkpoint cosigned is of another log
        return refuse(spec, "not cosigned", e);
      }
      return write(spec, output, cosigned);
    }

    private ConsistencyProof proof(Checkpoint from, Checkpoint to) throws IOException {
      if (proofFile != null) {
        try {
          return ProofFormat.parseConsistency(Inputs.text(spec, proofFile, "proof"));
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), "--proof " + proofFile + ": "
              + e.getMessage());
        }
      }
      if (journal == null) {
        throw new ParameterException(spec.commandLine(), "the checkpoint is at size "
            + to.size() + ", the last one cosigned at " + from.size()
            + ": give --proof or --journal to show it extends it");
      }
      Verified verified = verified(spec, journal, true, Progress.none());
      if (verified == null) {
        return null;
      }
      MerkleTree tree = verified.tree();
      if (tree.size() < to.size()) {
        spec.commandLine().getErr().printf("ledger-audit: TRUNCATED: the journal has %d records,"
            + " the checkpoint %d%n", tree.size(), to.size());
        return null;
      }
      return tree.consistencyProof(from.size(), to.size());
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = {
          "Shows a signed checkpoint: origin, size, root and every signature line.",
          "With --key (and --witness), also verifies the signatures: exit 1 if they fail."})
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "The signed checkpoint.")
    Path file;

    @Mixin TrustOptions trust;

    @Option(names = "--json", description = "Print as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      SignedNote note = readNote(spec, file);
      if (note == null) {
        return Exit.INTEGRITY_FAILURE;
      }
      Checkpoint c = Checkpoint.parse(note.text());
      CheckpointVerification v = trust.any()
          ? CheckpointVerification.of(note.encode(), trust.trusted(spec))
          : null;
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("origin", c.origin());
        o.put("size", c.size());
        o.put("root", c.rootHash().base64());
        o.put("rootHex", c.rootHash().hex());
        ArrayNode ext = o.putArray("extensions");
        c.extensions().forEach(ext::add);
        ArrayNode sigs = o.putArray("signatures");
        for (NoteSignature s : note.signatures()) {
          ObjectNode so = sigs.addObject();
          so.put("name", s.keyName());
          so.put("keyId", String.format("%08x", s.keyId()));
          cosignatureTime(s, v).ifPresent(t -> so.put("cosignedAt", t));
        }
        o.set("verification", v == null ? null : v.toJson());
        out.println(ExportFormat.MAPPER.writeValueAsString(o));
      } else {
        out.printf("%-11s%s%n", "origin", c.origin());
        out.printf("%-11s%,d%n", "size", c.size());
        out.printf("%-11s%s (hex %s)%n", "root", c.rootHash().base64(), c.rootHash().hex());
        for (String e : c.extensions()) {
          out.printf("%-11s%s%n", "extension", e);
        }
        for (NoteSignature s : note.signatures()) {
          out.printf("%-11s%s %08x%s%n", "signature", s.keyName(), s.keyId(),
              cosignatureTime(s, v).map(t -> ", cosigned at " + t).orElse(""));
        }
        if (v != null) {
          out.printf("%-11slog keys verified: %s; witnesses verified: %s (%d required)%n",
              "", CheckpointVerification.names(v.logKeys()),
              CheckpointVerification.names(v.witnesses()), v.quorum());
          out.println(v.signaturesSound() ? "SIGNATURES SOUND"
              : "FAILED: " + v.problem() + ": " + v.detail());
        }
      }
      out.flush();
      return v == null || v.signaturesSound() ? Exit.SOUND : Exit.INTEGRITY_FAILURE;
    }

    /** The time in a verified witness's cosignature/v1 line (its first 8 bytes). */
    private static Optional<String> cosignatureTime(NoteSignature s, CheckpointVerification v) {
      if (v == null) {
        return Optional.empty();
      }
      for (VerifierKey w : v.witnesses()) {
        if (w.type() == SignatureType.COSIGNATURE_V1 && w.name().equals(s.keyName())
            && w.keyId() == s.keyId()) {
          long seconds = ByteBuffer.wrap(s.signature()).getLong();
          return Optional.of(Instant.ofEpochSecond(seconds).toString());
        }
      }
      return Optional.empty();
    }
  }
}
