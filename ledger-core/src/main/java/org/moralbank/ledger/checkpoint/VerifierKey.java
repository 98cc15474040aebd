package org.moralbank.ledger.checkpoint;

import com.google.common.io.BaseEncoding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A public key that verifies signed-note signatures: a key name, a {@link SignatureType}, the
 * encoded public key and the key id derived from the three.
 *
 * <p>Its text form is the verifier key ("vkey") of C2SP signed-note and Go's sumdb/note:
 * {@code <name>+<key id as 8 lowercase hex digits>+<base64(type identifier || public key)>},
 * for example {@code PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW}. The key
 * id is {@code SHA-256(name || 0x0A || type identifier || public key)[:4]}, big-endian.
 */
public final class VerifierKey {
  /** GM/T 0009-2012 default user id, the one every SM2 signature of this library uses. */
  static final byte[] SM2_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

  private static final BaseEncoding HEX = BaseEncoding.base16().lowerCase();

  private final String name;
  private final SignatureType type;
  private final byte[] publicKey;
  private final int keyId;
  private final AsymmetricKeyParameter parameters;

  private VerifierKey(String name, SignatureType type, byte[] publicKey, AsymmetricKeyParameter parameters) {
    this.name = name;
    this.type = type;
    this.publicKey = publicKey;
    this.parameters = parameters;
    this.keyId = keyId(name, type, publicKey);
  }

  /**
   * A verifier key from its raw public key: 32 bytes (RFC 8032) for the Ed25519 types, the
   * 65-byte uncompressed point for {@link SignatureType#SM2_SM3}.
   *
   * @param name the key name, as notes show it
   * @param type the signature type
   * @param publicKey the raw public key
   * @return the key
   * @throws MalformedKeyException if the bytes are not a valid public key of that type
   */
  public static VerifierKey of(String name, SignatureType type, byte[] publicKey) {
    NoteText.checkKeyName(name);
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(publicKey, "publicKey == null");
    byte[] key = publicKey.clone();
    if (key.length != type.publicKeyLength()) {
      throw new MalformedKeyException(
          "a " + type + " public key has " + type.publicKeyLength() + " bytes, not " + key.length);
    }
    return new VerifierKey(name, type, key, parameters(type, key));
  }

  static VerifierKey of(String name, SignatureType type, AsymmetricKeyParameter parameters) {
    byte[] key;
    if (parameters instanceof Ed25519PublicKeyParameters ed) {
      key = ed.getEncoded();
    } else if (parameters instanceof ECPublicKeyParameters ec) {
      key = ec.getQ().getEncoded(false);
    } else {
      throw new AssertionError("not a key this library makes: " + parameters.getClass());
    }
    return of(name, type, key);
  }

  private static AsymmetricKeyParameter parameters(SignatureType type, byte[] key) {
    if (type.isEd25519()) {
      // Full validation refuses points off the curve and of small order, which would let one
      // signature verify for many messages.
      if (!Ed25519.validatePublicKeyFull(key, 0)) {
        throw new MalformedKeyException("not a valid Ed25519 public key");
      }
      return new Ed25519PublicKeyParameters(key);
    }
    ECNamedDomainParameters domain = SigningKey.sm2Domain();
    if (key[0] != 0x04) {
      throw new MalformedKeyException("an SM2 public key is an uncompressed point (0x04 || x || y)");
    }
    try {
      // decodePoint refuses coordinates that are not on the curve.
      ECPoint q = domain.getCurve().decodePoint(key);
      return new ECPublicKeyParameters(q, domain);
    } catch (IllegalArgumentException e) {
      throw new MalformedKeyException("not a point of curve sm2p256v1");
    }
  }

  /**
   * Parses the verifier-key text {@code name+keyid+base64(type || key)}.
   *
   * @param vkey the verifier-key text
   * @return the key
   * @throws MalformedKeyException if any part is malformed, the type unknown, or the key id does
   *     not match the name, type and key
   */
  public static VerifierKey parse(String vkey) {
    Objects.requireNonNull(vkey, "vkey == null");
    int plus1 = vkey.indexOf('+');
    int plus2 = plus1 < 0 ? -1 : vkey.indexOf('+', plus1 + 1);
    if (plus1 <= 0 || plus2 != plus1 + 9) {
      throw new MalformedKeyException("a verifier key is name+keyid+key, with an 8-digit key id");
    }
    String name = vkey.substring(0, plus1);
    String idHex = vkey.substring(plus1 + 1, plus2);
    String data = vkey.substring(plus2 + 1);
    if (!NoteText.isKeyName(name)) {
      throw new MalformedKeyException("not a key name: \"" + name + "\"");
    }
    if (!idHex.equals(idHex.toLowerCase(Locale.ROOT)) || !HEX.canDecode(idHex)) {
      throw new MalformedKeyException("the key id is not 8 lowercase hex digits: " + idHex);
    }
    byte[] keyData = Base64s.decode(data, "key data", MalformedKeyException::new);
    SignatureType type = SignatureType.ofKeyData(keyData);
    if (type == null) {
      throw new MalformedKeyException("unknown signature type or key length in " + vkey);
    }
    int idLength = type.identifier().length;
    VerifierKey key = of(name, type, Arrays.copyOfRange(keyData, idLength, keyData.length));
    if (key.keyId != ByteBuffer.wrap(HEX.decode(idHex)).getInt()) {
      throw new MalformedKeyException(
          "key id " + idHex + " does not match the key, which has " + key.keyIdHex());
    }
    return key;
  }

