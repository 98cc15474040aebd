package org.moralbank.ledger.checkpoint;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One signature line of a signed note: {@code — <key name> base64(key id || signature)}. It says
 * which key claims to have signed; only {@link SignedNote#verify} says whether it did.
 */
public final class NoteSignature {
  private final String keyName;
  private final int keyId;
  private final byte[] signature;

  /**
   * @param keyName the signer's key name
   * @param keyId the signer's 4-byte key id
   * @param signature the signature bytes after the key id (for a cosignature: timestamp and
   *     Ed25519 signature)
   */
  public NoteSignature(String keyName, int keyId, byte[] signature) {
    NoteText.checkKeyName(keyName);
    Objects.requireNonNull(signature, "signature == null");
    if (signature.length == 0) {
      throw new IllegalArgumentException("a signature line carries at least one signature byte");
    }
    this.keyName = keyName;
    this.keyId = keyId;
    this.signature = signature.clone();
  }

  /** Parses one signature line without its newline. */
  static NoteSignature parseLine(String line) {
    if (!line.startsWith(NoteText.SIGNATURE_PREFIX)) {
      throw new MalformedNoteException("a signature line starts with an em dash and a space");
    }
    String rest = line.substring(NoteText.SIGNATURE_PREFIX.length());
    int space = rest.indexOf(' ');
    if (space < 0) {
      throw new MalformedNoteException("a signature line is '\u2014 <name> <base64>'");
    }
    String name = rest.substring(0, space);
    if (!NoteText.isKeyName(name)) {
      throw new MalformedNoteException("not a key name in a signature line: \"" + name + "\"");
    }
    byte[] bytes = Base64s.decode(rest.substring(space + 1), "a signature", MalformedNoteException::new);
    if (bytes.length < 5) {
      throw new MalformedNoteException("a signature has a 4-byte key id and at least one more byte");
    }
    return new NoteSignature(name, ByteBuffer.wrap(bytes).getInt(), Arrays.copyOfRange(bytes, 4, bytes.length));
  }

  /** {@return the signer's key name} */
  public String keyName() {
    return keyName;
  }

  /** {@return the signer's 4-byte key id} */
  public int keyId() {
    return keyId;
  }

  /** {@return a copy of the signature bytes after the key id} */
  public byte[] signature() {
    return signature.clone();
  }

  byte[] signatureBytes() {
    return signature;
  }

  /** {@return the line, with its em dash and final newline} */
  public String line() {
    byte[] bytes = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
    return NoteText.SIGNATURE_PREFIX + keyName + " " + Base64s.encode(bytes) + "\n";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteSignature other
        && keyName.equals(other.keyName)
        && keyId == other.keyId
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyName, keyId, Arrays.hashCode(signature));
  }

  @Override
  public String toString() {
    return line().strip();
  }
}
