package org.moralbank.ledger.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.ProofTestRecords;
import org.moralbank.ledger.proof.InclusionProof;
import org.moralbank.ledger.proof.MerkleTree;

class ReceiptTest {
  /** A journal of 13 records, its tree, a checkpoint of the first 11 cosigned by one witness. */
  static final class Fixture {
    final HashAlgorithm algorithm;
    final List<byte[]> records;
    final MerkleTree tree;
    final SignedNote checkpoint;
    final TrustedKeys trusted;

    Fixture(HashAlgorithm algorithm, SigningKey logKey) {
      this.algorithm = algorithm;
      records = ProofTestRecords.journal(algorithm, "bank-1", "branch-1", 13);
      tree = MerkleTree.create(algorithm);
      for (byte[] r : records.subList(0, 11)) {
        tree.append(algorithm.leafHash(r));
      }
      SignedNote signed = new CheckpointSigner(logKey, algorithm, Optional.empty()).sign(tree);
      for (byte[] r : records.subList(11, 13)) {
        tree.append(algorithm.leafHash(r));
      }
      Witness witness = new Witness(TestKeys.witness(),
          List.of(new WitnessedLog(logKey.name(), logKey.verifierKey(), algorithm)), List.of(),
          Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC));
      checkpoint = witness.cosign(signed);
      trusted = new TrustedKeys(Set.of(logKey.verifierKey()),
          Set.of(TestKeys.witness().verifierKey(), TestKeys.witness2().verifierKey()), 1);
    }

    Receipt receipt(int sequence) {
      return Receipt.issue(tree, records.get(sequence), checkpoint);
    }
  }

  @Test
  void everyRecordAtTheCheckpoint_hasAReceiptThatVerifiesAfterATextRoundTrip() {
    for (Fixture f : List.of(new Fixture(HashAlgorithm.SHA_256, TestKeys.log()),
        new Fixture(HashAlgorithm.SM3, TestKeys.sm2Log()))) {
      for (int seq = 0; seq < 11; seq++) {
        Receipt receipt = f.receipt(seq);
        String text = receipt.encode();
        assertEquals(text, Receipt.parse(text).encode());
        VerifiedReceipt verified = ReceiptVerifier.verify(text, f.trusted);
        assertEquals(seq, verified.record().sequence());
        assertEquals(11, verified.checkpoint().size());
        assertEquals(List.of(TestKeys.witness().verifierKey()), verified.witnesses());
        assertArrayEquals(f.records.get(seq), receipt.recordBytes());
      }
      // Records appended after the checkpoint are not at it.
      assertThrows(IllegalArgumentException.class, () -> f.receipt(11));
    }
  }

  @Test
  void everyCorruption_isRefusedWithItsReason() {
    Fixture f = new Fixture(HashAlgorithm.SHA_256, TestKeys.log());
    Receipt good = f.receipt(6);
    InclusionProof proof = good.proof();

    byte[] flipped = good.recordBytes();
    flipped[flipped.length - 1] ^= 1;
    expect(InvalidReceiptException.Reason.INCLUSION_PROOF,
        Receipt.of(f.algorithm, flipped, proof, f.checkpoint), f.trusted);
    expect(InvalidReceiptException.Reason.RECORD_MALFORMED,
        Receipt.of(f.algorithm, new byte[] {1, 2, 3}, proof, f.checkpoint), f.trusted);
    expect(InvalidReceiptException.Reason.RECORD_SEQUENCE_MISMATCH,
        Receipt.of(f.algorithm, f.records.get(5), proof, f.checkpoint), f.trusted);
    List<Hash> path = new ArrayList<>(proof.path());
    byte[] h = path.get(1).toByteArray();
    h[25] ^= 1;
    path.set(1, Hash.of(h));
    expect(InvalidReceiptException.Reason.INCLUSION_PROOF,
        Receipt.of(f.algorithm, f.records.get(6), new InclusionProof(6, 11, path), f.checkpoint), f.trusted);
    expect(InvalidReceiptException.Reason.INCLUSION_PROOF,
        Receipt.of(HashAlgorithm.SM3, f.records.get(6), proof, f.checkpoint), f.trusted);

    // The log's signature: missing, from another key, or broken.
    SignedNote cosignOnly = SignedNote.of(f.checkpoint.text(), List.of(f.checkpoint.signatures().get(1)));
    expect(InvalidReceiptException.Reason.LOG_SIGNATURE, good.withSignedCheckpoint(cosignOnly), f.trusted);
    expect(InvalidReceiptException.Reason.LOG_SIGNATURE, good,
        new TrustedKeys(Set.of(TestKeys.sm2Log().verifierKey()), f.trusted.witnessKeys(), 1));
    byte[] sig = f.checkpoint.signatures().get(0).signature();
    sig[0] ^= 1;
    SignedNote broken = SignedNote.of(f.checkpoint.text(), List.of(
        new NoteSignature(TestKeys.LOG_NAME, TestKeys.log().verifierKey().keyId(), sig),
        f.checkpoint.signatures().get(1)));
    expect(InvalidReceiptException.Reason.LOG_SIGNATURE, good.withSignedCheckpoint(broken), f.trusted);

    // Witnesses: too few, or a trusted witness's line forged.
    SignedNote logOnly = SignedNote.of(f.checkpoint.text(), List.of(f.checkpoint.signatures().get(0)));
    expect(InvalidReceiptException.Reason.WITNESS_SIGNATURES, good.withSignedCheckpoint(logOnly), f.trusted);
    expect(InvalidReceiptException.Reason.WITNESS_SIGNATURES, good,
        new TrustedKeys(f.trusted.logKeys(), f.trusted.witnessKeys(), 2));
    byte[] cosig = f.checkpoint.signatures().get(1).signature();
    cosig[3] ^= 1; // the timestamp is signed too
    SignedNote badCosig = logOnly.withSignature(
        new NoteSignature(TestKeys.WITNESS_NAME, TestKeys.witness().verifierKey().keyId(), cosig));
    expect(InvalidReceiptException.Reason.WITNESS_SIGNATURES, good.withSignedCheckpoint(badCosig), f.trusted);
    // With no witness required, the log's signature alone suffices.
    ReceiptVerifier.verify(good.withSignedCheckpoint(logOnly), TrustedKeys.log(TestKeys.log().verifierKey()));
  }

  @Test
  void parse_refusesMalformedText() {
    String text = new Fixture(HashAlgorithm.SHA_256, TestKeys.log()).receipt(3).encode();
    for (String bad : List.of(
        text.replace("moralbank-receipt/v1", "moralbank-receipt/v2"),
        text.replace("hash-algorithm SHA-256", "hash-algorithm SHA-1"),
        text.replace("leaf-index 3", "leaf-index 03"),
        text.replace("leaf-index 3", "leaf-index -3"),
        text.replaceFirst("\npath ", "\npathx "),
        text.replaceFirst("=\npath ", "\npath "),
        text.replaceFirst("\n\n", "\n"),
        text.replace("record ", "record  "),
        text.substring(0, text.length() - 1))) {
      InvalidReceiptException e = assertThrows(InvalidReceiptException.class, () -> Receipt.parse(bad), bad);
      assertEquals(InvalidReceiptException.Reason.MALFORMED, e.reason());
    }
  }

  private static void expect(InvalidReceiptException.Reason reason, Receipt receipt, TrustedKeys trusted) {
    InvalidReceiptException e = assertThrows(InvalidReceiptException.class,
        () -> ReceiptVerifier.verify(Receipt.parse(receipt.encode()), trusted));
    assertEquals(reason, e.reason(), e.getMessage());
  }
}