  /**
   * Reads a public key from an SPKI ("PUBLIC KEY") PEM document.
   *
   * @param name the key name, as notes show it
   * @param type the signature type
   * @param pem the PEM document
   * @return the key
   * @throws MalformedKeyException if it is not one, or not of the algorithm {@code type} needs
   */
  public static VerifierKey fromSpkiPem(String name, SignatureType type, String pem) {
    Objects.requireNonNull(pem, "pem == null");
    Objects.requireNonNull(type, "type == null");
    AsymmetricKeyParameter parameters;
    try {
      parameters = PublicKeyFactory.createKey(SubjectPublicKeyInfo.getInstance(Pem.decode(Pem.PUBLIC_KEY, pem)));
    } catch (IOException | RuntimeException e) {
      if (e instanceof MalformedKeyException m) {
        throw m;
      }
      throw new MalformedKeyException("not an SPKI public key");
    }
    if (type.isEd25519() && !(parameters instanceof Ed25519PublicKeyParameters)) {
      throw new MalformedKeyException("not an Ed25519 public key");
    }
    if (!type.isEd25519()) {
      if (!(parameters instanceof ECPublicKeyParameters ec)
          || !(ec.getParameters() instanceof ECNamedDomainParameters named)
          || !named.getName().equals(GMObjectIdentifiers.sm2p256v1)) {
        throw new MalformedKeyException("not an SM2 public key on curve sm2p256v1");
      }
    }
    return of(name, type, parameters);
  }

  /** {@return the public key as an SPKI ("PUBLIC KEY") PEM document} */
  public String toSpkiPem() {
    try {
      return Pem.encode(Pem.PUBLIC_KEY,
          SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(parameters).getEncoded());
    } catch (IOException e) {
      throw new AssertionError("encoding a valid public key cannot fail", e);
    }
  }

  /** {@code SHA-256(name || 0x0A || type identifier || public key)[:4]}, big-endian. */
  static int keyId(String name, SignatureType type, byte[] publicKey) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every Java platform has SHA-256", e);
    }
    sha256.update(name.getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) 0x0A);
    sha256.update(type.identifier());
    sha256.update(publicKey);
    return ByteBuffer.wrap(sha256.digest()).getInt();
  }

  /** {@return the key name, as notes show it} */
  public String name() {
    return name;
  }

  /** {@return the signature type} */
  public SignatureType type() {
    return type;
  }

  /** {@return a copy of the encoded public key (without the type identifier)} */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /**
   * {@return the key id: the first four bytes of SHA-256 of the name, a newline, the type and the
   * key}
   */
  public int keyId() {
    return keyId;
  }

  /** {@return the key id as 8 lowercase hex digits, as in the verifier-key text} */
  public String keyIdHex() {
    return HEX.encode(ByteBuffer.allocate(4).putInt(keyId).array());
  }

  /** {@return the verifier-key text} */
  public String encode() {
    byte[] id = type.identifier();
    byte[] data = Arrays.copyOf(id, id.length + publicKey.length);
    System.arraycopy(publicKey, 0, data, id.length, publicKey.length);
    return name + "+" + keyIdHex() + "+" + BaseEncoding.base64().encode(data);
  }

  /** Whether {@code signature} is this key's signature line (same name and key id). */
  boolean matches(NoteSignature signature) {
    return signature.keyName().equals(name) && signature.keyId() == keyId;
  }

  /** Verifies the signature bytes (after the key id) of a signature line over {@code text}. */
  boolean verify(String text, byte[] signature) {
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    switch (type) {
      case ED25519:
        return signature.length == 64 && ed25519Verify(message, signature);
      case COSIGNATURE_V1:
        if (signature.length != type.signatureLength()) {
          return false;
        }
        long timestamp = ByteBuffer.wrap(signature).getLong();
        if (timestamp < 0) {
          return false;
        }
        return ed25519Verify(
            SigningKey.cosignedMessage(text, timestamp),
            Arrays.copyOfRange(signature, 8, signature.length));
      case SM2_SM3:
        return sm2Verify(message, signature);
      default:
        throw new AssertionError(type);
    }
  }

  /** The POSIX timestamp of a {@link SignatureType#COSIGNATURE_V1} signature's bytes. */
  static long cosignatureTimestamp(byte[] signature) {
    return ByteBuffer.wrap(signature).getLong();
  }

  private boolean ed25519Verify(byte[] message, byte[] signature) {
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, parameters);
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }

  private boolean sm2Verify(byte[] message, byte[] signature) {
    SM2Signer verifier = new SM2Signer(StandardDSAEncoding.INSTANCE, new SM3Digest());
    CipherParameters withId = new ParametersWithID(parameters, SM2_USER_ID);
    verifier.init(false, withId);
    verifier.update(message, 0, message.length);
    try {
      return verifier.verifySignature(signature);
    } catch (RuntimeException e) {
      // Bouncy Castle throws on some malformed DER; a malformed signature is simply not valid.
      return false;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifierKey other
        && name.equals(other.name)
        && type == other.type
        && Arrays.equals(publicKey, other.publicKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, Arrays.hashCode(publicKey));
  }

  /** The verifier-key text, see {@link #encode()}. */
  @Override
  public String toString() {
    return encode();
  }
}
