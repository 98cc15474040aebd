/**
 * The segmented file journal, the embedded default store: {@link
 * org.moralbank.storage.file.FileJournalStore}. One directory per branch journal holds segment
 * files of CRC-checked frames, written with one sync per batch, locked against a second writer,
 * recovered on open by trimming only a torn tail, plus atomically written snapshots. The on-disk
 * format is specified, with its version history, in docs/file-journal.md.
 */
package org.moralbank.storage.file;
