package org.moralbank.timebank;

import java.io.IOException;
import org.moralbank.ledger.store.JournalStore;

/**
 * Where each branch's journal lives: called once per journal (the head office's and each savings
 * branch's) when the bank opens or a savings branch is created, and must return the same records
 * every time for the same branch id. An in-memory map serves tests; the file journal serves a
 * real bank, for example {@code id -> FileJournalStore.open(root.resolve(id))} (module {@code
 * ledger-storage}), one directory per journal.
 */
@FunctionalInterface
public interface StoreFactory {
  /**
   * The store of one journal.
   *
   * @param branchId the head office's or a savings branch's id
   * @return the store, holding the same records every time for the same id
   * @throws IOException if the store cannot be opened
   */
  JournalStore open(String branchId) throws IOException;
}
