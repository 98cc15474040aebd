/**
 * The storage SPI: {@link org.moralbank.ledger.store.JournalStore}, the interface a branch
 * journal appends batches of canonical records to and replays from, with the in-memory store.
 * Durable stores (the segmented file journal, PostgreSQL) live in the ledger-storage module and
 * pass the same contract suite, {@code JournalStoreContract}, shipped in this module's test jar.
 */
package org.moralbank.ledger.store;
