package org.moralbank.examples.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.checkpoint.Checkpoint;
import org.moralbank.ledger.checkpoint.CheckpointSigner;
import org.moralbank.ledger.checkpoint.SignatureType;
import org.moralbank.ledger.checkpoint.SignedNote;
import org.moralbank.ledger.checkpoint.SigningKey;
import org.moralbank.ledger.checkpoint.TrustedKeys;
import org.moralbank.ledger.checkpoint.VerifierKey;
import org.moralbank.ledger.checkpoint.Witness;
import org.moralbank.ledger.checkpoint.WitnessedLog;
import org.moralbank.ledger.proof.MerkleTree;
import org.moralbank.ledger.store.JournalStore;

/**
 * Signed checkpoints of every journal (居账街管): the bank signs each journal's RFC 6962 tree
 * head with that journal's Ed25519 key, and the street office, a {@link Witness}, co-signs it
 * after checking that it extends the last one it saw. The trees are built here from the records
 * in the stores, independently of the engine, and kept for receipts.
 *
 * <p>The keys come from fixed seeds so that the demo is reproducible; anyone who reads this code
 * can sign as this demo bank. A real bank generates its keys ({@code ledger-audit key generate})
 * and keeps the private parts offline.
 */
final class Notary {
  static final String WITNESS_NAME = "street-office.moralbank.example/witness";

  private final HashAlgorithm algorithm;
  private final Map<String, CheckpointSigner> signers = new LinkedHashMap<>();
  private final Map<String, MerkleTree> trees = new LinkedHashMap<>();
  private final Map<String, String> origins = new LinkedHashMap<>();
  private final Witness witness;

  Notary(String bankId, List<String> journals, HashAlgorithm algorithm, Clock clock) {
    this.algorithm = algorithm;
    List<WitnessedLog> logs = new ArrayList<>();
    for (String journal : journals) {
      String origin = "moralbank.example/" + bankId + "/" + journal;
      SigningKey key = SigningKey.ed25519(origin, SignatureType.ED25519, seed(origin));
      signers.put(journal, new CheckpointSigner(key, algorithm, Optional.empty()));
      trees.put(journal, MerkleTree.create(algorithm));
      origins.put(journal, origin);
      logs.add(new WitnessedLog(origin, key.verifierKey(), algorithm));
    }
    SigningKey office = SigningKey.ed25519(WITNESS_NAME, SignatureType.COSIGNATURE_V1, seed(WITNESS_NAME));
    witness = new Witness(office, logs, List.of(), clock);
  }

  /** 32 bytes from a published label: fine for a demo, never for a bank. */
  private static byte[] seed(String keyName) {
    return HashAlgorithm.SHA_256.digest(
        ("moralbank demo key, not secret\n" + keyName).getBytes(StandardCharsets.UTF_8)).toByteArray();
  }

  /**
   * Brings the journal's tree up to the store's records, signs its head and has the street office
   * co-sign it, with a consistency proof from the last checkpoint it co-signed.
   */
  SignedNote checkpoint(String journal, JournalStore store) throws IOException {
    MerkleTree tree = trees.get(journal);
    long size = store.size();
    if (tree.size() < size) {
      store.read(tree.size(), size, r -> tree.append(algorithm.leafHash(r.bytes())));
    }
    SignedNote signed = signers.get(journal).sign(tree);
    Optional<Checkpoint> last = witness.lastCosigned(origins.get(journal));
    return last.isEmpty() || last.get().size() == 0
        ? witness.cosign(signed)
        : witness.cosign(signed, tree.consistencyProof(last.get().size(), tree.size()));
  }

  MerkleTree tree(String journal) {
    return trees.get(journal);
  }

  VerifierKey logKey(String journal) {
    return signers.get(journal).verifierKey();
  }

  VerifierKey witnessKey() {
    return witness.verifierKey();
  }

  /** What an auditor trusts: every journal's key, and the street office's co-signature. */
  TrustedKeys trusted() {
    List<VerifierKey> logs = new ArrayList<>();
    signers.values().forEach(s -> logs.add(s.verifierKey()));
    return new TrustedKeys(Set.copyOf(logs), Set.of(witness.verifierKey()), 1);
  }
}
