/**
 * The PostgreSQL journal store: {@link org.moralbank.storage.jdbc.PostgresJournalStore}, one
 * branch's journal in tables that the database itself keeps append-only and hash-chained, so that
 * several application instances can share a bank without ever forking a branch.
 *
 * <pre>
 *   instance A ──append(5..7)──┐                      ┌─ commits: records 5..7
 *                              ├─▶ moralbank_record ──┤
 *   instance B ──append(5..6)──┘   PK (branch, seq)   └─ 23505 unique violation
 *                                  link trigger          → AppendConflictException,
 *                                  append-only trigger     B refreshes and retries
 * </pre>
 *
 * <p>Schema, versions and setup: docs/postgresql.md.
 */
package org.moralbank.storage.jdbc;
