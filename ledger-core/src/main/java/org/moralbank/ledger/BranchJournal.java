package org.moralbank.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import org.moralbank.ledger.proof.MerkleFrontier;
import org.moralbank.ledger.proof.TreeHead;
import org.moralbank.ledger.store.AppendConflictException;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.ledger.store.JournalStore;
import org.moralbank.ledger.store.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal of one savings branch: the only way to change the branch's books.
 *
 * <pre>
 *   callers ──submit(command)──▶ queue ──▶ writer thread (one per branch)
 *                                           │ 1. expire due pending transfers
 *                                           │ 2. decide each command against the state
 *                                           │ 3. encode, chain and hash its record
 *                                           ▼
 *                                     store.append(batch)  one write, one sync
 *                                           │ 4. settle the batch's results
 *                                           ▼
 *   futures complete ◀── notifier thread ◀── only after the batch is durable
 * </pre>
 *
 * <p>One thread owns the state and applies commands in order (LMAX style); the state is rebuilt
 * by replaying the journal, so there is no other source of truth. A command is validated in
 * full before any state changes, and a linked group that fails part-way is undone before its
 * rejection is journaled. Every command in a batch shares one durable write (group commit).
 *
 * <p>Failure is fail-stop: if the store cannot append a batch, no command of that batch is
 * acknowledged and the journal refuses all later commands with {@link JournalFailedException};
 * reopening it recovers. A store shared by several writers (PostgreSQL) answers a lost race with
 * an {@link AppendConflictException}: the writer then undoes its batch, replays what the other
 * writer appended and decides its commands again.
 *
 * <p>Queries ({@link #account}, {@link #transfer}) also pass through the writer, so they see
 * every command submitted before them and nothing that is not durable.
 *
 * <p>Futures are completed, batch after batch in order, by a second thread per journal, the
 * notifier, while the writer goes on with the next batch: waking the callers (or running their
 * callbacks) no longer holds up the writer. Callbacks attached with the non-async methods of
 * {@link CompletableFuture} run on the notifier: they must not block, and must not wait for
 * another command of the same journal (use the {@code ...Async} variants for that).
 *
 * <p>The journal owns its store and closes it on {@link #close()}.
 */
public final class BranchJournal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BranchJournal.class);
  private static final int MAX_CONFLICT_RETRIES = 1000;
  /** Batches of at least this many records are appended by the syncer: see {@link #pipelined}. */
  private static final int PIPELINE_FROM = 32;

  private final JournalStore store;
  private final BranchConfig config;
  private final HashAlgorithm.Hasher hasher;
  private final BlockingQueue<Task> queue;
  private final Thread writer;
  /** Settled batches, in order, for the notifier; {@link Settled#END} stops it. */
  private final BlockingQueue<Settled> settled = new LinkedBlockingQueue<>();
  private final Thread notifier;
  /**
   * Over an {@link JournalStore#exclusive} store, appends run on this thread while the writer
   * decides the next batch; null over a shared store.
   */
  private final java.util.concurrent.ExecutorService syncer;
  /** The batch being appended by {@link #syncer}, if any; only the writer thread touches it. */
  private InFlight inflight;

  // Owned by the writer thread once it starts.
  private final BranchState state;
  private long size;
  private Hash head;
  private long lastTimestamp;
  private MerkleFrontier frontier;
  private MerkleFrontier stagedFrontier;
  private final List<JournalRecord> staged = new ArrayList<>();
  /** The records of {@link #staged}, decoded, for retries within the batch. */
  private final List<LedgerRecord> stagedRecords = new ArrayList<>();
  private long stagedSize;
  private Hash stagedHead;
  private long stagedTimestamp;

  private volatile long durableSize;
  private volatile Hash durableHead;
  private volatile TreeHead durableTree;
  private volatile Throwable failure;
  private volatile boolean closed;

  private BranchJournal(JournalStore store, BranchConfig config, Replayer replayed) {
    this.store = store;
    this.config = config;
    this.hasher = config.algorithm().newHasher();
    this.state = replayed.state();
    this.state.readRecordsFrom(this::recordAt);
    this.size = replayed.size();
    this.head = replayed.head();
    this.lastTimestamp = replayed.lastTimestamp();
    this.frontier = replayed.frontier();
    this.durableSize = size;
    this.durableHead = head;
    this.durableTree = frontier.head();
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.writer = new Thread(this::runWriter, "moralbank-" + config.bankId() + "-" + config.branchId());
    this.writer.setDaemon(true);
    this.notifier = new Thread(this::runNotifier,
        "moralbank-" + config.bankId() + "-" + config.branchId() + "-notifier");
    this.notifier.setDaemon(true);
    this.syncer = store.exclusive()
        ? java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
          Thread t = new Thread(r, "moralbank-" + config.bankId() + "-" + config.branchId() + "-sync");
          t.setDaemon(true);
          return t;
        })
        : null;
    this.notifier.start();
    this.writer.start();
  }

  /**
   * Starts a new branch journal in an empty store by writing its genesis record.
   *
   * @param store the store to write to, empty
   * @param config the bank, branch and hash algorithm the genesis record names
   * @return the open journal, its writer thread started
   * @throws IllegalStateException if the store is not empty
   * @throws IOException if the store cannot write the genesis record
   */
  public static BranchJournal create(JournalStore store, BranchConfig config) throws IOException {
    Objects.requireNonNull(store, "store == null");
    Objects.requireNonNull(config, "config == null");
    if (store.size() != 0) {
      throw new IllegalStateException(
          "store already holds " + store.size() + " records; open it instead of creating it");
    }
    LedgerRecord genesis =
        new LedgerRecord(0, config.clock().getAsLong(), Hash.ZERO, config.genesis());
    byte[] bytes = genesis.encode();
    store.append(List.of(new JournalRecord(0, Hash.ZERO, config.algorithm().leafHash(bytes), bytes)));
    return open(store, config);
  }

  /**
   * Opens an existing branch journal: restores the newest snapshot whose head matches the chain,
   * then replays and checks every record after it.
   *
   * @param store the store holding the journal
   * @param config the bank, branch and hash algorithm the journal must belong to
   * @return the open journal, its writer thread started
   * @throws IllegalStateException if the store is empty
   * @throws JournalIntegrityException if a record does not replay, or the journal belongs to
   *     another bank, branch or hash algorithm
   * @throws IOException if the store cannot be read
   */
  public static BranchJournal open(JournalStore store, BranchConfig config) throws IOException {
    Objects.requireNonNull(store, "store == null");
    Objects.requireNonNull(config, "config == null");
    store.refresh();
    if (store.size() == 0) {
      throw new IllegalStateException("store is empty; create the branch journal first");
    }
    Replayer replayer = restore(store, config);
    String branch = config.bankId() + "/" + config.branchId();
    catchUp(store, replayer, branch);
    return new BranchJournal(store, config, replayer);
  }

  /**
   * Opens the journal in {@code store}, creating it when the store is empty.
   *
   * @param store the store holding the journal, or an empty one
   * @param config the bank, branch and hash algorithm the journal belongs to
   * @return the open journal, its writer thread started
   * @throws IOException if the store cannot be read or written
   */
  public static BranchJournal openOrCreate(JournalStore store, BranchConfig config) throws IOException {
    store.refresh();
    return store.size() == 0 ? create(store, config) : open(store, config);
  }

  private static Replayer restore(JournalStore store, BranchConfig config) throws IOException {
    Optional<Snapshot> snapshot = store.latestSnapshot();
    if (snapshot.isPresent()) {
      Snapshot s = snapshot.get();
      try {
        StateCodec.Restored r = StateCodec.decode(s.state());
        Hash[] atSize = new Hash[1];
        if (s.size() <= store.size() && r.size() == s.size() && r.head().equals(s.head())) {
          store.read(s.size() - 1, s.size(), rec -> atSize[0] = rec.hash());
        }
        if (s.head().equals(atSize[0]) && r.state().genesis.equals(config.genesis())
            && r.frontier().size() == r.size()) {
          return new Replayer(r.state(), r.size(), r.head(), r.lastTimestamp(), r.frontier());
        }
        log.warn("snapshot at size {} does not match the chain; replaying from the start", s.size());
      } catch (MalformedRecordException e) {
        log.warn("snapshot at size {} is unreadable ({}); replaying from the start", s.size(), e.getMessage());
      }
    }
    return new Replayer(config.genesis()).expecting(store.size());
  }

  private static void catchUp(JournalStore store, Replayer replayer, String branch) throws IOException {
    store.read(
        replayer.size(),
        store.size(),
        r -> {
          IntegrityFailure f = replayer.accept(r.sequence(), r.previousHash(), r.hash(), r.bytes());
          if (f != null) {
            throw new JournalIntegrityException(branch, f);
          }
        });
  }

  /** {@return the configuration the journal was opened with} */
  public BranchConfig config() {
    return config;
  }

  /** {@return the number of records durably appended} */
  public long size() {
    return durableSize;
  }

  /** {@return the leaf hash of the last durable record} */
  public Hash head() {
    return durableHead;
  }

  /**
   * The RFC 6962 Merkle tree head over every durable record: what a signed checkpoint commits
   * to. Kept up to date on every append from a frontier of O(log n) hashes.
   *
   * @return the tree head over the durable records
   */
  public TreeHead treeHead() {
    return durableTree;
  }

  /**
   * Queues a command. The future completes with the command's result once the record it caused
   * (if any) is durable, or exceptionally with {@link JournalFailedException}.
   *
   * @param <R> the type of the command's result
   * @param command the command to decide
   * @return the command's result, once durable
   */
  public <R> CompletableFuture<R> submit(Command<R> command) {
    Objects.requireNonNull(command, "command == null");
    CommandTask<R> task = new CommandTask<>(command);
    enqueue(task);
    return task.future;
  }

  /**
   * Queues several commands as one unit of work for the writer: they are decided in order, one
   * after another with nothing between them, and their records reach the store in one {@code
   * append} (so after a crash either all of them are durable or none). Results come back in the
   * same order. The time-bank layer relies on this to journal a note with its transfers.
   *
   * @param commands the commands of the unit, in order
   * @return their results, in the same order
   */
  public CompletableFuture<List<Object>> submitAll(List<? extends Command<?>> commands) {
    List<Command<?>> copy = List.copyOf(commands);
    BulkTask task = new BulkTask(copy);
    enqueue(task);
    return task.future;
  }

  /**
   * {@link #submit} and wait: the result, or the exception that failed the command.
   *
   * @param <R> the type of the command's result
   * @param command the command to decide
   * @return the command's result, durable
   */
  public <R> R execute(Command<R> command) {
    return join(submit(command));
  }

  /**
   * The account {@code id} as of every command submitted before this query; empty if it was never
   * opened.
   *
   * @param id the account
   * @return the account, if open
   */
  public Optional<Account> account(AccountId id) {
    Objects.requireNonNull(id, "id == null");
    return query(s -> s.account(id));
  }

  /**
   * The transfer {@code id} as of every command submitted before this query, pending or decided.
   *
   * @param id the transfer
   * @return the transfer, if the journal holds it
   */
  public Optional<Transfer> transfer(TransferId id) {
    Objects.requireNonNull(id, "id == null");
    return query(s -> s.transfer(id));
  }

  /**
   * Expires every pending transfer whose timeout has passed.
   *
   * @return how many transfers expired
   */
  public int expireDue() {
    return join(submitTask(new ExpiryTask()));
  }

  /**
   * Replays what other writers appended to a shared store since this journal last wrote or
   * caught up; returns the journal's size afterwards. A single-writer store has nothing to catch.
   *
   * @return the journal's size after catching up
   */
  public long catchUp() {
    return join(
        submitTask(
            new AfterDurableTask<Long>(
                j -> {
                  if (!j.catchUpAfterConflict()) {
                    throw j.stopped(j.failure);
                  }
                  return j.size;
                })));
  }

  /** Saves a snapshot of the current state to the store, so that reopening replays less. */
  public void snapshot() {
    join(
        submitTask(
            new AfterDurableTask<Void>(
                j -> {
                  try {
                    j.store.saveSnapshot(new Snapshot(j.size, j.head, j.encodeState()));
                    return null;
                  } catch (IOException e) {
                    throw new UncheckedIOException("snapshot not saved", e);
                  }
                })));
  }

  /**
   * A copy of the state's canonical encoding (docs/ledger-format.md, snapshot section): equal
   * states have equal bytes. For tests and audits.
   *
   * @return the canonical bytes of the current state
   */
  public byte[] stateBytes() {
    return join(submitTask(new AfterDurableTask<>(BranchJournal::encodeState)));
  }

  private byte[] encodeState() {
    return StateCodec.encode(state, size, head, lastTimestamp, frontier);
  }

  /**
   * Reads decoded records {@code [from, to)} from the store.
   *
   * @param from the first sequence, inclusive
   * @param to the last sequence, exclusive
   * @param consumer receives each record, in order
   * @throws IOException if the store cannot be read
   */
  public void read(long from, long to, java.util.function.Consumer<LedgerRecord> consumer)
      throws IOException {
    store.read(from, to, r -> consumer.accept(LedgerRecord.decode(r.bytes())));
  }

  private <T> T query(Function<BranchState, T> q) {
    return join(submitTask(new QueryTask<>(q)));
  }

  private <T> CompletableFuture<T> submitTask(ValueTask<T> task) {
    enqueue(task);
    return task.future;
  }

  private void enqueue(Task task) {
    Throwable f = failure;
    if (f != null || closed) {
      task.fail(stopped(f));
      return;
    }
    try {
      queue.put(task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      task.fail(new JournalFailedException("interrupted while queueing a command", e));
      return;
    }
    if (closed && queue.remove(task)) {
      // close() raced with this submit after the writer had stopped.
      task.fail(stopped(failure));
    }
  }

  private JournalFailedException stopped(Throwable cause) {
    String branch = config.bankId() + "/" + config.branchId();
    return cause == null
        ? new JournalFailedException("branch journal " + branch + " is closed", null)
        : new JournalFailedException("branch journal " + branch + " stopped after a failed write", cause);
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new JournalFailedException("command failed", cause);
    }
  }

  /** Stops the writer after the commands already queued, and closes the store. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      queue.put(new Poison());
      writer.join();
      settled.put(Settled.END);
      // A callback may close the journal: the notifier then stops after it returns.
      if (Thread.currentThread() != notifier) {
        notifier.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Task t; (t = queue.poll()) != null; ) {
      t.fail(stopped(failure));
    }
    if (syncer != null) {
      syncer.shutdown();
    }
    store.close();
  }

  // ---- the writer ----

  private void runWriter() {
    List<Task> batch = new ArrayList<>();
    while (true) {
      try {
        // Woken by a command, or by the syncer's {@link Wake} when an append is done.
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, config.maxBatch() - 1);
      // Not only the last task: the syncer's Wake may follow close's Poison in one drain.
      boolean stop = batch.stream().anyMatch(t -> t instanceof Poison);
      process(batch);
      batch.clear();
      if (stop) {
        drain();
        return;
      }
    }
  }

  /** Completes the futures of settled batches, in order, off the writer thread. */
  private void runNotifier() {
    while (true) {
      Settled s;
      try {
        s = settled.take();
      } catch (InterruptedException e) {
        return;
      }
      if (s == Settled.END) {
        return;
      }
      for (Task t : s.tasks()) {
        if (s.failure() == null) {
          t.deliver();
        } else {
          t.fail(s.failure());
        }
      }
    }
  }

  private void process(List<Task> batch) {
    if (failure != null) {
      failAll(batch, stopped(failure));
      return;
    }
    if (syncer != null && batch.stream().noneMatch(t -> t instanceof AfterDurableTask)) {
      pipelined(batch);
      return;
    }
    // A shared store, or a task that reads the state as durable: nothing may be in flight.
    drain();
    if (failure != null) {
      failAll(batch, stopped(failure));
      return;
    }
    for (int attempt = 0; ; attempt++) {
      beginStaging();
      try {
        for (Task t : batch) {
          t.run(this);
        }
        if (!staged.isEmpty()) {
          store.append(staged);
        }
      } catch (AppendConflictException e) {
        state.rollbackTo(0);
        if (attempt >= MAX_CONFLICT_RETRIES || !catchUpAfterConflict()) {
          fail(batch, e);
          return;
        }
        continue;
      } catch (IOException | RuntimeException e) {
        fail(batch, e);
        return;
      }
      adoptStaged();
      state.commit();
      durableSize = size;
      durableHead = head;
      durableTree = frontier.head();
      for (Task t : batch) {
        t.settle(this);
      }
      settled.add(new Settled(List.copyOf(batch), null));
      return;
    }
  }

  /**
   * Decides {@code batch} while the batch before it is still being appended, then hands it to the
   * syncer. Only over an exclusive store: no other writer can make an append conflict, so a
   * decided batch never has to be undone (a failed append stops the journal, and the batch
   * decided after it fails unwritten). Futures still complete only once their batch is durable.
   */
  private void pipelined(List<Task> batch) {
    beginStaging();
    try {
      for (Task t : batch) {
        t.run(this);
      }
    } catch (RuntimeException e) {
      drain();
      fail(batch, staged.size(), e);
      return;
    }
    state.commit();
    long start = size;
    List<JournalRecord> records = List.copyOf(staged);
    List<LedgerRecord> decoded = List.copyOf(stagedRecords);
    adoptStaged();
    drain();
    if (failure != null) {
      failAll(batch, stopped(failure));
      return;
    }
    InFlight f = new InFlight(List.copyOf(batch), start, records, decoded, size, head, frontier.head());
    if (records.isEmpty()) {
      finish(f);
    } else if (records.size() < PIPELINE_FROM) {
      // A small batch means few clients: append here, sparing the hand-off to the syncer and
      // back, which costs them more than deciding during the append gains (measured: 16 blocking
      // clients did 18,604 transfers/s through the syncer, 33,505 without it).
      try {
        store.append(records);
      } catch (IOException | RuntimeException e) {
        fail(f.tasks, records.size(), e);
        return;
      }
      finish(f);
    } else {
      f.appended = syncer.submit(() -> {
        try {
          store.append(records);
        } finally {
          // Wake an idle writer to deliver (or fail) the batch. If the queue is full, the writer
          // is busy and settles it after deciding the next batch anyway.
          queue.offer(Wake.INSTANCE);
        }
        return null;
      });
      inflight = f;
    }
  }

  /** Starts a batch's records after what the writer has decided so far. */
  private void beginStaging() {
    staged.clear();
    stagedRecords.clear();
    stagedSize = size;
    stagedHead = head;
    stagedTimestamp = lastTimestamp;
    stagedFrontier = null;
  }

  /** Makes the staged records the writer's view (durable or handed to the syncer). */
  private void adoptStaged() {
    size = stagedSize;
    head = stagedHead;
    lastTimestamp = stagedTimestamp;
    if (stagedFrontier != null) {
      frontier = stagedFrontier;
    }
    staged.clear();
    stagedRecords.clear();
  }

  /** Waits for the batch in flight, if any, and settles it: delivered, or failed (fail-stop). */
  private void drain() {
    InFlight f = inflight;
    if (f == null) {
      return;
    }
    inflight = null;
    try {
      f.appended.get();
    } catch (java.util.concurrent.ExecutionException e) {
      fail(f.tasks, f.records.size(), e.getCause());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(f.tasks, f.records.size(), e);
      return;
    }
    finish(f);
  }

  private void finish(InFlight f) {
    durableSize = f.size;
    durableHead = f.head;
    durableTree = f.tree;
    for (Task t : f.tasks) {
      t.settle(this);
    }
    settled.add(new Settled(f.tasks, null));
  }

  /** A decided batch on its way to the store. */
  private static final class InFlight {
    final List<Task> tasks;
    final long start;
    final List<JournalRecord> records;
    final List<LedgerRecord> decoded;
    final long size;
    final Hash head;
    final TreeHead tree;
    java.util.concurrent.Future<Void> appended;

    InFlight(List<Task> tasks, long start, List<JournalRecord> records, List<LedgerRecord> decoded,
        long size, Hash head, TreeHead tree) {
      this.tasks = tasks;
      this.start = start;
      this.records = records;
      this.decoded = decoded;
      this.size = size;
      this.head = head;
      this.tree = tree;
    }
  }

  private boolean catchUpAfterConflict() {
    try {
      store.refresh();
      Replayer replayer = new Replayer(state, size, head, lastTimestamp, frontier);
      catchUp(store, replayer, config.bankId() + "/" + config.branchId());
      size = replayer.size();
      head = replayer.head();
      lastTimestamp = replayer.lastTimestamp();
      frontier = replayer.frontier();
      durableSize = size;
      durableHead = head;
      durableTree = frontier.head();
      return true;
    } catch (IOException | RuntimeException e) {
      log.error("could not catch up with another writer", e);
      failure = e;
      return false;
    }
  }

  private void fail(List<Task> batch, Throwable e) {
    fail(batch, staged.size(), e);
  }

  private void fail(List<Task> batch, int records, Throwable e) {
    if (failure == null) {
      failure = e;
    }
    log.error("branch journal {}/{} stopped: append of {} records failed",
        config.bankId(), config.branchId(), records, e);
    failAll(batch, stopped(e));
  }

  private void failAll(List<Task> batch, JournalFailedException e) {
    settled.add(new Settled(List.copyOf(batch), e));
  }

  /** A batch whose futures the notifier completes: with their values, or all with {@code failure}. */
  private record Settled(List<Task> tasks, Throwable failure) {
    static final Settled END = new Settled(List.of(), null);
  }

  /** The timestamp the next record would get; only {@link #stage} moves the ledger's time. */
  private long nextTimestamp() {
    return Math.max(config.clock().getAsLong(), stagedTimestamp + 1);
  }

  private void stage(LedgerRecord.Body body, long timestamp) {
    LedgerRecord record = new LedgerRecord(stagedSize, timestamp, stagedHead, body);
    byte[] bytes = record.encode();
    Hash hash = hasher.leafHash(bytes);
    staged.add(new JournalRecord(stagedSize, stagedHead, hash, bytes));
    stagedRecords.add(record);
    if (stagedFrontier == null) {
      // Copied once per batch, so that a failed or conflicting append leaves the tree untouched.
      stagedFrontier = frontier.copy();
    }
    stagedFrontier.append(hash);
    stagedSize++;
    stagedHead = hash;
    stagedTimestamp = timestamp;
  }

  /**
   * A record the state decided, for a retry or a query: staged in the batch being decided, or
   * read back from the store.
   */
  private LedgerRecord recordAt(long sequence) {
    if (sequence >= size && sequence - size < stagedRecords.size()) {
      return stagedRecords.get((int) (sequence - size));
    }
    InFlight f = inflight;
    if (f != null && sequence >= f.start && sequence - f.start < f.decoded.size()) {
      return f.decoded.get((int) (sequence - f.start));
    }
    // The store is read only when nothing is being appended to it.
    drain();
    LedgerRecord[] found = new LedgerRecord[1];
    try {
      store.read(sequence, sequence + 1, r -> found[0] = LedgerRecord.decode(r.bytes()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read back record " + sequence, e);
    }
    if (found[0] == null || found[0].sequence() != sequence) {
      throw new IllegalStateException("the store does not give back record " + sequence);
    }
    return found[0];
  }

  private int expire(long timestamp) {
    List<TransferId> due = state.due(timestamp);
    if (due.isEmpty()) {
      return 0;
    }
    String problem = state.expire(due, timestamp);
    if (problem != null) {
      throw new AssertionError("due transfers must expire: " + problem);
    }
    stage(new LedgerRecord.Expired(due), timestamp);
    return due.size();
  }

  @SuppressWarnings("unchecked")
  private <R> R decide(Command<R> command) {
    long ts = nextTimestamp();
    if (expire(ts) > 0) {
      ts = nextTimestamp();
    }
    if (command instanceof Command.OpenAccount c) {
      BranchState.Decision<AccountResult> d = state.open(c, ts);
      if (d.journal()) {
        stage(new LedgerRecord.AccountOpened(c), ts);
      }
      return (R) d.result();
    } else if (command instanceof Command.ChangeAccountStatus c) {
      BranchState.Decision<AccountResult> d = state.changeStatus(c, ts);
      if (d.journal()) {
        stage(new LedgerRecord.AccountStatusChanged(c), ts);
      }
      return (R) d.result();
    } else if (command instanceof Command.TransferGroup g) {
      BranchState.Decision<List<TransferResult>> d = state.transfers(g, stagedSize, ts);
      if (d.journal()) {
        stage(new LedgerRecord.Transfers(g, d.rejection()), ts);
      }
      return (R) d.result();
    } else if (command instanceof Command.Note n) {
      long sequence = stagedSize;
      stage(new LedgerRecord.Noted(n), ts);
      return (R) new NoteResult(sequence, ts);
    }
    throw new AssertionError("unknown command " + command);
  }

  // ---- tasks ----

  private abstract static class Task {
    /** Decides, in the writer thread; may stage records. Runs again after a conflict. */
    abstract void run(BranchJournal journal);

    /** After the batch is durable, in the writer thread, before the next batch changes state. */
    void settle(BranchJournal journal) {}

    /** In the notifier thread, after {@link #settle}: completes the future. */
    abstract void deliver();

    abstract void fail(Throwable e);
  }

  private abstract static class ValueTask<T> extends Task {
    final CompletableFuture<T> future = new CompletableFuture<>();
    T value;
    RuntimeException error;

    @Override
    void deliver() {
      if (error != null) {
        future.completeExceptionally(error);
      } else {
        future.complete(value);
      }
    }

    @Override
    void fail(Throwable e) {
      future.completeExceptionally(e);
    }
  }

  private static final class CommandTask<R> extends ValueTask<R> {
    private final Command<R> command;

    CommandTask(Command<R> command) {
      this.command = command;
    }

    @Override
    void run(BranchJournal journal) {
      // A retry whose record cannot be read back fails alone: the state reads before it changes
      // anything (an expiry staged before it stands on its own). Other failures stop the journal.
      error = null;
      try {
        value = journal.decide(command);
      } catch (UncheckedIOException e) {
        error = e;
      }
    }
  }

  private static final class BulkTask extends ValueTask<List<Object>> {
    private final List<Command<?>> commands;

    BulkTask(List<Command<?>> commands) {
      this.commands = commands;
    }

    @Override
    void run(BranchJournal journal) {
      List<Object> results = new ArrayList<>(commands.size());
      for (Command<?> c : commands) {
        results.add(journal.decide(c));
      }
      value = results;
    }
  }

  private static final class QueryTask<T> extends ValueTask<T> {
    private final Function<BranchState, T> query;

    QueryTask(Function<BranchState, T> query) {
      this.query = query;
    }

    @Override
    void run(BranchJournal journal) {
      // A query changes nothing: if it cannot be answered (the store cannot give a record back,
      // or the record disagrees with the state), only the query fails.
      error = null;
      try {
        value = query.apply(journal.state);
      } catch (RuntimeException e) {
        error = e;
      }
    }
  }

  private static final class ExpiryTask extends ValueTask<Integer> {
    @Override
    void run(BranchJournal journal) {
      value = journal.expire(journal.nextTimestamp());
    }
  }

  /** Computes its value once the batch is durable and committed, when state, size and head agree. */
  private static final class AfterDurableTask<T> extends ValueTask<T> {
    private final Function<BranchJournal, T> action;

    AfterDurableTask(Function<BranchJournal, T> action) {
      this.action = action;
    }

    @Override
    void run(BranchJournal journal) {}

    @Override
    void settle(BranchJournal journal) {
      try {
        value = action.apply(journal);
      } catch (RuntimeException e) {
        error = e;
      }
    }
  }

  /** A task that decides and delivers nothing: the base of the writer's signals. */
  private static class Signal extends Task {
    @Override
    void run(BranchJournal journal) {}

    @Override
    void deliver() {}

    @Override
    void fail(Throwable e) {}
  }

  /** Tells the writer that an append is done. */
  private static final class Wake extends Signal {
    static final Wake INSTANCE = new Wake();
  }

  /** Tells the writer to stop after the tasks before it. */
  private static final class Poison extends Signal {}
}
