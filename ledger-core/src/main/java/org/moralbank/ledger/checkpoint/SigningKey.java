package org.moralbank.ledger.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;

/**
 * A private key that signs notes under a key name: Ed25519 for {@link SignatureType#ED25519}
 * note signatures and {@link SignatureType#COSIGNATURE_V1} witness cosignatures, SM2 for {@link
 * SignatureType#SM2_SM3}.
 *
 * <p>The private key leaves this object only through {@link #toPkcs8Pem()}: {@link #toString()},
 * exception messages and log lines show the name, type and key id, never key material.
 *
 * <p>Thread-safe: signing keeps no state between calls.
 */
public final class SigningKey {
  private final String name;
  private final SignatureType type;
  private final AsymmetricKeyParameter privateKey;
  private final VerifierKey verifierKey;
  private final SecureRandom random;

  private SigningKey(String name, SignatureType type, AsymmetricKeyParameter privateKey, SecureRandom random) {
    this.name = name;
    this.type = type;
    this.privateKey = privateKey;
    this.random = random;
    AsymmetricKeyParameter publicKey;
    if (privateKey instanceof Ed25519PrivateKeyParameters ed) {
      publicKey = ed.generatePublicKey();
    } else {
      ECPrivateKeyParameters ec = (ECPrivateKeyParameters) privateKey;
      publicKey = new ECPublicKeyParameters(
          ec.getParameters().getG().multiply(ec.getD()).normalize(), ec.getParameters());
    }
    this.verifierKey = VerifierKey.of(name, type, publicKey);
  }

  /** The SM2 recommended curve, named so that PKCS#8 and SPKI carry its OID. */
  static ECNamedDomainParameters sm2Domain() {
    return new ECNamedDomainParameters(
        GMObjectIdentifiers.sm2p256v1, GMNamedCurves.getByOID(GMObjectIdentifiers.sm2p256v1));
  }

  /**
   * A new random key.
   *
   * @param name the key name, as notes and verifier keys show it
   * @param type the signature algorithm
   * @param random the source of the key
   * @return the new key
   */
  public static SigningKey generate(String name, SignatureType type, SecureRandom random) {
    NoteText.checkKeyName(name);
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(random, "random == null");
    if (type.isEd25519()) {
      return new SigningKey(name, type, new Ed25519PrivateKeyParameters(random), random);
    }
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    generator.init(new ECKeyGenerationParameters(sm2Domain(), random));
    AsymmetricCipherKeyPair pair = generator.generateKeyPair();
    return new SigningKey(name, type, pair.getPrivate(), random);
  }

