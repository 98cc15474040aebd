package org.moralbank.audit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.io.BaseEncoding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.IntegrityFailure;
import org.moralbank.ledger.LedgerRecord;

/**
 * A JSON Lines export ({@link ExportFormat}), read back for verification. Only the sequence,
 * hashes and canonical bytes of a line go to the verifier; everything else on the line (the
 * timestamp, the time, the readable view) must then be exactly what the verified bytes give, or
 * the line is refused with {@code VIEW_MISMATCH}. The header's bank, branch and algorithm must
 * be the genesis record's, and its record count and head what the lines reach.
 */
final class ExportSource implements JournalSource {
  /** Longer lines are damage: the largest record (a 64 KiB note) exports to about 200 KiB. */
  static final int MAX_LINE = 16 << 20;

  private final Path file;
  private final InputStream in;
  private final byte[] chunk = new byte[1 << 16];
  private int chunkPosition;
  private int chunkLimit;
  private byte[] line = new byte[8192];
  private int lineLength;
  /** 1-based number of the line read last, and the byte offset where it starts. */
  private long lineNumber;
  private long lineOffset;
  private long nextOffset;
  /** The sequence of the record line read last, and where that line starts. */
  private long currentSequence = -1;
  private long currentOffset = -1;

  private LedgerRecord.Genesis genesis;
  private long records;
  private Hash head;

  private ExportSource(Path file, InputStream in) {
    this.file = file;
    this.in = in;
  }

