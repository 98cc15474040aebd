/**
 * The moral bank (道德银行) domain over the ledger engine. Start at {@link
 * org.moralbank.timebank.TimeBank}; docs/timebank.md is the user guide.
 *
 * <pre>
 *   TimeBank.open(BankConfig, StoreFactory, MemberRegistry, Clock)
 *     │ branch(id) ──▶ Branch: enrol, recordService, approve, reject, deduct,
 *     │                        redeem, deliver, cancel, gift, donate,
 *     │                        requestGrant, allocateGrants, balance, statement, report
 *     │ openBranch, closeBranch, trialBalance, sweep
 *     ▼
 *   one BranchJournal per savings branch (+ the head office's), rebuilt into domain state by
 *   reading its records; rules checked before anything is written; Outcome.Accepted/Rejected
 * </pre>
 *
 * <p>Internals are package-private: {@code Book} (one journal's domain state), {@code
 * ServiceDesk}, {@code Payments}, {@code Mover} (moves within and between branches, recovery),
 * {@code Housekeeping}, {@code Reports}, {@code NoteCodec} (the journal payloads).
 */
package org.moralbank.timebank;
