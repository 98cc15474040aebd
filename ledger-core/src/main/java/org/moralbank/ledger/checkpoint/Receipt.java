package org.moralbank.ledger.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.LedgerRecord;
import org.moralbank.ledger.proof.InclusionProof;
import org.moralbank.ledger.proof.MerkleTree;

/**
 * An offline-verifiable proof that one journal record is in a branch journal: the record's
 * canonical bytes, its inclusion proof, and the signed (and usually cosigned) checkpoint the
 * proof leads to. A member keeps it; an auditor checks it with {@link ReceiptVerifier} and the
 * bank's public keys, without access to the journal.
 *
 * <p>Text format, version 1 (specified in {@code docs/proofs-and-checkpoints.md}):
 *
 * <pre>
 * moralbank-receipt/v1
 * hash-algorithm SHA-256
 * leaf-index 5
 * record &lt;base64 of the canonical record bytes&gt;
 * path &lt;base64 of a 32-byte hash&gt;        (zero or more, the leaf's sibling first)
 *
 * &lt;the signed checkpoint note, verbatim&gt;
 * </pre>
 *
 * <p>The tree size is the checkpoint's; every line ends in a newline; base64 is the padded
 * standard alphabet. Immutable.
 */
public final class Receipt {
  /** The first line of format version 1. */
  public static final String VERSION_LINE = "moralbank-receipt/v1";

  /** The longest receipt text accepted, in characters. */
  public static final int MAX_CHARS = 4 << 20;

