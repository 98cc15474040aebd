package org.moralbank.audit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.io.BaseEncoding;
import java.util.ArrayList;
import java.util.List;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.proof.ConsistencyProof;
import org.moralbank.ledger.proof.InclusionProof;

/**
 * The JSON form of the proofs that {@code prove} writes and {@code checkpoint cosign --proof}
 * reads, version 1 (docs/auditors-guide.md, "Proof files"). Hashes are standard base64, as in
 * checkpoints.
 */
final class ProofFormat {
  static final int VERSION = 1;
  static final String INCLUSION = "moralbank-inclusion-proof";
  static final String CONSISTENCY = "moralbank-consistency-proof";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ProofFormat() {}

  static ObjectNode inclusion(HashAlgorithm algorithm, InclusionProof proof, Hash leafHash,
      Hash root) {
    ObjectNode o = JSON.objectNode();
    o.put("format", INCLUSION);
    o.put("version", VERSION);
    o.put("algorithm", algorithm.displayName());
    o.put("leafIndex", proof.leafIndex());
    o.put("treeSize", proof.treeSize());
    o.put("leafHash", leafHash.base64());
    o.put("root", root.base64());
    path(o, proof.path());
    return o;
  }

  static ObjectNode consistency(HashAlgorithm algorithm, ConsistencyProof proof, Hash root1,
      Hash root2) {
    ObjectNode o = JSON.objectNode();
    o.put("format", CONSISTENCY);
    o.put("version", VERSION);
    o.put("algorithm", algorithm.displayName());
    o.put("size1", proof.size1());
    o.put("size2", proof.size2());
    o.put("root1", root1.base64());
    o.put("root2", root2.base64());
    path(o, proof.path());
    return o;
  }

  private static void path(ObjectNode o, List<Hash> path) {
    ArrayNode a = o.putArray("path");
    path.forEach(h -> a.add(h.base64()));
  }

  /**
   * Reads a consistency proof; the roots in the file are not used, the caller has trusted ones.
   *
   * @throws IllegalArgumentException if the text is not a version-1 consistency proof
   */
  static ConsistencyProof parseConsistency(String text) {
    JsonNode o;
    try {
      o = ExportFormat.MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (o == null || !o.isObject() || !CONSISTENCY.equals(o.path("format").asText())
        || o.path("version").asInt(-1) != VERSION) {
      throw new IllegalArgumentException("not a " + CONSISTENCY + " version " + VERSION);
    }
    JsonNode size1 = o.get("size1");
    JsonNode size2 = o.get("size2");
    JsonNode path = o.get("path");
    if (size1 == null || !size1.canConvertToExactIntegral() || size2 == null
        || !size2.canConvertToExactIntegral() || path == null || !path.isArray()) {
      throw new IllegalArgumentException("a consistency proof has size1, size2 and path");
    }
    List<Hash> hashes = new ArrayList<>();
    for (JsonNode h : path) {
      hashes.add(Hash.of(BaseEncoding.base64().decode(h.asText())));
    }
    return new ConsistencyProof(size1.longValue(), size2.longValue(), hashes);
  }
}
