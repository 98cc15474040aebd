package org.moralbank.ledger.checkpoint;

import java.util.List;
import java.util.Objects;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.LedgerRecord;
import org.moralbank.ledger.MalformedRecordException;
import org.moralbank.ledger.proof.ProofException;
import org.moralbank.ledger.proof.ProofVerifier;
import org.moralbank.ledger.checkpoint.InvalidReceiptException.Reason;

/**
 * Checks a {@link Receipt} offline, in this order: the log's signature on the checkpoint, the
 * witnesses' cosignatures, the record's decoding and sequence number, the inclusion proof from
 * the record's leaf hash to the checkpoint's root at the checkpoint's size. The first failed
 * check is thrown as an {@link InvalidReceiptException} with its reason.
 */
public final class ReceiptVerifier {
  private ReceiptVerifier() {}

  /**
   * Parses and verifies a receipt's text.
   *
   * @param receiptText the receipt's version-1 text
   * @param trusted the log and witness keys the caller trusts
   * @return what it proves
   * @throws InvalidReceiptException if it is malformed or does not prove it
   */
  public static VerifiedReceipt verify(String receiptText, TrustedKeys trusted) {
    return verify(Receipt.parse(receiptText), trusted);
  }

  /**
   * Verifies a receipt.
   *
   * @return what it proves
   * @param receipt the receipt
   * @param trusted the log and witness keys the caller trusts
   * @throws InvalidReceiptException if it does not prove it
   */
  public static VerifiedReceipt verify(Receipt receipt, TrustedKeys trusted) {
    Objects.requireNonNull(receipt, "receipt == null");
    Objects.requireNonNull(trusted, "trusted == null");
    SignedNote note = receipt.signedCheckpoint();
    Checkpoint checkpoint = receipt.checkpoint();

    List<VerifierKey> logKeys;
    try {
      logKeys = note.verify(trusted.logKeys());
    } catch (SignatureVerificationException e) {
      throw new InvalidReceiptException(Reason.LOG_SIGNATURE, e.getMessage(), e);
    }

    List<VerifierKey> witnesses;
    try {
      witnesses = note.verifiedKeys(trusted.witnessKeys());
    } catch (SignatureVerificationException e) {
      throw new InvalidReceiptException(Reason.WITNESS_SIGNATURES, e.getMessage(), e);
    }
    if (witnesses.size() < trusted.witnessQuorum()) {
      throw new InvalidReceiptException(Reason.WITNESS_SIGNATURES, witnesses.size()
          + " trusted witnesses cosigned, " + trusted.witnessQuorum() + " are required");
    }

    byte[] bytes = receipt.recordBytes();
    LedgerRecord record;
    try {
      record = LedgerRecord.decode(bytes);
    } catch (MalformedRecordException e) {
      throw new InvalidReceiptException(Reason.RECORD_MALFORMED, e.getMessage(), e);
    }
    if (record.sequence() != receipt.proof().leafIndex()) {
      throw new InvalidReceiptException(Reason.RECORD_SEQUENCE_MISMATCH, "record "
          + record.sequence() + " with a proof for leaf " + receipt.proof().leafIndex());
    }

    Hash leaf = receipt.algorithm().leafHash(bytes);
    try {
      ProofVerifier.verifyInclusion(receipt.algorithm(), leaf, receipt.proof(), checkpoint.rootHash());
    } catch (ProofException e) {
      throw new InvalidReceiptException(Reason.INCLUSION_PROOF, e.getMessage(), e);
    }
    return new VerifiedReceipt(record, checkpoint, logKeys.get(0), witnesses);
  }
}
