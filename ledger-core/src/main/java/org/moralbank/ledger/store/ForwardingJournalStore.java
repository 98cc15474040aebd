package org.moralbank.ledger.store;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.moralbank.ledger.Hash;

/**
 * A store that passes every call to another one: the base for decorators that count, time,
 * observe or inject faults around a real store. Override only what the decorator changes; every
 * method of {@link JournalStore}, defaults included, is forwarded here, so a decorator never
 * silently falls back to an interface default (a {@code refresh} that does nothing, say).
 */
public abstract class ForwardingJournalStore implements JournalStore {
  private final JournalStore delegate;

  /**
   * Forwards to {@code delegate}.
   *
   * @param delegate the store every call goes to
   */
  protected ForwardingJournalStore(JournalStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
  }

  /** {@return the store every call goes to} */
  protected JournalStore delegate() {
    return delegate;
  }

  @Override
  public long size() {
    return delegate.size();
  }

  @Override
  public Hash head() {
    return delegate.head();
  }

  @Override
  public void append(List<JournalRecord> batch) throws IOException {
    delegate.append(batch);
  }

  @Override
  public boolean exclusive() {
    return delegate.exclusive();
  }

  @Override
  public void read(long from, long to, RecordConsumer consumer) throws IOException {
    delegate.read(from, to, consumer);
  }

  @Override
  public void refresh() throws IOException {
    delegate.refresh();
  }

  @Override
  public void saveSnapshot(Snapshot snapshot) throws IOException {
    delegate.saveSnapshot(snapshot);
  }

  @Override
  public Optional<Snapshot> latestSnapshot() throws IOException {
    return delegate.latestSnapshot();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
