package org.moralbank.audit;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.IntegrityFailure;
import org.moralbank.ledger.LedgerRecord;

/**
 * Where the records of one branch journal come from: a file journal directory or a JSON Lines
 * export. A source hands over each record's bytes with the position and hashes it keeps beside
 * them; the {@link Scan} recomputes everything.
 */
sealed interface JournalSource extends Closeable permits FileJournalSource, ExportSource {

  /** What the source is, for people: "file journal" or "export". */
  String kind();

  Path path();

  /** How many records the source says it holds. */
  long expectedRecords();

  /** The leaf hash the source says its last record has. */
  Hash expectedHead();

  /** {@code bank/branch} as the source names it before its genesis record is read, or null. */
  String claimedBranch();

  /** Calls {@code sink} with every record in order until it returns false. */
  void read(RecordSink sink) throws IOException;

  /** Things the source did or saw that the auditor should know but that are no failure. */
  List<String> warnings();

  /** {@code failure} as found by the verifier, located in this source as well as it can. */
  Failure locate(IntegrityFailure failure, String branch);

  /** Receives records in order. */
  @FunctionalInterface
  interface RecordSink {
    /**
     * @param check the source's own check of the decoded record, run once the verifier has
     *     accepted it; null when the source has none
     * @return false to stop reading
     */
    boolean record(long sequence, Hash previousHash, Hash hash, byte[] bytes, SourceCheck check)
        throws IOException;
  }

  /** A source's check of a verified record against what the source shows beside its bytes. */
  @FunctionalInterface
  interface SourceCheck {
    void check(LedgerRecord record, Hash leafHash) throws ExportDamagedException;
  }
}
