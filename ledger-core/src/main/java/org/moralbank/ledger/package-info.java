/**
 * The ledger engine of moralbank: accounts of service minutes, immutable transfers and the
 * hash-chained journal of each savings branch.
 *
 * <pre>
 *   Command (immutable, validated when made)
 *      │ submit
 *      ▼
 *   BranchJournal ── one writer thread per branch ──▶ BranchState (the rules; undo log)
 *      │ stage: LedgerRecord → canonical bytes → leaf hash, chained to the previous record
 *      ▼
 *   JournalStore.append(batch)   one durable write per batch (group commit)
 *      │
 *   futures complete; JournalVerifier / replay rebuild the same state from the bytes alone
 * </pre>
 *
 * <p>The public surface: values ({@link org.moralbank.ledger.Minutes}, {@link
 * org.moralbank.ledger.AccountId}, {@link org.moralbank.ledger.TransferId}, {@link
 * org.moralbank.ledger.Hash}), commands and their results, {@link
 * org.moralbank.ledger.BranchJournal}, {@link org.moralbank.ledger.LedgerRecord} (the record
 * format) and {@link org.moralbank.ledger.JournalVerifier}. The rules live in the package-private
 * {@code BranchState}; the byte layouts in {@code RecordCodec} and {@code StateCodec}, specified
 * in docs/ledger-format.md.
 */
package org.moralbank.ledger;
