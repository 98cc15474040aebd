package org.moralbank.ledger.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.proof.MerkleTree;

class WitnessTest {
  private static final HashAlgorithm SHA = HashAlgorithm.SHA_256;
  private static final long NOW = 1_700_000_000L;

  private static Witness witness(List<Checkpoint> state) {
    SigningKey log = TestKeys.log();
    return new Witness(TestKeys.witness(),
        List.of(new WitnessedLog(log.name(), log.verifierKey(), SHA)), state,
        Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
  }

  private static SignedNote signed(MerkleTree tree, long size) {
    Checkpoint c = Checkpoint.of(TestKeys.LOG_NAME, new org.moralbank.ledger.proof.TreeHead(size, tree.root(size)));
    return SignedNote.sign(c.body(), TestKeys.log());
  }

  @Test
  void cosignature_isTheCosignatureV1FormatOfTheSpec() throws Exception {
    MerkleTree tree = CheckpointSignerTest.tree(5, 0);
    SignedNote note = signed(tree, 5);
    SignedNote cosigned = witness(List.of()).cosign(note);
    assertEquals(2, cosigned.signatures().size());
    NoteSignature line = cosigned.signatures().get(1);
    VerifierKey wkey = TestKeys.witness().verifierKey();
    assertEquals(TestKeys.WITNESS_NAME, line.keyName());
    assertEquals(wkey.keyId(), line.keyId());
    // key id = SHA-256(name || 0x0A || 0x04 || public key)[:4]
    byte[] idInput = ByteBuffer.allocate(TestKeys.WITNESS_NAME.length() + 2 + 32)
        .put(TestKeys.WITNESS_NAME.getBytes(StandardCharsets.UTF_8)).put((byte) 0x0A).put((byte) 0x04)
        .put(wkey.publicKey()).array();
    assertEquals(ByteBuffer.wrap(TestKeys.sha256Bytes(idInput)).getInt(), wkey.keyId());
    // signature = u64 timestamp || Ed25519("cosignature/v1\ntime <t>\n" || body), checked by the JDK.
    byte[] sig = line.signature();
    assertEquals(72, sig.length);
    assertEquals(NOW, ByteBuffer.wrap(sig).getLong());
    Signature jdk = Signature.getInstance("Ed25519");
    jdk.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
        com.google.common.io.BaseEncoding.base64().decode(
            wkey.toSpkiPem().replaceAll("-----[A-Z ]+-----", "").replace("\n", "")))));
    jdk.update(("cosignature/v1\ntime " + NOW + "\n" + note.text()).getBytes(StandardCharsets.UTF_8));
    assertTrue(jdk.verify(Arrays.copyOfRange(sig, 8, 72)));
    // And the note verifies under both keys after a round trip.
    SignedNote parsed = SignedNote.parse(cosigned.encode());
    assertEquals(List.of(wkey), parsed.verify(List.of(wkey)));
    assertEquals(List.of(TestKeys.log().verifierKey()), parsed.verify(List.of(TestKeys.log().verifierKey())));
  }

  @Test
  void followsTheLogForward_withConsistencyProofs() {
    MerkleTree tree = CheckpointSignerTest.tree(40, 0);
    Witness w = witness(List.of());
    w.cosign(signed(tree, 3));
    w.cosign(signed(tree, 17), tree.consistencyProof(3, 17));
    w.cosign(signed(tree, 17));
    w.cosign(signed(tree, 40), tree.consistencyProof(17, 40));
    assertEquals(40, w.lastCosigned(TestKeys.LOG_NAME).orElseThrow().size());
  }

  @Test
  void refusesSmallerTrees_forks_badProofs_andUnsignedCheckpoints_changingNothing() {
    MerkleTree tree = CheckpointSignerTest.tree(40, 0);
    MerkleTree fork = CheckpointSignerTest.tree(40, 1);
    Witness w = witness(List.of());
    w.cosign(signed(tree, 20));
    Optional<Checkpoint> before = w.lastCosigned(TestKeys.LOG_NAME);

    assertThrows(CheckpointRollbackException.class, () -> w.cosign(signed(tree, 19)));
    assertThrows(CheckpointRollbackException.class, () -> w.cosign(signed(tree, 19), tree.consistencyProof(19, 20)));
    assertThrows(InconsistentCheckpointException.class, () -> w.cosign(signed(fork, 20)));
    assertThrows(InconsistentCheckpointException.class, () -> w.cosign(signed(tree, 30)));
    assertThrows(InconsistentCheckpointException.class, () -> w.cosign(signed(fork, 30), fork.consistencyProof(20, 30)));
    assertThrows(InconsistentCheckpointException.class, () -> w.cosign(signed(tree, 30), tree.consistencyProof(21, 30)));
    // Signed by someone else, or of a log the witness does not follow.
    SignedNote forged = SignedNote.sign(signed(tree, 30).text(),
        SigningKey.ed25519(TestKeys.LOG_NAME, SignatureType.ED25519, new byte[32]));
    assertEquals(SignatureVerificationException.Reason.NO_TRUSTED_SIGNATURE,
        assertThrows(SignatureVerificationException.class, () -> w.cosign(forged, tree.consistencyProof(20, 30))).reason());
    SignedNote otherLog = SignedNote.sign(Checkpoint.of("other.example/log", tree.head()).body(),
        SigningKey.ed25519("other.example/log", SignatureType.ED25519, new byte[32]));
    assertThrows(SignatureVerificationException.class, () -> w.cosign(otherLog));
    assertThrows(MalformedNoteException.class, () -> w.cosign(SignedNote.sign("not a checkpoint\n", TestKeys.log())));
    assertEquals(before, w.lastCosigned(TestKeys.LOG_NAME));

    w.cosign(signed(tree, 30), tree.consistencyProof(20, 30));
    assertEquals(30, w.lastCosigned(TestKeys.LOG_NAME).orElseThrow().size());
  }

  @Test
  void restoredState_bindsAfterARestart() {
    MerkleTree tree = CheckpointSignerTest.tree(40, 0);
    Checkpoint last = Checkpoint.parse(signed(tree, 25).text());
    Witness w = witness(List.of(last));
    assertThrows(CheckpointRollbackException.class, () -> w.cosign(signed(tree, 24)));
    assertThrows(InconsistentCheckpointException.class, () -> w.cosign(signed(tree, 26)));
    w.cosign(signed(tree, 26), tree.consistencyProof(25, 26));
  }
}
