package org.moralbank.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.moralbank.ledger.AccountFlag;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.AccountKind;
import org.moralbank.ledger.AccountStatus;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.LedgerRecord;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.RejectionReason;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.TransferRequest;

/**
 * A branch's accounts rebuilt from verified records, for statements: each account's posted and
 * pending totals, and every pending transfer not yet posted, voided or expired. It applies the
 * outcome each record states; the verifier has already replayed the rules, so nothing is decided
 * here. Every change is reported to an {@link EntryListener} right after it is applied, so that
 * the listener sees the balances as they stand after that entry.
 */
final class Books {
  /** One account's totals in minutes. */
  static final class AccountBook {
    final AccountId id;
    final AccountKind kind;
    final Set<AccountFlag> flags;
    final Optional<Minutes> debitLimit;
    final long openedAt;
    AccountStatus status = AccountStatus.OPEN;
    long debitsPending;
    long debitsPosted;
    long creditsPending;
    long creditsPosted;

    AccountBook(Command.OpenAccount c, long openedAt) {
      this.id = c.id();
      this.kind = c.kind();
      this.flags = c.flags();
      this.debitLimit = c.debitLimit();
      this.openedAt = openedAt;
    }

    /** Posted credits less posted debits. */
    long balance() {
      return creditsPosted - debitsPosted;
    }

    /** The balance less pending debits. */
    long available() {
      return creditsPosted - debitsPosted - debitsPending;
    }
  }

  /**
   * One entry of a statement: an account event, or a transfer event.
   *
   * @param type {@code account-opened}, {@code account-status-changed}, {@code single}, {@code
   *     pending}, {@code post-pending}, {@code void-pending} or {@code expiry}
   * @param status for accounts the new status; for transfers {@code posted}, {@code pending},
   *     {@code voided}, {@code expired} or {@code rejected}
   * @param transfer the transfer's id; for an expiry, the pending transfer's
   * @param debit the debited account (for account events, the account)
   * @param credit the credited account, or null for account events
   * @param amount minutes moved, reserved or released
   * @param pending for post, void and expiry: the pending transfer
   */
  record Entry(long sequence, long timestamp, String type, String status, TransferId transfer,
      AccountId debit, AccountId credit, long amount, int code, String reference,
      TransferId corrects, TransferId pending, RejectionReason rejection) {}

  /** Told of every entry, after it is applied. */
  @FunctionalInterface
  interface EntryListener {
    void entry(Entry e, Books books);
  }

  private record PendingTransfer(AccountId debit, AccountId credit, long amount, int code,
      String reference) {}

  private final TreeMap<AccountId, AccountBook> accounts = new TreeMap<>();
  /** Every pending transfer created, kept after it is resolved so that rejections can name it. */
  private final Map<TransferId, PendingTransfer> pending = new HashMap<>();
  private final EntryListener listener;

  Books(EntryListener listener) {
    this.listener = listener;
  }

  /** Accounts by id. */
  Map<AccountId, AccountBook> accounts() {
    return accounts;
  }

  AccountBook account(AccountId id) {
    return accounts.get(id);
  }

  void apply(LedgerRecord record) {
    LedgerRecord.Body body = record.body();
    long seq = record.sequence();
    long ts = record.timestamp();
    if (body instanceof LedgerRecord.AccountOpened o) {
      AccountBook a = new AccountBook(o.command(), ts);
      accounts.put(a.id, a);
      emit(new Entry(seq, ts, "account-opened", RecordView.name(AccountStatus.OPEN), null, a.id,
          null, 0, 0, null, null, null, null));
    } else if (body instanceof LedgerRecord.AccountStatusChanged c) {
      AccountBook a = accounts.get(c.command().id());
      a.status = c.command().status();
      emit(new Entry(seq, ts, "account-status-changed", RecordView.name(a.status), null, a.id,
          null, 0, 0, null, null, null, null));
    } else if (body instanceof LedgerRecord.Transfers t) {
      if (t.rejection().isPresent()) {
        LedgerRecord.Rejection r = t.rejection().get();
        for (int i = 0; i < t.group().transfers().size(); i++) {
          rejected(seq, ts, t.group().transfers().get(i),
              i == r.index() ? r.reason() : RejectionReason.LINKED_TRANSFER_FAILED);
        }
      } else {
        for (TransferRequest request : t.group().transfers()) {
          applied(seq, ts, request);
        }
      }
    } else if (body instanceof LedgerRecord.Expired e) {
      for (TransferId id : e.pendingIds()) {
        PendingTransfer p = pending.get(id);
        release(p);
        emit(new Entry(seq, ts, "expiry", "expired", id, p.debit, p.credit, p.amount, p.code,
            p.reference, null, id, null));
      }
    }
  }

