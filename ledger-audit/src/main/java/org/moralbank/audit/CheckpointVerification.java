package org.moralbank.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.moralbank.ledger.checkpoint.Checkpoint;
import org.moralbank.ledger.checkpoint.MalformedNoteException;
import org.moralbank.ledger.checkpoint.SignatureVerificationException;
import org.moralbank.ledger.checkpoint.SignedNote;
import org.moralbank.ledger.checkpoint.TrustedKeys;
import org.moralbank.ledger.checkpoint.VerifierKey;

/**
 * The signature checks on a signed checkpoint: at least one trusted log key signed it and every
 * trusted log key line on it verifies (C2SP signed-note), and enough trusted witnesses cosigned.
 *
 * @param checkpoint the parsed checkpoint, or null if the note is not one
 * @param logKeys the trusted log keys whose signatures verified
 * @param witnesses the trusted witnesses whose cosignatures verified
 * @param problem null when the signatures are sound; else {@code CHECKPOINT_MALFORMED}, {@code
 *     CHECKPOINT_SIGNATURE}, {@code WITNESS_SIGNATURE} or {@code WITNESS_QUORUM}
 */
record CheckpointVerification(
    Checkpoint checkpoint,
    List<VerifierKey> logKeys,
    List<VerifierKey> witnesses,
    int quorum,
    String problem,
    String detail) {

  static CheckpointVerification of(String noteText, TrustedKeys trusted) {
    SignedNote note;
    Checkpoint checkpoint;
    try {
      note = SignedNote.parse(noteText);
      checkpoint = Checkpoint.parse(note.text());
    } catch (MalformedNoteException e) {
      return new CheckpointVerification(null, List.of(), List.of(), trusted.witnessQuorum(),
          "CHECKPOINT_MALFORMED", e.getMessage());
    }
    List<VerifierKey> logKeys;
    try {
      logKeys = note.verify(trusted.logKeys());
    } catch (SignatureVerificationException e) {
      return new CheckpointVerification(checkpoint, List.of(), List.of(), trusted.witnessQuorum(),
          "CHECKPOINT_SIGNATURE", e.getMessage());
    }
    List<VerifierKey> witnesses = new ArrayList<>();
    for (VerifierKey w : trusted.witnessKeys()) {
      try {
        note.verify(List.of(w));
        witnesses.add(w);
      } catch (SignatureVerificationException e) {
        if (e.reason() == SignatureVerificationException.Reason.BAD_SIGNATURE) {
          return new CheckpointVerification(checkpoint, logKeys, witnesses,
              trusted.witnessQuorum(), "WITNESS_SIGNATURE", e.getMessage());
        }
      }
    }
    if (witnesses.size() < trusted.witnessQuorum()) {
      return new CheckpointVerification(checkpoint, logKeys, witnesses, trusted.witnessQuorum(),
          "WITNESS_QUORUM", witnesses.size() + " trusted witnesses cosigned, "
              + trusted.witnessQuorum() + " are required");
    }
    return new CheckpointVerification(checkpoint, logKeys, witnesses, trusted.witnessQuorum(),
        null, null);
  }

  boolean signaturesSound() {
    return problem == null;
  }

  static String names(List<VerifierKey> keys) {
    List<String> names = new ArrayList<>();
    for (VerifierKey k : keys) {
      names.add(k.name() + " (" + k.keyIdHex() + ")");
    }
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    if (checkpoint != null) {
      o.put("origin", checkpoint.origin());
      o.put("size", checkpoint.size());
      o.put("root", checkpoint.rootHash().base64());
    }
    ArrayNode l = o.putArray("logKeys");
    logKeys.forEach(k -> l.add(k.encode()));
    ArrayNode w = o.putArray("witnesses");
    witnesses.forEach(k -> w.add(k.encode()));
    o.put("quorum", quorum);
    o.put("signaturesSound", signaturesSound());
    if (problem != null) {
      o.put("problem", problem);
      o.put("detail", detail);
    }
    return o;
  }
}
