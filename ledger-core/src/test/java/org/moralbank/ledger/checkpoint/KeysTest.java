package org.moralbank.ledger.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.io.BaseEncoding;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.proof.MerkleTree;

class KeysTest {
  static {
    System.setProperty("org.slf4j.simpleLogger.log.org.moralbank.ledger.checkpoint", "info");
  }

  private static final String TEXT = "moralbank.example/bank-1/branch-1\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n";

  private static byte[] pemBody(String pem) {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replace("\n", "");
    return BaseEncoding.base64().decode(body);
  }

  @Test
  void ed25519_pemRoundTrip_andTheJdkVerifiesOurSignatureWithOurSpki() throws Exception {
    SigningKey key = SigningKey.generate("a.example/log", SignatureType.ED25519, new SecureRandom());
    String privatePem = key.toPkcs8Pem();
    String publicPem = key.verifierKey().toSpkiPem();
    assertTrue(privatePem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
    assertTrue(publicPem.startsWith("-----BEGIN PUBLIC KEY-----\n"));
    for (String line : privatePem.split("\n")) {
      assertTrue(line.length() <= 64, line.length() + " columns");
    }
    SigningKey loaded = SigningKey.fromPkcs8Pem("a.example/log", SignatureType.ED25519, privatePem);
    assertEquals(key.verifierKey(), loaded.verifierKey());
    assertEquals(key.verifierKey(), VerifierKey.fromSpkiPem("a.example/log", SignatureType.ED25519, publicPem));

    // Independent check with the JDK's own Ed25519 (RFC 8410 SPKI, RFC 8032 signature).
    NoteSignature sig = loaded.sign(TEXT);
    PublicKey jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(pemBody(publicPem)));
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(jdkKey);
    verifier.update(TEXT.getBytes(StandardCharsets.UTF_8));
    assertTrue(verifier.verify(sig.signature()));
    // And the JDK reads our PKCS#8.
    KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pemBody(privatePem)));
  }

  @Test
  void sm2_pemRoundTrip_andBouncyCastleJcaVerifiesTheDocumentedProfile() throws Exception {
    SigningKey key = SigningKey.generate("b.example/log", SignatureType.SM2_SM3, new SecureRandom());
    SigningKey loaded = SigningKey.fromPkcs8Pem("b.example/log", SignatureType.SM2_SM3, key.toPkcs8Pem());
    String publicPem = key.verifierKey().toSpkiPem();
    assertEquals(key.verifierKey(), loaded.verifierKey());
    assertEquals(key.verifierKey(), VerifierKey.fromSpkiPem("b.example/log", SignatureType.SM2_SM3, publicPem));
    assertEquals(65, key.verifierKey().publicKey().length);
    assertEquals(4, key.verifierKey().publicKey()[0]);

    NoteSignature sig = loaded.sign(TEXT);
    SignedNote note = SignedNote.of(TEXT, List.of(sig));
    assertEquals(List.of(key.verifierKey()), SignedNote.parse(note.encode()).verify(List.of(key.verifierKey())));
    // The JCA "SM3withSM2" of Bouncy Castle uses the GM/T 0009 default user id and DER (r, s):
    // an independent code path that must accept the signature as documented.
    BouncyCastleProvider bc = new BouncyCastleProvider();
    PublicKey jcaKey = KeyFactory.getInstance("EC", bc).generatePublic(new X509EncodedKeySpec(pemBody(publicPem)));
    Signature verifier = Signature.getInstance("SM3withSM2", bc);
    verifier.initVerify(jcaKey);
    verifier.update(TEXT.getBytes(StandardCharsets.UTF_8));
    assertTrue(verifier.verify(sig.signature()));
    // A signature by the JCA path verifies with ours too.
    Signature signer = Signature.getInstance("SM3withSM2", bc);
    signer.initSign(KeyFactory.getInstance("EC", bc).generatePrivate(new PKCS8EncodedKeySpec(pemBody(key.toPkcs8Pem()))));
    signer.update(TEXT.getBytes(StandardCharsets.UTF_8));
    NoteSignature jcaSig = new NoteSignature("b.example/log", key.verifierKey().keyId(), signer.sign());
    assertEquals(1, SignedNote.of(TEXT, List.of(jcaSig)).verify(List.of(key.verifierKey())).size());
  }

  @Test
  void sm2VerifierKey_usesType0xffAndTheIdentifier() {
    VerifierKey key = TestKeys.sm2Log().verifierKey();
    String vkey = key.encode();
    assertEquals(TestKeys.SM2_LOG_NAME + "+" + key.keyIdHex() + "+", vkey.substring(0, TestKeys.SM2_LOG_NAME.length() + 10));
    byte[] data = BaseEncoding.base64().decode(vkey.substring(TestKeys.SM2_LOG_NAME.length() + 10));
    assertEquals((byte) 0xFF, data[0]);
    assertEquals(SignatureType.SM2_IDENTIFIER,
        new String(data, 1, SignatureType.SM2_IDENTIFIER.length(), StandardCharsets.US_ASCII));
    assertEquals(key, VerifierKey.parse(key.encode()));
  }

  @Test
  void loading_refusesKeysOfTheWrongAlgorithm() {
    String ed = TestKeys.log().toPkcs8Pem();
    String sm2 = TestKeys.sm2Log().toPkcs8Pem();
    assertThrows(MalformedKeyException.class, () -> SigningKey.fromPkcs8Pem("x", SignatureType.SM2_SM3, ed));
    assertThrows(MalformedKeyException.class, () -> SigningKey.fromPkcs8Pem("x", SignatureType.ED25519, sm2));
    assertThrows(MalformedKeyException.class,
        () -> VerifierKey.fromSpkiPem("x", SignatureType.ED25519, TestKeys.sm2Log().verifierKey().toSpkiPem()));
    assertThrows(MalformedKeyException.class,
        () -> SigningKey.fromPkcs8Pem("x", SignatureType.ED25519, TestKeys.log().verifierKey().toSpkiPem()));
    assertThrows(MalformedKeyException.class, () -> SigningKey.fromPkcs8Pem("x", SignatureType.ED25519, "junk"));
    assertThrows(IllegalStateException.class, () -> TestKeys.log().cosign(TEXT, 1));
    assertThrows(IllegalStateException.class, () -> TestKeys.witness().sign(TEXT));
  }

  /**
   * The private key (as PEM body, seed hex or seed base64) appears in no toString, no exception
   * message and no log line of a full sign / cosign / refuse cycle.
   */
  @Test
  void privateKeyMaterial_neverAppearsInToStringExceptionsOrLogs() {
    SigningKey log = TestKeys.log();
    SigningKey witness = TestKeys.witness();
    List<String> secrets = new ArrayList<>();
    for (SigningKey k : List.of(log, witness, TestKeys.sm2Log())) {
      String pem = k.toPkcs8Pem();
      secrets.add(pem.replaceAll("-----[A-Z ]+-----", "").replace("\n", "").substring(0, 40));
    }
    secrets.add(BaseEncoding.base16().lowerCase().encode(TestKeys.sha256(TestKeys.LOG_LABEL)));
    secrets.add(BaseEncoding.base64().encode(TestKeys.sha256(TestKeys.LOG_LABEL)).substring(0, 20));
    secrets.add(BaseEncoding.base16().lowerCase().encode(TestKeys.sha256(TestKeys.WITNESS_LABEL)));

    List<String> seen = new ArrayList<>();
    seen.add(log.toString());
    seen.add(witness.toString());
    seen.add(TestKeys.sm2Log().toString());
    byte[] der = pemBody(log.toPkcs8Pem());
    String corruptPem = "-----BEGIN PRIVATE KEY-----\n"
        + BaseEncoding.base64().encode(java.util.Arrays.copyOf(der, der.length - 3))
        + "\n-----END PRIVATE KEY-----\n";
    seen.add(assertThrows(MalformedKeyException.class,
        () -> SigningKey.fromPkcs8Pem("x", SignatureType.ED25519, corruptPem)).getMessage());
    seen.add(assertThrows(MalformedKeyException.class,
        () -> SigningKey.fromPkcs8Pem("x", SignatureType.SM2_SM3, log.toPkcs8Pem())).getMessage());

    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      MerkleTree tree = MerkleTree.create(HashAlgorithm.SHA_256);
      tree.append(HashAlgorithm.SHA_256.leafHash(new byte[] {1}));
      CheckpointSigner signer = new CheckpointSigner(log, HashAlgorithm.SHA_256, Optional.empty());
      SignedNote note = signer.sign(tree);
      Witness w = new Witness(witness,
          List.of(new WitnessedLog(log.name(), log.verifierKey(), HashAlgorithm.SHA_256)), List.of(),
          Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC));
      w.cosign(note);
      MerkleTree other = MerkleTree.create(HashAlgorithm.SHA_256);
      seen.add(assertThrows(CheckpointRollbackException.class, () -> signer.sign(other)).getMessage());
    } finally {
      System.setErr(original);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    // The module's test logging is off by default; the static initializer turns this package on,
    // which works unless another test created the loggers first (then there is nothing to see).
    if (org.slf4j.LoggerFactory.getLogger(CheckpointSigner.class).isInfoEnabled()) {
      assertTrue(logs.contains("signed checkpoint of " + log.name() + " at size 1"), logs);
      assertTrue(logs.contains("cosigned " + log.name()), logs);
    }
    seen.add(logs);
    for (String s : seen) {
      for (String secret : secrets) {
        assertFalse(s.contains(secret), "key material in: " + s);
      }
    }
  }
}
