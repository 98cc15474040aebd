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
            + " and that the journal at the checkpoint's size has the checkpoint's root.",
        "Exit codes: 0 sound, 1 an integrity check failed, 2 usage error, 3 the check could not"
            + " be made."})
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

  @Mixin private ProgressOption progress;

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
    Checkpoint trusted = signatures != null && signatures.signaturesSound()
        ? signatures.checkpoint()
        : null;
    Scan.Result result;
    try (Scan scan = Scan.open(path)) {
      result = scan.run(anchor(trusted), List.of(),
          progress.choose(spec.commandLine().getErr()));
    }
    if (signatures != null && !signatures.signaturesSound()) {
      Checkpoint c = signatures.checkpoint();
      result = result.withFailure(new Failure(result.branch(),
          c == null ? 0 : Math.max(0, c.size() - 1), signatures.problem(), signatures.detail(),
          checkpointFile, -1, -1));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(result, signatures));
    } else {
      printSummary(out, result, signatures);
    }
    out.flush();
    return result.sound() ? Exit.SOUND : Exit.INTEGRITY_FAILURE;
  }

  /**
   * What the verifier must find at a size: the trusted checkpoint's root, the {@code --anchor}'s
   * head, or both when they are of one size.
   */
  private Optional<JournalVerifier.Anchor> anchor(Checkpoint checkpoint) {
    if (checkpoint == null || checkpoint.size() == 0) {
      // the empty tree is extended by every journal: nothing to check against
      return Optional.ofNullable(anchor);
    }
    if (anchor == null) {
      return Optional.of(JournalVerifier.Anchor.ofRoot(checkpoint.head()));
    }
    if (anchor.size() != checkpoint.size()) {
      throw new ParameterException(spec.commandLine(), "--anchor is at size " + anchor.size()
          + ", the checkpoint at " + checkpoint.size() + ": give one, or both of one size");
    }
    return Optional.of(new JournalVerifier.Anchor(
        anchor.size(), anchor.head(), Optional.of(checkpoint.rootHash())));
  }

  private void printSummary(PrintWriter out, Scan.Result r, CheckpointVerification signatures) {
    out.printf("%-11s%s (%s)%n", "source", r.path(), r.kind());
    if (r.genesis() != null) {
      out.printf("%-11s%s/%s, %s%n", "branch", r.genesis().bankId(), r.genesis().branchId(),
          r.genesis().algorithm().displayName());
    }
    out.printf("%-11s%,d sound%n", "records", r.records());
    if (r.records() > 0) {
      out.printf("%-11s%s (leaf hash of record %d)%n", "head", r.head().hex(), r.records() - 1);
    }
    if (r.tree() != null) {
      out.printf("%-11s%s (RFC 6962 root of %,d records)%n", "root", r.tree().root().base64(),
          r.tree().size());
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
      out.printf("%-11s%s%n", "", !signatures.signaturesSound()
          ? "FAILED: " + signatures.problem() + ": " + signatures.detail()
          : r.sound() ? "the journal has this root at this size" : "NOT CONFIRMED: see below");
    }
    out.printf("%-11s%.2f s, %,.0f records/s%n", "time", r.nanos() / 1e9, r.recordsPerSecond());
    for (String w : r.warnings()) {
      out.println("warning: " + w);
    }
    out.println(r.sound() ? "SOUND" : "FAILED: " + r.failure().describe());
  }

  private String toJson(Scan.Result r, CheckpointVerification signatures)
      throws JsonProcessingException {
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
    o.put("root", r.tree() == null ? null : r.tree().root().base64());
    if (signatures != null) {
      ObjectNode c = signatures.toJson();
      c.put("rootMatches", signatures.signaturesSound() && r.sound());
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
