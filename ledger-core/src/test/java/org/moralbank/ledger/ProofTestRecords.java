package org.moralbank.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical journal records for the tests of the proof and checkpoint packages, which cannot
 * construct record bodies themselves (the body records are package-private).
 */
public final class ProofTestRecords {
  private ProofTestRecords() {}

  /**
   * A hash-chained journal of {@code count} records: a genesis record, then notes whose payload
   * is "note i".
   *
   * @return the canonical bytes of each record, record i at index i
   */
  public static List<byte[]> journal(HashAlgorithm algorithm, String bankId, String branchId, int count) {
    List<byte[]> out = new ArrayList<>();
    Hash previous = Hash.ZERO;
    for (int i = 0; i < count; i++) {
      LedgerRecord.Body body = i == 0
          ? new LedgerRecord.Genesis(algorithm, bankId, branchId)
          : new LedgerRecord.Noted(new Command.Note(7, ("note " + i).getBytes(StandardCharsets.UTF_8)));
      byte[] bytes = new LedgerRecord(i, 1_700_000_000_000_000_000L + i, previous, body).encode();
      out.add(bytes);
      previous = algorithm.leafHash(bytes);
    }
    return out;
  }
}