  private static final int MAX_PATH = 64;
  private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,18}");

  private final HashAlgorithm algorithm;
  private final byte[] record;
  private final InclusionProof proof;
  private final SignedNote signedCheckpoint;
  private final Checkpoint checkpoint;

  private Receipt(HashAlgorithm algorithm, byte[] record, InclusionProof proof, SignedNote note, Checkpoint checkpoint) {
    this.algorithm = algorithm;
    this.record = record;
    this.proof = proof;
    this.signedCheckpoint = note;
    this.checkpoint = checkpoint;
  }

  /**
   * A receipt from its parts, unverified.
   *
   * @param algorithm the journal's hash algorithm
   * @param recordBytes the record's canonical bytes
   * @param proof the record's inclusion proof in the checkpoint's tree
   * @param signedCheckpoint the signed checkpoint the proof leads to
   * @return the receipt
   * @throws MalformedNoteException if the note's text is not a checkpoint
   * @throws IllegalArgumentException if the proof is for another tree size than the checkpoint's,
   *     the record is empty, or the path is longer than 64 hashes
   */
  public static Receipt of(HashAlgorithm algorithm, byte[] recordBytes, InclusionProof proof, SignedNote signedCheckpoint) {
    Objects.requireNonNull(algorithm, "algorithm == null");
    Objects.requireNonNull(recordBytes, "recordBytes == null");
    Objects.requireNonNull(proof, "proof == null");
    Objects.requireNonNull(signedCheckpoint, "signedCheckpoint == null");
    Checkpoint checkpoint = Checkpoint.parse(signedCheckpoint.text());
    if (proof.treeSize() != checkpoint.size()) {
      throw new IllegalArgumentException("the proof is for tree size " + proof.treeSize()
          + ", the checkpoint for " + checkpoint.size());
    }
    if (recordBytes.length == 0) {
      throw new IllegalArgumentException("a receipt holds a record");
    }
    if (proof.path().size() > MAX_PATH) {
      throw new IllegalArgumentException("an inclusion path has at most " + MAX_PATH + " hashes");
    }
    return new Receipt(algorithm, recordBytes.clone(), proof, signedCheckpoint, checkpoint);
  }

  /**
   * The receipt for one record of {@code tree} at a checkpoint signed for that tree.
   *
   * @param recordBytes the record's canonical bytes, as stored in the journal
   * @param tree the branch's Merkle tree
   * @param signedCheckpoint a checkpoint signed for a size of {@code tree}
   * @return the receipt
   * @throws org.moralbank.ledger.MalformedRecordException if the bytes are not a record
   * @throws IllegalArgumentException if the checkpoint is not one of this tree, or the record is
   *     not in it
   */
  public static Receipt issue(MerkleTree tree, byte[] recordBytes, SignedNote signedCheckpoint) {
    Objects.requireNonNull(tree, "tree == null");
    Checkpoint checkpoint = Checkpoint.parse(signedCheckpoint.text());
    long sequence = LedgerRecord.decode(recordBytes).sequence();
    if (checkpoint.size() > tree.size() || !tree.root(checkpoint.size()).equals(checkpoint.rootHash())) {
      throw new IllegalArgumentException("the checkpoint of " + checkpoint.origin() + " at size "
          + checkpoint.size() + " is not a head of this tree");
    }
    if (!tree.algorithm().leafHash(recordBytes).equals(tree.leafHash(sequence))) {
      throw new IllegalArgumentException("record " + sequence + " is not leaf " + sequence + " of the tree");
    }
    return of(tree.algorithm(), recordBytes, tree.inclusionProof(sequence, checkpoint.size()), signedCheckpoint);
  }

  /** {@return the hash algorithm of the record's journal} */
  public HashAlgorithm algorithm() {
    return algorithm;
  }

  /** {@return a copy of the record's canonical bytes} */
  public byte[] recordBytes() {
    return record.clone();
  }

  /** {@return the proof that the record is in the checkpoint's tree} */
  public InclusionProof proof() {
    return proof;
  }

  /** {@return the signed checkpoint the proof leads to} */
  public SignedNote signedCheckpoint() {
    return signedCheckpoint;
  }

  /** {@return the checkpoint body of {@link #signedCheckpoint()}, parsed} */
  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /**
   * This receipt with another signed note, for instance after a witness cosigned it.
   *
   * @param note the same checkpoint, signed anew
   * @return the new receipt
   */
  public Receipt withSignedCheckpoint(SignedNote note) {
    return of(algorithm, record, proof, note);
  }

  /** {@return the version-1 text} */
  public String encode() {
    StringBuilder out = new StringBuilder()
        .append(VERSION_LINE).append('\n')
        .append("hash-algorithm ").append(algorithm.displayName()).append('\n')
        .append("leaf-index ").append(proof.leafIndex()).append('\n')
        .append("record ").append(Base64s.encode(record)).append('\n');
    for (Hash h : proof.path()) {
      out.append("path ").append(h.base64()).append('\n');
    }
    return out.append('\n').append(signedCheckpoint.encode()).toString();
  }

  @Override
  public String toString() {
    return encode();
  }

  /**
   * Parses the version-1 text. Checks the format only; {@link ReceiptVerifier} checks what it
   * claims.
   *
   * @param text the receipt's text
   * @return the receipt, unverified
   * @throws InvalidReceiptException with {@link InvalidReceiptException.Reason#MALFORMED}
   */
  public static Receipt parse(String text) {
    Objects.requireNonNull(text, "text == null");
    if (text.length() > MAX_CHARS) {
      throw malformed("a receipt has at most " + MAX_CHARS + " characters");
    }
    int split = text.indexOf("\n\n");
    if (split < 0) {
      throw malformed("a receipt has an empty line before its checkpoint");
    }
    List<String> lines = List.of(text.substring(0, split).split("\n", -1));
    if (lines.size() < 4 || !lines.get(0).equals(VERSION_LINE)) {
      throw malformed("a receipt starts with " + VERSION_LINE + ", hash-algorithm, leaf-index and record lines");
    }
    HashAlgorithm algorithm = null;
    String algorithmName = value(lines.get(1), "hash-algorithm");
    for (HashAlgorithm a : HashAlgorithm.values()) {
      if (a.displayName().equals(algorithmName)) {
        algorithm = a;
      }
    }
    if (algorithm == null) {
      throw malformed("unknown hash algorithm \"" + algorithmName + "\"");
    }
    String indexText = value(lines.get(2), "leaf-index");
    if (!INDEX.matcher(indexText).matches()) {
      throw malformed("the leaf index is not a decimal below 2^63 without leading zeros");
    }
    long index;
    try {
      index = Long.parseLong(indexText);
    } catch (NumberFormatException e) {
      throw malformed("the leaf index is not below 2^63");
    }
    byte[] record = base64(value(lines.get(3), "record"), "the record");
    if (record.length == 0) {
      throw malformed("the record is empty");
    }
    List<Hash> path = new ArrayList<>();
    for (String line : lines.subList(4, lines.size())) {
      byte[] h = base64(value(line, "path"), "a path hash");
      if (h.length != Hash.LENGTH || path.size() == MAX_PATH) {
        throw malformed("a path line holds one 32-byte hash, at most " + MAX_PATH + " of them");
      }
      path.add(Hash.of(h));
    }
    SignedNote note;
    Checkpoint checkpoint;
    try {
      note = SignedNote.parse(text.substring(split + 2));
      checkpoint = Checkpoint.parse(note.text());
    } catch (MalformedNoteException e) {
      throw new InvalidReceiptException(InvalidReceiptException.Reason.MALFORMED, "the checkpoint: " + e.getMessage(), e);
    }
    InclusionProof proof = new InclusionProof(index, checkpoint.size(), path);
    return new Receipt(algorithm, record, proof, note, checkpoint);
  }

  private static String value(String line, String key) {
    String prefix = key + " ";
    if (!line.startsWith(prefix)) {
      throw malformed("expected a \"" + key + "\" line");
    }
    return line.substring(prefix.length());
  }

  private static byte[] base64(String text, String what) {
    try {
      return Base64s.decode(text, what, MalformedNoteException::new);
    } catch (MalformedNoteException e) {
      throw malformed(e.getMessage());
    }
  }

  private static InvalidReceiptException malformed(String message) {
    return new InvalidReceiptException(InvalidReceiptException.Reason.MALFORMED, message);
  }
}