  /**
   * The Ed25519 key whose RFC 8032 private key (seed) is {@code seed}, for deterministic test keys
   * and for keys kept elsewhere as seeds (Go's note package does).
   *
   * @param name the key name, as notes and verifier keys show it
   * @param type an Ed25519 signature type
   * @param seed the 32-byte RFC 8032 private key
   * @return the key
   */
  public static SigningKey ed25519(String name, SignatureType type, byte[] seed) {
    NoteText.checkKeyName(name);
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(seed, "seed == null");
    if (!type.isEd25519()) {
      throw new IllegalArgumentException(type + " does not use an Ed25519 key");
    }
    if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, not " + seed.length);
    }
    return new SigningKey(name, type, new Ed25519PrivateKeyParameters(seed), new SecureRandom());
  }

  /**
   * Reads a PKCS#8 ("PRIVATE KEY") PEM document: an Ed25519 key (RFC 8410) for the Ed25519 types,
   * an EC key on curve sm2p256v1 for {@link SignatureType#SM2_SM3}.
   *
   * @param name the key name, as notes and verifier keys show it
   * @param type the signature type the key signs for
   * @param pem the PEM document
   * @return the key
   * @throws MalformedKeyException if it is not one, or of the wrong algorithm; the message never
   *     repeats the document
   */
  public static SigningKey fromPkcs8Pem(String name, SignatureType type, String pem) {
    NoteText.checkKeyName(name);
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(pem, "pem == null");
    AsymmetricKeyParameter key;
    try {
      key = PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(Pem.decode(Pem.PRIVATE_KEY, pem)));
    } catch (MalformedKeyException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // Deliberately drops the cause: its message could quote the key's bytes.
      throw new MalformedKeyException("not a PKCS#8 private key");
    }
    if (type.isEd25519()) {
      if (!(key instanceof Ed25519PrivateKeyParameters)) {
        throw new MalformedKeyException("not an Ed25519 private key, which " + type + " needs");
      }
      return new SigningKey(name, type, key, new SecureRandom());
    }
    if (!(key instanceof ECPrivateKeyParameters ec)
        || !(ec.getParameters() instanceof ECNamedDomainParameters named)
        || !named.getName().equals(GMObjectIdentifiers.sm2p256v1)) {
      throw new MalformedKeyException("not an SM2 private key on curve sm2p256v1");
    }
    return new SigningKey(name, type, key, new SecureRandom());
  }

  /**
   * The private key as a PKCS#8 ("PRIVATE KEY") PEM document, for storage with restricted
   * permissions. The only way the key material leaves this object.
   *
   * @return the PEM document
   */
  public String toPkcs8Pem() {
    try {
      return Pem.encode(Pem.PRIVATE_KEY, PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey).getEncoded());
    } catch (IOException e) {
      throw new AssertionError("encoding a valid private key cannot fail", e);
    }
  }

  /** {@return the key name, as notes and verifier keys show it} */
  public String name() {
    return name;
  }

  /** {@return the signature type this key signs for} */
  public SignatureType type() {
    return type;
  }

  /** {@return the public half, to hand to verifiers} */
  public VerifierKey verifierKey() {
    return verifierKey;
  }

  /**
   * Signs {@code text}, the whole note text ending in a newline.
   *
   * @param text the note text
   * @return the signature, with this key's name and id
   * @throws IllegalStateException for a {@link SignatureType#COSIGNATURE_V1} key, which signs only
   *     with a timestamp: use {@link #cosign(String, long)}
   */
  public NoteSignature sign(String text) {
    checkText(text);
    if (type == SignatureType.COSIGNATURE_V1) {
      throw new IllegalStateException("a cosignature key signs with a timestamp: use cosign");
    }
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    byte[] signature = type == SignatureType.ED25519 ? ed25519(message) : sm2(message);
    return new NoteSignature(name, verifierKey.keyId(), signature);
  }

  /**
   * The C2SP tlog-cosignature {@code cosignature/v1} signature of a checkpoint's text at {@code
   * timestamp} (POSIX seconds).
   *
   * @param checkpointText the checkpoint's note text
   * @param timestamp the time of the cosignature, in POSIX seconds
   * @return the cosignature
   * @throws IllegalStateException unless this is a {@link SignatureType#COSIGNATURE_V1} key
   */
  public NoteSignature cosign(String checkpointText, long timestamp) {
    checkText(checkpointText);
    if (type != SignatureType.COSIGNATURE_V1) {
      throw new IllegalStateException("only a " + SignatureType.COSIGNATURE_V1 + " key cosigns");
    }
    if (timestamp < 0) {
      throw new IllegalArgumentException("a cosignature timestamp is not negative: " + timestamp);
    }
    byte[] signature = ed25519(cosignedMessage(checkpointText, timestamp));
    byte[] bytes = ByteBuffer.allocate(8 + signature.length).putLong(timestamp).put(signature).array();
    return new NoteSignature(name, verifierKey.keyId(), bytes);
  }

  /** {@code "cosignature/v1\ntime <timestamp>\n" || text}, UTF-8. */
  static byte[] cosignedMessage(String text, long timestamp) {
    return ("cosignature/v1\ntime " + timestamp + "\n" + text).getBytes(StandardCharsets.UTF_8);
  }

  private static void checkText(String text) {
    Objects.requireNonNull(text, "text == null");
    if (text.isEmpty() || !text.endsWith("\n")) {
      throw new IllegalArgumentException("a note text ends in a newline");
    }
    NoteText.checkCharacters(text, "note text");
  }

  private byte[] ed25519(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  private byte[] sm2(byte[] message) {
    SM2Signer signer = new SM2Signer(StandardDSAEncoding.INSTANCE, new SM3Digest());
    signer.init(true, new ParametersWithID(new ParametersWithRandom(privateKey, random), VerifierKey.SM2_USER_ID));
    signer.update(message, 0, message.length);
    try {
      return signer.generateSignature();
    } catch (CryptoException e) {
      throw new IllegalStateException("SM2 signing failed", e);
    }
  }

  /** Name, type and key id; never key material. */
  @Override
  public String toString() {
    return "SigningKey[" + name + ", " + type + ", key id " + verifierKey.keyIdHex() + "]";
  }
}
