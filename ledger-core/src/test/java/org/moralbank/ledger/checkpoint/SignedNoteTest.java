package org.moralbank.ledger.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.io.BaseEncoding;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedNoteTest {
  // golang.org/x/mod/sumdb/note: the documented example key and note.
  static final String PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  static final String PETER_SKEY_DATA = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  static final String PETER_TEXT = "If you think cryptography is the answer to your problem,\n"
      + "then you don't know what your problem is.\n";
  static final String PETER_NOTE = PETER_TEXT + "\n"
      + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

  static SigningKey peter() {
    byte[] data = BaseEncoding.base64().decode(PETER_SKEY_DATA);
    assertEquals(1, data[0], "algorithm byte of the Go private key");
    return SigningKey.ed25519("PeterNeumann", SignatureType.ED25519, Arrays.copyOfRange(data, 1, data.length));
  }

  @Test
  void goReferenceNote_isReproducedByteForByte() {
    SigningKey key = peter();
    assertEquals(PETER_VKEY, key.verifierKey().encode());
    assertEquals("c74f20a3", key.verifierKey().keyIdHex());
    assertEquals(PETER_NOTE, SignedNote.sign(PETER_TEXT, key).encode());
  }

  @Test
  void goReferenceNote_parsesAndVerifies_andAnyChangeToTheTextFails() {
    VerifierKey vkey = VerifierKey.parse(PETER_VKEY);
    SignedNote note = SignedNote.parse(PETER_NOTE.getBytes(StandardCharsets.UTF_8));
    assertEquals(PETER_TEXT, note.text());
    assertEquals(List.of(vkey), note.verify(List.of(vkey)));
    SignedNote changed = SignedNote.parse(PETER_NOTE.replace("cryptography", "cryptographY"));
    SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
        () -> changed.verify(List.of(vkey)));
    assertEquals(SignatureVerificationException.Reason.BAD_SIGNATURE, e.reason());
  }

  @Test
  void publishedVerifierKeys_parse_withTheirTypesAndKeyIds() {
    // transparency-dev/formats note tests: a cosignature/v1 key (type 0x04) and an Ed25519 key
    // whose base64 contains '+'.
    VerifierKey cosigner = VerifierKey.parse("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2");
    assertEquals(SignatureType.COSIGNATURE_V1, cosigner.type());
    assertEquals("remora.n621.de", cosigner.name());
    VerifierKey plus = VerifierKey.parse("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6");
    assertEquals(SignatureType.ED25519, plus.type());
    assertEquals("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6", plus.encode());
  }

  @Test
  void verifierKeyParsing_refusesEveryMangling() {
    for (String bad : List.of(
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // wrong key id
        "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // uppercase id
        "PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // 7 digits
        "PeterNeumann+c74f20a3+Apc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // truncated
        "PeterNeumann+c74f20a3+AhqXNkHFDw4TEHoMMW84SqogX7FZJqqvyw7OIs1stdE1", // type 0x02
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // space in name
        "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // empty name
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW=", // bad padding
        "PeterNeumann+c74f20a3")) {
      assertThrows(MalformedKeyException.class, () -> VerifierKey.parse(bad), bad);
    }
    // The Ed25519 identity point (small order) is not a key.
    byte[] identity = new byte[32];
    identity[0] = 1;
    assertThrows(MalformedKeyException.class, () -> VerifierKey.of("x", SignatureType.ED25519, identity));
  }

  @Test
  void parse_refusesMalformedNotes() {
    String sig = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    for (String bad : List.of(
        PETER_TEXT + sig, // no empty line
        PETER_TEXT + "\n", // no signature
        PETER_TEXT + "\n" + sig.strip(), // no final newline
        PETER_TEXT + "\n" + sig.replace("\u2014", "-"), // not an em dash
        PETER_TEXT + "\n" + sig.replace("PeterNeumann", "Peter+Neumann"),
        PETER_TEXT + "\n" + sig.replace("=\n", "\n"), // unpadded base64
        PETER_TEXT + "\n" + "\u2014 PeterNeumann AAAA\n", // shorter than key id + 1 byte
        PETER_TEXT.replace("answer", "ans\twer") + "\n" + sig, // control character
        PETER_TEXT.replace("answer", "ans\rwer") + "\n" + sig,
        PETER_TEXT + "\n" + sig + "trailing")) {
      assertThrows(MalformedNoteException.class, () -> SignedNote.parse(bad), bad);
    }
    byte[] badUtf8 = PETER_NOTE.getBytes(StandardCharsets.UTF_8);
    badUtf8[3] = (byte) 0xC3;
    assertThrows(MalformedNoteException.class, () -> SignedNote.parse(badUtf8));
  }

  @Test
  void textMayContainEmptyLines_theLastOneSeparatesSignatures() {
    SigningKey key = peter();
    String text = "first\n\nthird\n";
    SignedNote note = SignedNote.parse(SignedNote.sign(text, key).encode());
    assertEquals(text, note.text());
    assertEquals(1, note.verify(List.of(key.verifierKey())).size());
  }

  @Test
  void verify_ignoresUnknownKeys_andNeedsOneTrustedSignature() {
    SigningKey peter = peter();
    SigningKey other = TestKeys.log();
    SignedNote note = SignedNote.sign(PETER_TEXT, peter);
    // A key with the same name but another key id is unknown, not a failed signature.
    SigningKey impostor = SigningKey.ed25519("PeterNeumann", SignatureType.ED25519, new byte[32]);
    SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
        () -> note.verify(List.of(impostor.verifierKey(), other.verifierKey())));
    assertEquals(SignatureVerificationException.Reason.NO_TRUSTED_SIGNATURE, e.reason());

    SignedNote both = note.withSignature(other.sign(PETER_TEXT));
    assertEquals(List.of(peter.verifierKey(), other.verifierKey()),
        both.verify(List.of(peter.verifierKey(), other.verifierKey(), impostor.verifierKey())));
    assertEquals(both, SignedNote.parse(both.encode()));

    // A forged line under a trusted name and key id rejects the whole note.
    byte[] forged = peter.sign(PETER_TEXT).signature();
    forged[10] ^= 1;
    SignedNote bad = both.withSignature(new NoteSignature("PeterNeumann", peter.verifierKey().keyId(), forged));
    assertEquals(SignatureVerificationException.Reason.BAD_SIGNATURE,
        assertThrows(SignatureVerificationException.class, () -> bad.verify(List.of(other.verifierKey(), peter.verifierKey()))).reason());
  }

  @Test
  void withSignature_replacesALineOfTheSameKey() {
    SigningKey witness = TestKeys.witness();
    String text = "o\n0\n" + "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n";
    SignedNote note = SignedNote.sign(text, TestKeys.log())
        .withSignature(witness.cosign(text, 1))
        .withSignature(witness.cosign(text, 2));
    assertEquals(2, note.signatures().size());
    assertArrayEquals(witness.cosign(text, 2).signature(), note.signatures().get(1).signature());
  }
}