  /** Whether the file starts like an export (the first byte is '{'), to tell it from a journal. */
  static boolean looksLikeExport(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      return false;
    }
    try (InputStream s = Files.newInputStream(path)) {
      return s.read() == '{';
    }
  }

  /** Opens an export and checks its header. */
  static ExportSource open(Path file) throws IOException {
    ExportSource source = new ExportSource(file, Files.newInputStream(file));
    try {
      source.readHeader();
      return source;
    } catch (IOException | RuntimeException e) {
      source.close();
      throw e;
    }
  }

  private void readHeader() throws IOException {
    JsonNode header = nextLine(0);
    if (header == null) {
      throw damaged(0, "EXPORT_MALFORMED", "the file is empty");
    }
    if (!header.isObject()) {
      throw damaged(0, "EXPORT_MALFORMED", "the header is not a JSON object");
    }
    JsonNode format = header.get("format");
    if (format == null || !ExportFormat.FORMAT.equals(format.asText())) {
      throw damaged(0, "EXPORT_MALFORMED", "not a " + ExportFormat.FORMAT + " file");
    }
    JsonNode version = header.get("version");
    if (version == null || !version.isIntegralNumber() || version.asLong() != ExportFormat.VERSION) {
      throw damaged(0, "EXPORT_MALFORMED", "export format version " + version
          + " is not supported; this tool reads version " + ExportFormat.VERSION);
    }
    String name = text(header, "algorithm", 0);
    HashAlgorithm algorithm = null;
    for (HashAlgorithm a : HashAlgorithm.values()) {
      if (a.displayName().equals(name)) {
        algorithm = a;
      }
    }
    if (algorithm == null) {
      throw damaged(0, "EXPORT_MALFORMED", "unknown hash algorithm \"" + name + "\"");
    }
    try {
      genesis = new LedgerRecord.Genesis(
          algorithm, text(header, "bank", 0), text(header, "branch", 0));
    } catch (IllegalArgumentException e) {
      throw damaged(0, "EXPORT_MALFORMED", "header: " + e.getMessage());
    }
    JsonNode n = header.get("records");
    if (n == null || !n.canConvertToExactIntegral() || !n.canConvertToLong() || n.longValue() < 1) {
      throw damaged(0, "EXPORT_MALFORMED", "the header's \"records\" is not a positive count");
    }
    records = n.longValue();
    head = hash(header, "head", 0);
    String d = ExportFormat.difference("", ExportFormat.header(genesis, records, head), header);
    if (d != null) {
      throw damaged(0, "EXPORT_MALFORMED", "header: " + d);
    }
  }

  @Override
  public String kind() {
    return "export";
  }

  @Override
  public Path path() {
    return file;
  }

  @Override
  public long expectedRecords() {
    return records;
  }

  @Override
  public Hash expectedHead() {
    return head;
  }

  @Override
  public String claimedBranch() {
    return genesis.bankId() + "/" + genesis.branchId();
  }

  @Override
  public void read(RecordSink sink) throws IOException {
    long sequence = 0;
    Hash last = null;
    for (JsonNode node; (node = nextLine(sequence)) != null; sequence++) {
      currentSequence = sequence;
      currentOffset = lineOffset;
      if (sequence >= records) {
        throw damaged(sequence, "EXPORT_MALFORMED", "more records than the header's " + records);
      }
      if (!node.isObject()) {
        throw damaged(sequence, "EXPORT_MALFORMED", "not a JSON object");
      }
      JsonNode seq = node.get("sequence");
      if (seq == null || !seq.canConvertToExactIntegral() || !seq.canConvertToLong()) {
        throw damaged(sequence, "EXPORT_MALFORMED", "no integer \"sequence\"");
      }
      Hash previous = hash(node, "previous", sequence);
      Hash hash = hash(node, "hash", sequence);
      byte[] bytes;
      try {
        bytes = BaseEncoding.base64().decode(text(node, "bytes", sequence));
      } catch (IllegalArgumentException e) {
        throw damaged(sequence, "EXPORT_MALFORMED", "\"bytes\" is not base64: " + e.getMessage());
      }
      long s = sequence;
      JsonNode shown = node;
      if (!sink.record(seq.longValue(), previous, hash, bytes,
          (r, leaf) -> check(s, shown, r, leaf, bytes))) {
        return;
      }
      last = hash;
    }
    if (sequence < records) {
      throw damaged(sequence, "TRUNCATED",
          "the header says " + records + " records, the export ends after " + sequence);
    }
    if (!head.equals(last)) {
      throw damaged(sequence - 1, "HEADER_MISMATCH",
          "the header says the last record hashes to " + head + ", it hashes to " + last);
    }
  }

  private void check(long sequence, JsonNode shown, LedgerRecord record, Hash leaf, byte[] bytes)
      throws ExportDamagedException {
    if (sequence == 0 && !record.body().equals(genesis)) {
      LedgerRecord.Genesis g = (LedgerRecord.Genesis) record.body();
      throw damaged(0, "HEADER_MISMATCH", "the header names " + claimedBranch() + " ("
          + genesis.algorithm().displayName() + "), the genesis record " + g.bankId() + "/"
          + g.branchId() + " (" + g.algorithm().displayName() + ")");
    }
    String d = ExportFormat.difference("", ExportFormat.line(record, leaf, bytes), shown);
    if (d != null) {
      throw damaged(sequence, "VIEW_MISMATCH", d);
    }
  }

  /**
   * The next line parsed as JSON, or null at the end of the file. A line ends at '\n'; the last
   * line must end in one too.
   */
  private JsonNode nextLine(long sequence) throws IOException {
    lineOffset = nextOffset;
    lineLength = 0;
    while (true) {
      if (chunkPosition == chunkLimit) {
        chunkLimit = in.read(chunk);
        chunkPosition = 0;
        if (chunkLimit <= 0) {
          chunkLimit = 0;
          if (lineLength == 0) {
            return null;
          }
          lineNumber++;
          throw damaged(sequence, "TRUNCATED", "the last line does not end in a newline");
        }
      }
      int start = chunkPosition;
      int end = start;
      while (end < chunkLimit && chunk[end] != '\n') {
        end++;
      }
      append(start, end, sequence);
      chunkPosition = end;
      if (end < chunkLimit) {
        chunkPosition++;
        break;
      }
    }
    nextOffset += lineLength + 1;
    lineNumber++;
    try {
      return ExportFormat.MAPPER.readTree(line, 0, lineLength);
    } catch (JacksonException e) {
      throw damaged(sequence, "EXPORT_MALFORMED", "not JSON: " + e.getOriginalMessage());
    }
  }

  private void append(int from, int to, long sequence) throws ExportDamagedException {
    int n = to - from;
    if (lineLength + n > MAX_LINE) {
      lineNumber++;
      throw damaged(sequence, "EXPORT_MALFORMED", "a line longer than " + MAX_LINE + " bytes");
    }
    if (lineLength + n > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
    }
    System.arraycopy(chunk, from, line, lineLength, n);
    lineLength += n;
  }

  private String text(JsonNode node, String field, long sequence) throws ExportDamagedException {
    JsonNode n = node.get(field);
    if (n == null || !n.isTextual()) {
      throw damaged(sequence, "EXPORT_MALFORMED", "no text field \"" + field + "\"");
    }
    return n.asText();
  }

  private Hash hash(JsonNode node, String field, long sequence) throws ExportDamagedException {
    String hex = text(node, field, sequence);
    try {
      return Hash.parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw damaged(sequence, "EXPORT_MALFORMED", "\"" + field + "\" is not a hex hash");
    }
  }

  private ExportDamagedException damaged(long sequence, String problem, String detail) {
    return new ExportDamagedException(file, lineNumber, lineOffset, sequence, problem, detail);
  }

  @Override
  public List<String> warnings() {
    return List.of();
  }

  /** Record n is on line n + 2: line 1 is the header. */
  @Override
  public Failure locate(IntegrityFailure f, String branch) {
    if (f.sequence() > currentSequence) {
      // the export ended before this record (a trusted anchor covers more)
      return new Failure(branch, f.sequence(), f.problem().name(), f.detail(), file, -1, -1);
    }
    return new Failure(branch, f.sequence(), f.problem().name(), f.detail(), file,
        f.sequence() == currentSequence ? currentOffset : -1, f.sequence() + 2);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