  private void applied(long seq, long ts, TransferRequest request) {
    if (request instanceof TransferRequest.Single s) {
      long amount = s.amount().value();
      accounts.get(s.debit()).debitsPosted += amount;
      accounts.get(s.credit()).creditsPosted += amount;
      emit(new Entry(seq, ts, "single", "posted", s.id(), s.debit(), s.credit(), amount, s.code(),
          s.reference(), s.corrects().orElse(null), null, null));
    } else if (request instanceof TransferRequest.Pending p) {
      long amount = p.amount().value();
      accounts.get(p.debit()).debitsPending += amount;
      accounts.get(p.credit()).creditsPending += amount;
      pending.put(p.id(), new PendingTransfer(p.debit(), p.credit(), amount, p.code(), p.reference()));
      emit(new Entry(seq, ts, "pending", "pending", p.id(), p.debit(), p.credit(), amount,
          p.code(), p.reference(), p.corrects().orElse(null), null, null));
    } else if (request instanceof TransferRequest.PostPending post) {
      PendingTransfer p = pending.get(post.pendingId());
      release(p);
      long amount = post.amount().map(Minutes::value).orElse(p.amount);
      accounts.get(p.debit).debitsPosted += amount;
      accounts.get(p.credit).creditsPosted += amount;
      emit(new Entry(seq, ts, "post-pending", "posted", post.id(), p.debit, p.credit, amount,
          p.code, p.reference, null, post.pendingId(), null));
    } else if (request instanceof TransferRequest.VoidPending v) {
      PendingTransfer p = pending.get(v.pendingId());
      release(p);
      emit(new Entry(seq, ts, "void-pending", "voided", v.id(), p.debit, p.credit, p.amount,
          p.code, p.reference, null, v.pendingId(), null));
    }
  }

  private void rejected(long seq, long ts, TransferRequest request, RejectionReason reason) {
    if (request instanceof TransferRequest.Single s) {
      emit(new Entry(seq, ts, "single", "rejected", s.id(), s.debit(), s.credit(),
          s.amount().value(), s.code(), s.reference(), s.corrects().orElse(null), null, reason));
    } else if (request instanceof TransferRequest.Pending p) {
      emit(new Entry(seq, ts, "pending", "rejected", p.id(), p.debit(), p.credit(),
          p.amount().value(), p.code(), p.reference(), p.corrects().orElse(null), null, reason));
    } else if (request instanceof TransferRequest.PostPending post) {
      PendingTransfer p = pending.get(post.pendingId());
      if (p != null) {
        emit(new Entry(seq, ts, "post-pending", "rejected", post.id(), p.debit, p.credit,
            post.amount().map(Minutes::value).orElse(p.amount), p.code, p.reference, null,
            post.pendingId(), reason));
      }
    } else if (request instanceof TransferRequest.VoidPending v) {
      PendingTransfer p = pending.get(v.pendingId());
      if (p != null) {
        emit(new Entry(seq, ts, "void-pending", "rejected", v.id(), p.debit, p.credit, p.amount,
            p.code, p.reference, null, v.pendingId(), reason));
      }
    }
  }

  private void release(PendingTransfer p) {
    accounts.get(p.debit).debitsPending -= p.amount;
    accounts.get(p.credit).creditsPending -= p.amount;
  }

  private void emit(Entry e) {
    listener.entry(e, this);
  }
}
