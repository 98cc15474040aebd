package org.moralbank.examples.demo;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.LedgerRecord;
import org.moralbank.ledger.TransferRequest;
import org.moralbank.storage.file.FileJournalStore;

/**
 * A digest of everything a journal says except the 128-bit ids that the time-bank module draws
 * from {@code SecureRandom} (transfer ids, and the operation ids in note payloads and transfer
 * references): sequences, timestamps, accounts, amounts, codes, outcomes, note kinds and payloads
 * with those ids masked. Two runs with the same seed give the same shape; their head hashes
 * differ only because of those ids, which the timebank API does not let a caller choose.
 */
final class JournalShape {
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

  private JournalShape() {}

  static String of(Path journal) throws IOException {
    Hasher h = Hashing.sha256().newHasher();
    try (FileJournalStore store = FileJournalStore.open(journal)) {
      store.read(0, store.size(), r -> add(h, LedgerRecord.decode(r.bytes())));
    }
    return h.hash().toString();
  }

  private static void add(Hasher h, LedgerRecord r) {
    h.putLong(r.sequence()).putLong(r.timestamp());
    LedgerRecord.Body body = r.body();
    h.putUnencodedChars(body.getClass().getSimpleName());
    if (body instanceof LedgerRecord.Genesis g) {
      h.putUnencodedChars(g.toString());
    } else if (body instanceof LedgerRecord.AccountOpened o) {
      account(h, o.command().id());
      h.putUnencodedChars(o.command().kind().name()).putUnencodedChars(o.command().flags().toString());
    } else if (body instanceof LedgerRecord.AccountStatusChanged c) {
      account(h, c.command().id());
      h.putUnencodedChars(c.command().status().name());
    } else if (body instanceof LedgerRecord.Transfers t) {
      for (TransferRequest q : t.group().transfers()) {
        transfer(h, q);
      }
      h.putUnencodedChars(t.rejection().map(Object::toString).orElse("applied"));
    } else if (body instanceof LedgerRecord.Noted n) {
      h.putInt(n.note().kind());
      h.putUnencodedChars(masked(new String(n.note().payload(), StandardCharsets.UTF_8)));
    } else if (body instanceof LedgerRecord.Expired e) {
      h.putInt(e.pendingIds().size());
    }
  }

  private static void transfer(Hasher h, TransferRequest q) {
    h.putUnencodedChars(q.getClass().getSimpleName());
    if (q instanceof TransferRequest.Single s) {
      account(h, s.debit());
      account(h, s.credit());
      h.putLong(s.amount().value()).putInt(s.code()).putBoolean(s.corrects().isPresent());
      h.putUnencodedChars(masked(s.reference()));
    } else if (q instanceof TransferRequest.Pending p) {
      account(h, p.debit());
      account(h, p.credit());
      h.putLong(p.amount().value()).putInt(p.code()).putLong(p.timeout().toNanos());
      h.putUnencodedChars(masked(p.reference()));
    } else if (q instanceof TransferRequest.PostPending p) {
      h.putLong(p.amount().map(m -> m.value()).orElse(-1L));
    }
  }

  private static void account(Hasher h, AccountId a) {
    h.putLong(a.high()).putLong(a.low());
  }

  private static String masked(String text) {
    return ID.matcher(text).replaceAll("#");
  }
}
