package org.moralbank.ledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.Hash;

/** Every call reaches the delegate, including interface defaults added later. */
class ForwardingJournalStoreTest {

  @Test
  void everyMethodOfTheInterface_isForwardedExplicitly() throws NoSuchMethodException {
    for (Method m : JournalStore.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      Method own = ForwardingJournalStore.class.getMethod(m.getName(), m.getParameterTypes());
      assertEquals(ForwardingJournalStore.class, own.getDeclaringClass(), m.getName() + " is not forwarded");
    }
  }

  @Test
  void callsReachTheDelegate_withTheirResults() throws IOException {
    InMemoryStore inner = new InMemoryStore();
    ForwardingJournalStore store = new ForwardingJournalStore(inner) {};
    List<JournalRecord> batch = JournalStoreContract.chain(0, Hash.ZERO, 3, "f");
    store.append(batch);
    assertEquals(3, inner.size());
    assertEquals(3, store.size());
    assertEquals(inner.head(), store.head());
    List<JournalRecord> read = new ArrayList<>();
    store.read(0, 3, read::add);
    assertEquals(batch, read);
    Snapshot s = new Snapshot(3, store.head(), new byte[] {7});
    store.saveSnapshot(s);
    assertEquals(s, inner.latestSnapshot().orElseThrow());
    assertEquals(s, store.latestSnapshot().orElseThrow());
  }
}
