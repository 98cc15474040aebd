package org.moralbank.ledger.store;

class InMemoryStoreTest extends JournalStoreContract {
  @Override
  protected JournalStore createStore() {
    return new InMemoryStore();
  }

  @Override
  protected JournalStore reopen(JournalStore store) {
    return store;
  }
}
