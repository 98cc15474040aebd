package org.moralbank.ledger.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP signed note: a text ending in a newline, an empty line, and one or more signature
 * lines. The text is what every signature covers.
 *
 * <pre>
 * example.org/bank/branch-1
 * 8
 * Xcnaeacaxp5b5XhcgPjlE0H3YbN+3bhWzSAcBNfNqXE=
 *
 * — example.org/bank/branch-1 Az3grlgt...
 * — witness.example.org/street-office jWbPPw...
 * </pre>
 *
 * <p>Immutable. {@link #parse(String)} accepts exactly what {@link #encode()} writes: valid
 * UTF-8, no control character but newline, at most {@value #MAX_SIGNATURES} signature lines and
 * {@value #MAX_BYTES} bytes.
 */
public final class SignedNote {
  /** The largest note accepted, in UTF-8 bytes. */
  public static final int MAX_BYTES = 1 << 20;

  /** The most signature lines accepted (signed-note requires at least 16). */
  public static final int MAX_SIGNATURES = 256;

  private final String text;
  private final List<NoteSignature> signatures;

  private SignedNote(String text, List<NoteSignature> signatures) {
    this.text = text;
    this.signatures = signatures;
  }

  /**
   * A note from its text and signature lines.
   *
   * @param text the note text, ending in a newline
   * @param signatures the signature lines, in order
   * @return the note
   * @throws IllegalArgumentException if the text does not end in a newline, there is no signature
   *     or more than {@value #MAX_SIGNATURES}
   * @throws MalformedNoteException if the text has a control character or a lone surrogate
   */
  public static SignedNote of(String text, List<NoteSignature> signatures) {
    Objects.requireNonNull(text, "text == null");
    List<NoteSignature> sigs = List.copyOf(signatures);
    if (text.isEmpty() || !text.endsWith("\n")) {
      throw new IllegalArgumentException("a note text ends in a newline");
    }
    NoteText.checkCharacters(text, "the note text");
    if (sigs.isEmpty() || sigs.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "a note has 1 to " + MAX_SIGNATURES + " signatures, not " + sigs.size());
    }
    return new SignedNote(text, sigs);
  }

  /**
   * Signs {@code text} with {@code key} (a note or log key, not a cosigner key).
   *
   * @param text the note text, ending in a newline
   * @param key the signing key
   * @return the note with its one signature line
   */
  public static SignedNote sign(String text, SigningKey key) {
    return of(text, List.of(key.sign(text)));
  }

  /** {@return the note text, ending in a newline} */
  public String text() {
    return text;
  }

  /** {@return the signature lines, in order} */
  public List<NoteSignature> signatures() {
    return signatures;
  }

  /**
   * This note with one more signature line, for instance a witness's cosignature. A line with
   * the same key name and key id replaces the old one, so a refreshed cosignature does not pile
   * up.
   *
   * @param signature the signature line to add
   * @return the new note
   */
  public SignedNote withSignature(NoteSignature signature) {
    Objects.requireNonNull(signature, "signature == null");
    List<NoteSignature> sigs = new ArrayList<>(signatures.size() + 1);
    for (NoteSignature s : signatures) {
      if (!(s.keyName().equals(signature.keyName()) && s.keyId() == signature.keyId())) {
        sigs.add(s);
      }
    }
    sigs.add(signature);
    return of(text, sigs);
  }

  /** {@return the note: text, empty line, signature lines} */
  public String encode() {
    StringBuilder out = new StringBuilder(text).append('\n');
    for (NoteSignature s : signatures) {
      out.append(s.line());
    }
    return out.toString();
  }

  /** {@return the note's UTF-8 bytes, as {@link #encode()} writes it} */
  public byte[] toBytes() {
    return encode().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses a note from UTF-8 bytes.
   *
   * @param bytes the note's UTF-8 bytes
   * @return the note, its signatures not yet verified
   * @throws MalformedNoteException if the bytes are not exactly one well-formed signed note
   */
  public static SignedNote parse(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes == null");
    if (bytes.length > MAX_BYTES) {
      throw new MalformedNoteException("a note has at most " + MAX_BYTES + " bytes");
    }
    return parse(NoteText.decodeUtf8(bytes, "the note"));
  }

  /**
   * Parses a note. The text ends at the last empty line; every line after it is a signature line.
   *
   * @param note the note
   * @return the note, its signatures not yet verified
   * @throws MalformedNoteException if the string is not exactly one well-formed signed note
   */
  public static SignedNote parse(String note) {
    Objects.requireNonNull(note, "note == null");
    if (note.length() > MAX_BYTES) {
      throw new MalformedNoteException("a note has at most " + MAX_BYTES + " bytes");
    }
    NoteText.checkCharacters(note, "the note");
    if (!note.endsWith("\n")) {
      throw new MalformedNoteException("a note ends in a newline");
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw new MalformedNoteException("a note has an empty line between text and signatures");
    }
    String text = note.substring(0, split + 1);
    String block = note.substring(split + 2);
    if (block.isEmpty()) {
      throw new MalformedNoteException("a note has at least one signature line");
    }
    List<NoteSignature> sigs = new ArrayList<>();
    int start = 0;
    while (start < block.length()) {
      int end = block.indexOf('\n', start);
      if (sigs.size() == MAX_SIGNATURES) {
        throw new MalformedNoteException("a note has at most " + MAX_SIGNATURES + " signatures");
      }
      sigs.add(NoteSignature.parseLine(block.substring(start, end)));
      start = end + 1;
    }
    if (text.isEmpty()) {
      throw new MalformedNoteException("a note text is not empty");
    }
    return new SignedNote(text, List.copyOf(sigs));
  }

  /**
   * The trusted keys that signed this note, following C2SP signed-note: signature lines whose
   * (name, key id) match no trusted key are ignored; a line that matches one must verify.
   *
   * @return the keys whose signatures verified, at least one, in the order of {@code trusted}
   * @param trusted the keys the caller trusts
   * @throws SignatureVerificationException if a matching signature does not verify ({@link
   *     SignatureVerificationException.Reason#BAD_SIGNATURE}) or none matches ({@link
   *     SignatureVerificationException.Reason#NO_TRUSTED_SIGNATURE})
   * @throws IllegalArgumentException if two trusted keys share a name and key id
   */
  public List<VerifierKey> verify(Collection<VerifierKey> trusted) {
    List<VerifierKey> verified = verifiedKeys(trusted);
    if (verified.isEmpty()) {
      throw new SignatureVerificationException(
          SignatureVerificationException.Reason.NO_TRUSTED_SIGNATURE,
          "no signature on the note is from a trusted key");
    }
    return verified;
  }

  /** As {@link #verify} but an empty list, not an exception, when no trusted key signed. */
  List<VerifierKey> verifiedKeys(Collection<VerifierKey> trusted) {
    List<VerifierKey> keys = List.copyOf(trusted);
    for (int i = 0; i < keys.size(); i++) {
      for (int j = i + 1; j < keys.size(); j++) {
        if (keys.get(i).name().equals(keys.get(j).name()) && keys.get(i).keyId() == keys.get(j).keyId()) {
          throw new IllegalArgumentException("two trusted keys share name and key id: " + keys.get(i).name());
        }
      }
    }
    List<VerifierKey> verified = new ArrayList<>();
    for (VerifierKey key : keys) {
      boolean signed = false;
      for (NoteSignature s : signatures) {
        if (key.matches(s)) {
          if (!key.verify(text, s.signatureBytes())) {
            throw new SignatureVerificationException(
                SignatureVerificationException.Reason.BAD_SIGNATURE,
                "the signature of " + key.name() + " (" + key.keyIdHex() + ") does not verify");
          }
          signed = true;
        }
      }
      if (signed) {
        verified.add(key);
      }
    }
    return verified;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedNote other && text.equals(other.text) && signatures.equals(other.signatures);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, signatures);
  }

  @Override
  public String toString() {
    return encode();
  }
}
