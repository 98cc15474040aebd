package org.moralbank.ledger.checkpoint;

import com.google.common.io.BaseEncoding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;

/**
 * Deterministic test keys, derived from fixed labels so that anyone can rebuild them (see
 * docs/test-vectors/README.md): an Ed25519 seed is SHA-256(label); an SM2 private scalar is
 * SHA-256(label) mod (n - 1) + 1. Public test material, never for production.
 */
final class TestKeys {
  static final String LOG_NAME = "moralbank.example/bank-1/branch-1";
  static final String SM2_LOG_NAME = "moralbank.example/bank-2/branch-1";
  static final String WITNESS_NAME = "street-office.moralbank.example/witness-1";
  static final String WITNESS2_NAME = "street-office.moralbank.example/witness-2";

  static final String LOG_LABEL = "moralbank test vector: log key";
  static final String SM2_LOG_LABEL = "moralbank test vector: sm2 log key";
  static final String WITNESS_LABEL = "moralbank test vector: witness key";
  static final String WITNESS2_LABEL = "moralbank test vector: witness key 2";

  private TestKeys() {}

  static byte[] sha256(String label) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] sha256Bytes(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static SigningKey log() {
    return SigningKey.ed25519(LOG_NAME, SignatureType.ED25519, sha256(LOG_LABEL));
  }

  static SigningKey witness() {
    return SigningKey.ed25519(WITNESS_NAME, SignatureType.COSIGNATURE_V1, sha256(WITNESS_LABEL));
  }

  static SigningKey witness2() {
    return SigningKey.ed25519(WITNESS2_NAME, SignatureType.COSIGNATURE_V1, sha256(WITNESS2_LABEL));
  }

  static SigningKey sm2Log() {
    ECNamedDomainParameters domain = SigningKey.sm2Domain();
    BigInteger n = domain.getN();
    BigInteger d = new BigInteger(1, sha256(SM2_LOG_LABEL)).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
    try {
      byte[] der = PrivateKeyInfoFactory.createPrivateKeyInfo(new ECPrivateKeyParameters(d, domain)).getEncoded();
      String pem = "-----BEGIN PRIVATE KEY-----\n"
          + BaseEncoding.base64().withSeparator("\n", 64).encode(der)
          + "\n-----END PRIVATE KEY-----\n";
      return SigningKey.fromPkcs8Pem(SM2_LOG_NAME, SignatureType.SM2_SM3, pem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
