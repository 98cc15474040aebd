package org.moralbank.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.io.BaseEncoding;
import java.time.Instant;
import java.util.Map;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.LedgerRecord;

/**
 * The JSON Lines export, format version 1 (docs/auditors-guide.md, "Export format"): a header
 * object, then one object per record with its canonical bytes in base64 and a readable view.
 * Lines are written in ASCII (other characters escaped), fields in a fixed order, so one journal
 * always exports to the same bytes.
 */
final class ExportFormat {
  static final String FORMAT = "moralbank-journal-export";
  static final int VERSION = 1;

  /** Writes ASCII, refuses duplicate keys and trailing tokens when reading. */
  static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ExportFormat() {}

  static ObjectNode header(LedgerRecord.Genesis genesis, long records, Hash head) {
    ObjectNode o = JSON.objectNode();
    o.put("format", FORMAT);
    o.put("version", VERSION);
    o.put("bank", genesis.bankId());
    o.put("branch", genesis.branchId());
    o.put("algorithm", genesis.algorithm().displayName());
    o.put("records", records);
    o.put("head", head.hex());
    return o;
  }

  /** The line of one record, from its bytes, decoded form and leaf hash. */
  static ObjectNode line(LedgerRecord record, Hash leafHash, byte[] bytes) {
    ObjectNode o = JSON.objectNode();
    o.put("sequence", record.sequence());
    o.put("timestamp", record.timestamp());
    o.put("time", time(record.timestamp()));
    o.put("previous", record.previousHash().hex());
    o.put("hash", leafHash.hex());
    o.put("bytes", BaseEncoding.base64().encode(bytes));
    o.set("record", RecordView.of(record));
    return o;
  }

  /** Nanoseconds since the epoch as an ISO-8601 UTC instant. */
  static String time(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
        Math.floorMod(nanos, 1_000_000_000L)).toString();
  }

  /**
   * Where {@code actual} differs from {@code expected}, as a field path and both values; null
   * when they are equal. Integers compare by value, whatever their JSON spelling.
   */
  static String difference(String path, JsonNode expected, JsonNode actual) {
    if (expected.isObject() && actual.isObject()) {
      for (Map.Entry<String, JsonNode> e : expected.properties()) {
        String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        JsonNode a = actual.get(e.getKey());
        if (a == null) {
          return p + " is missing";
        }
        String d = difference(p, e.getValue(), a);
        if (d != null) {
          return d;
        }
      }
      for (Map.Entry<String, JsonNode> a : actual.properties()) {
        String name = a.getKey();
        if (!expected.has(name)) {
          return (path.isEmpty() ? name : path + "." + name) + " is not a field of the format";
        }
      }
      return null;
    }
    if (expected.isArray() && actual.isArray()) {
      if (expected.size() != actual.size()) {
        return path + " has " + actual.size() + " elements, the bytes say " + expected.size();
      }
      for (int i = 0; i < expected.size(); i++) {
        String d = difference(path + "[" + i + "]", expected.get(i), actual.get(i));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    boolean equal = expected.isIntegralNumber() && actual.isIntegralNumber()
        ? expected.bigIntegerValue().equals(actual.bigIntegerValue())
        : expected.equals(actual);
    return equal ? null : path + " is " + actual + ", the bytes say " + expected;
  }
}
