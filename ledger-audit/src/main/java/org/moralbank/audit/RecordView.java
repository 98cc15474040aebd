package org.moralbank.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.io.BaseEncoding;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.LedgerRecord;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.TransferRequest;

/**
 * The readable JSON view of a record's body, as the export schema (docs/auditors-guide.md)
 * defines it. A view is derived from the canonical bytes and never trusted on its own.
 */
final class RecordView {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private RecordView() {}

  /** {@code SOME_NAME} as {@code some-name}: how the view spells enum constants. */
  static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static ObjectNode of(LedgerRecord record) {
    LedgerRecord.Body body = record.body();
    ObjectNode o = JSON.objectNode();
    if (body instanceof LedgerRecord.Genesis g) {
      o.put("type", "genesis");
      o.put("algorithm", g.algorithm().displayName());
      o.put("bank", g.bankId());
      o.put("branch", g.branchId());
    } else if (body instanceof LedgerRecord.AccountOpened a) {
      Command.OpenAccount c = a.command();
      o.put("type", "account-opened");
      o.put("account", c.id().toString());
      o.put("kind", name(c.kind()));
      ArrayNode flags = o.putArray("flags");
      c.flags().stream().sorted(Comparator.naturalOrder()).map(RecordView::name).forEach(flags::add);
      putMinutes(o, "debitLimit", c.debitLimit());
    } else if (body instanceof LedgerRecord.AccountStatusChanged s) {
      o.put("type", "account-status-changed");
      o.put("account", s.command().id().toString());
      o.put("status", name(s.command().status()));
    } else if (body instanceof LedgerRecord.Transfers t) {
      o.put("type", "transfers");
      ArrayNode transfers = o.putArray("transfers");
      for (TransferRequest r : t.group().transfers()) {
        transfers.add(transfer(r));
      }
      if (t.rejection().isPresent()) {
        LedgerRecord.Rejection r = t.rejection().get();
        ObjectNode rejection = o.putObject("rejection");
        rejection.put("index", r.index());
        rejection.put("reason", name(r.reason()));
        rejection.put("code", r.reason().code());
      } else {
        o.putNull("rejection");
      }
    } else if (body instanceof LedgerRecord.Noted n) {
      o.put("type", "note");
      o.put("kind", n.note().kind());
      o.put("payload", BaseEncoding.base64().encode(n.note().payload()));
    } else if (body instanceof LedgerRecord.Expired e) {
      o.put("type", "expired");
      ArrayNode ids = o.putArray("pending");
      for (TransferId id : e.pendingIds()) {
        ids.add(id.toString());
      }
    } else {
      throw new AssertionError("unknown body " + body);
    }
    return o;
  }

  private static ObjectNode transfer(TransferRequest r) {
    ObjectNode o = JSON.objectNode();
    if (r instanceof TransferRequest.Single s) {
      o.put("kind", "single");
      movement(o, s.id(), s.debit().toString(), s.credit().toString(), s.amount(), s.code(),
          s.corrects(), s.reference());
    } else if (r instanceof TransferRequest.Pending p) {
      o.put("kind", "pending");
      movement(o, p.id(), p.debit().toString(), p.credit().toString(), p.amount(), p.code(),
          p.corrects(), p.reference());
      o.put("timeout", p.timeout().toNanos());
    } else if (r instanceof TransferRequest.PostPending p) {
      o.put("kind", "post-pending");
      o.put("id", p.id().toString());
      o.put("pending", p.pendingId().toString());
      putMinutes(o, "amount", p.amount());
    } else if (r instanceof TransferRequest.VoidPending v) {
      o.put("kind", "void-pending");
      o.put("id", v.id().toString());
      o.put("pending", v.pendingId().toString());
    } else {
      throw new AssertionError("unknown transfer " + r);
    }
    return o;
  }

  private static void movement(ObjectNode o, TransferId id, String debit, String credit,
      Minutes amount, int code, Optional<TransferId> corrects, String reference) {
    o.put("id", id.toString());
    o.put("debit", debit);
    o.put("credit", credit);
    o.put("amount", amount.value());
    o.put("code", code);
    if (corrects.isPresent()) {
      o.put("corrects", corrects.get().toString());
    } else {
      o.putNull("corrects");
    }
    o.put("reference", reference);
  }

  private static void putMinutes(ObjectNode o, String field, Optional<Minutes> minutes) {
    if (minutes.isPresent()) {
      o.put(field, minutes.get().value());
    } else {
      o.putNull(field);
    }
  }

  /** A one-line summary for people, e.g. in check-receipt's output. */
  static String summary(LedgerRecord record) {
    LedgerRecord.Body body = record.body();
    if (body instanceof LedgerRecord.Transfers t) {
      List<TransferRequest> list = t.group().transfers();
      String outcome = t.rejection()
          .map(r -> "rejected (transfer " + r.index() + ": " + name(r.reason()) + ")")
          .orElse("applied");
      if (list.size() == 1 && list.get(0) instanceof TransferRequest.Single s) {
        return "transfer " + s.id() + ": " + s.amount() + " from " + s.debit() + " to "
            + s.credit() + ", " + outcome;
      }
      return "a group of " + list.size() + " transfers, " + outcome;
    }
    return of(record).get("type").asText();
  }
}
