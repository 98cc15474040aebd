package org.moralbank.ledger.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The signature types of C2SP signed-note that moralbank signs and verifies. The type is part of
 * every key id and verifier key, so one key pair used for two types has two unrelated key ids.
 */
public enum SignatureType {
  /** Ed25519 (RFC 8032) over the note text; signed-note type byte 0x01. */
  ED25519(new byte[] {0x01}, 32, 64),

  /**
   * Timestamped Ed25519 witness cosignatures of C2SP tlog-cosignature ({@code cosignature/v1});
   * signed-note type byte 0x04. The signature is an 8-byte big-endian POSIX timestamp followed by
   * an Ed25519 signature over {@code "cosignature/v1\ntime <timestamp>\n" || checkpoint text}.
   */
  COSIGNATURE_V1(new byte[] {0x04}, 32, 8 + 64),

  /**
   * SM2 (GB/T 32918.2) with SM3 and the default user id {@code "1234567812345678"} (GM/T 0009),
   * over the note text, the signature DER-encoded as {@code SEQUENCE { r INTEGER, s INTEGER }}.
   * signed-note assigns no type byte to SM2, so this uses 0xff, which it reserves for such
   * types, followed by the identifier {@code "moralbank/sm2-sm3/v1"} (20 ASCII bytes); the public
   * key is the 65-byte uncompressed point {@code 0x04 || x || y} on curve sm2p256v1.
   */
  SM2_SM3(sm2Identifier(), 65, -1);

  /** The text that follows 0xff in the type identifier of {@link #SM2_SM3}. */
  public static final String SM2_IDENTIFIER = "moralbank/sm2-sm3/v1";

  private final byte[] identifier;
  private final int publicKeyLength;
  private final int signatureLength;

  SignatureType(byte[] identifier, int publicKeyLength, int signatureLength) {
    this.identifier = identifier;
    this.publicKeyLength = publicKeyLength;
    this.signatureLength = signatureLength;
  }

  private static byte[] sm2Identifier() {
    byte[] name = "moralbank/sm2-sm3/v1".getBytes(StandardCharsets.US_ASCII);
    byte[] id = new byte[1 + name.length];
    id[0] = (byte) 0xFF;
    System.arraycopy(name, 0, id, 1, name.length);
    return id;
  }

  /**
   * {@return the bytes that stand for this type in key ids and verifier keys: one type byte, or for
   * {@link #SM2_SM3} 0xff and the identifier}
   */
  public byte[] identifier() {
    return identifier.clone();
  }

  /** {@return the length of the encoded public key: 32 for Ed25519, 65 for an SM2 point} */
  public int publicKeyLength() {
    return publicKeyLength;
  }

  /** The exact signature length after the key id, or -1 where it varies (SM2 DER). */
  int signatureLength() {
    return signatureLength;
  }

  /** Whether this type signs with an Ed25519 key. */
  boolean isEd25519() {
    return this != SM2_SM3;
  }

  /** The type whose identifier starts {@code keyData}, or null. */
  static SignatureType ofKeyData(byte[] keyData) {
    for (SignatureType t : values()) {
      if (keyData.length == t.identifier.length + t.publicKeyLength
          && Arrays.equals(keyData, 0, t.identifier.length, t.identifier, 0, t.identifier.length)) {
        return t;
      }
    }
    return null;
  }
}
