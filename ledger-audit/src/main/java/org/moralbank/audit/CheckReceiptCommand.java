package org.moralbank.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.moralbank.ledger.checkpoint.InvalidReceiptException;
import org.moralbank.ledger.checkpoint.ReceiptVerifier;
import org.moralbank.ledger.checkpoint.TrustedKeys;
import org.moralbank.ledger.checkpoint.VerifiedReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code check-receipt}: verifies a member's receipt offline with {@link ReceiptVerifier}. */
@Command(name = "check-receipt", mixinStandardHelpOptions = true,
    description = {
        "Checks a receipt (moralbank-receipt/v1) offline: the log's signature on its checkpoint,"
            + " the witnesses' cosignatures, the record, and the inclusion proof from the record"
            + " to the checkpoint's root. Needs no journal."})
final class CheckReceiptCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RECEIPT", description = "The receipt file.")
  private Path receipt;

  @Mixin private TrustOptions trust;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  private boolean json;

  @Override
  public Integer call() throws IOException {
    TrustedKeys trusted = trust.trusted(spec);
    String text = Inputs.text(spec, receipt, "receipt");
    PrintWriter out = spec.commandLine().getOut();
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("receipt", receipt.toString());
    try {
      VerifiedReceipt v = ReceiptVerifier.verify(text, trusted);
      o.put("valid", true);
      o.put("sequence", v.record().sequence());
      o.put("time", ExportFormat.time(v.record().timestamp()));
      o.set("record", RecordView.of(v.record()));
      o.put("origin", v.checkpoint().origin());
      o.put("treeSize", v.checkpoint().size());
      o.put("root", v.checkpoint().rootHash().base64());
      o.put("logKey", v.logKey().encode());
      ArrayNode w = o.putArray("witnesses");
      v.witnesses().forEach(k -> w.add(k.encode()));
      if (json) {
        out.println(ExportFormat.MAPPER.writeValueAsString(o));
      } else {
        out.printf("%-11s%s%n", "receipt", receipt);
        out.printf("%-11s%d, %s%n", "record", v.record().sequence(),
            ExportFormat.time(v.record().timestamp()));
        out.printf("%-11s%s%n", "says", RecordView.summary(v.record()));
        out.printf("%-11s%s at size %,d, root %s%n", "checkpoint", v.checkpoint().origin(),
            v.checkpoint().size(), v.checkpoint().rootHash().base64());
        out.printf("%-11ssigned by %s; cosigned by %s%n", "",
            CheckpointVerification.names(List.of(v.logKey())),
            CheckpointVerification.names(v.witnesses()));
        out.println("VALID: the record is in the journal the checkpoint describes");
      }
      out.flush();
      return Exit.SOUND;
    } catch (InvalidReceiptException e) {
      o.put("valid", false);
      o.put("problem", e.reason().name());
      o.put("detail", e.getMessage());
      out.println(json ? ExportFormat.MAPPER.writeValueAsString(o) : "INVALID: " + e.getMessage());
      out.flush();
      return Exit.INTEGRITY_FAILURE;
    }
  }
}
