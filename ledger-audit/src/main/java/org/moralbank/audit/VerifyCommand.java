package org.moralbank.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.JournalVerifier;
import org.moralbank.ledger.checkpoint.Checkpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code verify}: replays a whole journal or export through the verifier, computes its Merkle
 * root, and checks it against a signed checkpoint or a noted anchor when given.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {
        "Verifies a branch journal (a file journal directory) or a JSON Lines export: every"
            + " record's encoding, sequence, hash chain and timestamp, a full replay of every"
            + " recorded outcome, and the RFC 6962 Merkle root.",
        "With --checkpoint, also checks the checkpoint's signatures against --key and --witness"
            + " and that the journal at the checkpoint's size has the checkpoint's root."})
final class VerifyCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "JOURNAL",
      description = "A file journal directory, or an export made by 'export'.")
  private Path path;

  @Option(names = "--checkpoint", paramLabel = "FILE",
      description = "A signed checkpoint (C2SP signed note) to check the journal against.")
  private Path checkpointFile;

  @Mixin private TrustOptions trust;

  @Option(names = "--anchor", paramLabel = "SIZE:HEAD", converter = AnchorConverter.class,
      description = "A size and the hex leaf hash of the record at SIZE-1, noted at an earlier"
          + " audit: the journal must reach it and hash to it there.")
  private JournalVerifier.Anchor anchor;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  private boolean json;

  @Option(names = "--progress", negatable = true,
      description = "Show a progress bar on standard error (default: only when it is a"
          + " terminal).")
  private Boolean progress;

  @Override
  public Integer call() throws IOException {
    Inputs.journalOrExport(spec, path);
    CheckpointVerification signatures = null;
    if (checkpointFile != null) {
      String note = Inputs.text(spec, checkpointFile, "checkpoint");
      signatures = CheckpointVerification.of(note, trust.trusted(spec));
    } else if (trust.any()) {
      throw new ParameterException(spec.commandLine(), "--key and --witness need --checkpoint");
    }
    Checkpoint checkpoint = signatures == null ? null : signatures.checkpoint();
    MerkleListener merkle = new MerkleListener(false, checkpoint == null ? -1 : checkpoint.size());
    Scan.Result result;
    try (Scan scan = Scan.open(path)) {
      result = scan.run(Optional.ofNullable(anchor), List.of(merkle),
          Progress.choose(progress, spec.commandLine().getErr()));
    }
    String checkpointProblem = null;
    if (signatures != null && !signatures.signaturesSound()) {
      checkpointProblem = signatures.problem() + ": " + signatures.detail();
      result = result.withFailure(new Failure(result.branch(),
          checkpoint == null ? 0 : Math.max(0, checkpoint.size() - 1), signatures.problem(),
          signatures.detail(), checkpointFile, -1, -1));
    } else if (checkpoint != null && result.sound()) {
      Hash root = merkle.rootAtSize();
      if (root == null) {
        checkpointProblem = "the checkpoint covers " + checkpoint.size() + " records, the journal"
            + " has " + result.records();
        result = result.withFailure(new Failure(result.branch(), result.records(), "TRUNCATED",
            checkpointProblem));
      } else if (!root.equals(checkpoint.rootHash())) {
        checkpointProblem = "the Merkle root of the first " + checkpoint.size() + " records is "
            + root.base64() + ", the checkpoint says " + checkpoint.rootHash().base64();
        result = result.withFailure(new Failure(result.branch(), checkpoint.size() - 1,
            "ROOT_MISMATCH", checkpointProblem));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(result, merkle.root(), signatures, checkpointProblem));
    } else {
      printSummary(out, result, merkle.root(), signatures, checkpointProblem);
    }
    out.flush();
    return result.sound() ? Exit.SOUND : Exit.INTEGRITY_FAILURE;
  }

  private void printSummary(PrintWriter out, Scan.Result r, Hash root,
      CheckpointVerification signatures, String checkpointProblem) {
    out.printf("%-11s%s (%s)%n", "source", r.path(), r.kind());
    if (r.genesis() != null) {
      out.printf("%-11s%s/%s, %s%n", "branch", r.genesis().bankId(), r.genesis().branchId(),
          r.genesis().algorithm().displayName());
    }
    out.printf("%-11s%,d sound%n", "records", r.records());
    if (r.records() > 0) {
      out.printf("%-11s%s (leaf hash of record %d)%n", "head", r.head().hex(), r.records() - 1);
      out.printf("%-11s%s (RFC 6962 root of %,d records)%n", "root", root.base64(), r.records());
    }
    if (signatures != null) {
      Checkpoint c = signatures.checkpoint();
      if (c != null) {
        out.printf("%-11s%s at size %,d, root %s%n", "checkpoint", c.origin(), c.size(),
            c.rootHash().base64());
        out.printf("%-11ssigned by %s; cosigned by %s (%d required)%n", "",
            CheckpointVerification.names(signatures.logKeys()),
            CheckpointVerification.names(signatures.witnesses()), signatures.quorum());
      }
      out.printf("%-11s%s%n", "",
          checkpointProblem == null ? "the journal has this root at this size" : "FAILED: "
              + checkpointProblem);
    }
    out.printf("%-11s%.2f s, %,.0f records/s%n", "time", r.nanos() / 1e9, r.recordsPerSecond());
    for (String w : r.warnings()) {
      out.println("warning: " + w);
    }
    out.println(r.sound() ? "SOUND" : "FAILED: " + r.failure().describe());
  }

  private String toJson(Scan.Result r, Hash root, CheckpointVerification signatures,
      String checkpointProblem) throws JsonProcessingException {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("path", r.path().toString());
    o.put("kind", r.kind());
    o.put("sound", r.sound());
    if (r.genesis() != null) {
      o.put("bank", r.genesis().bankId());
      o.put("branch", r.genesis().branchId());
      o.put("algorithm", r.genesis().algorithm().displayName());
    } else {
      o.putNull("bank");
      o.putNull("branch");
      o.putNull("algorithm");
    }
    o.put("records", r.records());
    o.put("head", r.records() > 0 ? r.head().hex() : null);
    o.put("root", root == null ? null : root.base64());
    if (signatures != null) {
      ObjectNode c = signatures.toJson();
      c.put("rootMatches", checkpointProblem == null);
      o.set("checkpoint", c);
    } else {
      o.putNull("checkpoint");
    }
    o.set("failure", r.failure() == null ? null : r.failure().toJson());
    ArrayNode warnings = o.putArray("warnings");
    r.warnings().forEach(warnings::add);
    o.put("seconds", r.nanos() / 1e9);
    o.put("recordsPerSecond", Math.round(r.recordsPerSecond()));
    return ExportFormat.MAPPER.writeValueAsString(o);
  }

  /** {@code SIZE:HEX}. */
  static final class AnchorConverter implements CommandLine.ITypeConverter<JournalVerifier.Anchor> {
    @Override
    public JournalVerifier.Anchor convert(String value) {
      int colon = value.indexOf(':');
      try {
        if (colon < 0) {
          throw new IllegalArgumentException("expected SIZE:HEAD");
        }
        return new JournalVerifier.Anchor(Long.parseLong(value.substring(0, colon)),
            Hash.parseHex(value.substring(colon + 1)));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "not SIZE:HEAD (a record count and a 64-digit hex leaf hash): " + e.getMessage());
      }
    }
  }
}
