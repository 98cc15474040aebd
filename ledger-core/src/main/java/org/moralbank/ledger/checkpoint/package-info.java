/**
 * Signed checkpoints, witness cosignatures and receipts, in the C2SP formats used by
 * transparency logs (signed-note, tlog-checkpoint, tlog-cosignature).
 *
 * <pre>
 *  branch journal ──append──▶ MerkleTree / MerkleFrontier
 *                                   │ head + consistency proof
 *                                   ▼
 *                            CheckpointSigner ──signed note──▶ Witness (street office)
 *                            (log key: Ed25519 or SM2)            │ verifies log signature and
 *                                                                 │ consistency, cosigns
 *                                                                 ▼
 *   record bytes + InclusionProof + cosigned checkpoint ──▶ Receipt ──▶ ReceiptVerifier
 * </pre>
 *
 * <ul>
 *   <li>{@link org.moralbank.ledger.checkpoint.Checkpoint}: origin, size, root hash.
 *   <li>{@link org.moralbank.ledger.checkpoint.SignedNote}: text plus signature lines {@code —
 *       <key name> base64(key id || signature)}; verified against {@link
 *       org.moralbank.ledger.checkpoint.VerifierKey}s.
 *   <li>{@link org.moralbank.ledger.checkpoint.SigningKey}: Ed25519 or SM2 private keys, stored as
 *       PKCS#8 PEM, never printed.
 *   <li>{@link org.moralbank.ledger.checkpoint.CheckpointSigner} and {@link
 *       org.moralbank.ledger.checkpoint.Witness} both refuse to sign a checkpoint that does not
 *       extend the last one they signed.
 *   <li>{@link org.moralbank.ledger.checkpoint.Receipt} and {@link
 *       org.moralbank.ledger.checkpoint.ReceiptVerifier}: a member's offline proof that a record is
 *       in the journal.
 * </ul>
 *
 * <p>Every format, the SM2 profile and the key-id computations are specified in {@code
 * docs/proofs-and-checkpoints.md}, with test vectors in {@code docs/test-vectors/}.
 */
package org.moralbank.ledger.checkpoint;
