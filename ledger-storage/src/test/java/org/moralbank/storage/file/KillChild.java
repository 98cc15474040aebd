package org.moralbank.storage.file;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.BranchJournal;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.TransferRequest;
import org.moralbank.ledger.TransferResult;
import org.moralbank.ledger.store.ForwardingJournalStore;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.ledger.store.JournalStore;

/**
 * The child process of {@link KillTest}: opens the branch journal in {@code args[0]} and submits
 * transfer groups until it is killed. On stdout it announces each batch before it goes to the
 * store ({@code batch <from> <count>;}), each batch the store made durable ({@code durable
 * <size>;}), and each acknowledged group with its outcome ({@code ack <id>=<C|R>,...;}), flushing
 * after every line; a line without its final {@code ;} was cut by the kill.
 */
final class KillChild {
  static final long SEGMENT_SIZE = 16 << 10;
  static final AccountId FUND = AccountId.of(1);
  static final List<AccountId> MEMBERS =
      List.of(AccountId.of(11), AccountId.of(12), AccountId.of(13), AccountId.of(14));

  private KillChild() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    PrintStream out = System.out;
    Random random = new Random(Long.parseLong(args[1]));
    JournalStore store = new Announcing(FileJournalStore.open(Path.of(args[0]), SEGMENT_SIZE), out);
    BranchJournal journal = BranchJournal.openOrCreate(store, KillTest.CONFIG);
    journal.execute(Command.OpenAccount.fund(FUND));
    for (AccountId m : MEMBERS) {
      journal.execute(Command.OpenAccount.member(m));
    }
    say(out, "ready;");
    Semaphore inFlight = new Semaphore(32);
    for (long n = 1; ; n++) {
      inFlight.acquire();
      Command.TransferGroup group = randomGroup(random);
      journal.submit(group).whenComplete((results, failure) -> {
        if (failure == null) {
          StringBuilder line = new StringBuilder("ack ");
          for (TransferResult r : results) {
            line.append(r.id()).append(r instanceof TransferResult.Created ? "=C," : "=R,");
          }
          say(out, line.append(';').toString());
        }
        inFlight.release();
      });
      if (n % 400 == 0) {
        journal.snapshot();
      }
    }
  }

  private static Command.TransferGroup randomGroup(Random random) {
    List<TransferRequest> transfers = new ArrayList<>();
    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
      AccountId credit = MEMBERS.get(random.nextInt(MEMBERS.size()));
      AccountId debit = random.nextInt(3) == 0 ? FUND : MEMBERS.get(random.nextInt(MEMBERS.size()));
      if (debit.equals(credit)) {
        debit = FUND;
      }
      transfers.add(TransferRequest.Single.of(
          TransferId.random(), debit, credit, Minutes.of(1 + random.nextInt(90)), 1));
    }
    return new Command.TransferGroup(transfers);
  }

  private static void say(PrintStream out, String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  /** Announces each batch around the real store's append. */
  private static final class Announcing extends ForwardingJournalStore {
    private final PrintStream out;

    Announcing(JournalStore store, PrintStream out) {
      super(store);
      this.out = out;
    }

    @Override
    public void append(List<JournalRecord> batch) throws IOException {
      say(out, "batch " + batch.get(0).sequence() + " " + batch.size() + ";");
      delegate().append(batch);
      say(out, "durable " + delegate().size() + ";");
    }
  }
}
