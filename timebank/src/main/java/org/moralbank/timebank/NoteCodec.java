package org.moralbank.timebank;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.TransferId;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.policy.Policies;
import org.moralbank.timebank.policy.Weight;

/**
 * Version 1 of the note payloads: canonical JSON (docs/timebank.md, "Journal payloads").
 *
 * <p>Canonical means: one object, keys sorted by code point, no whitespace, integers only,
 * absent optional fields omitted (never {@code null}), strings as Jackson writes them in UTF-8.
 * The key {@code "v"} holds the payload version. A decoder accepts only bytes that re-encode to
 * themselves, so two encodings of one note cannot both be valid.
 */
final class NoteCodec {
  static final int VERSION = 1;
  static final int FIRST_KIND = 0x0100;
  static final int LAST_KIND = 0x01FF;

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private NoteCodec() {}

  static boolean ours(int kind) {
    return kind >= FIRST_KIND && kind <= LAST_KIND;
  }

  static Command.Note encode(DomainNote note) {
    return new Command.Note(note.kind(), bytes(write(note)));
  }

  static byte[] bytes(ObjectNode o) {
    try {
      return JSON.writeValueAsBytes(canonical(o));
    } catch (JsonProcessingException e) {
      throw new AssertionError("a tree of strings, numbers and booleans always serialises", e);
    }
  }

  private static JsonNode canonical(JsonNode n) {
    if (n.isObject()) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      n.properties().forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
      ObjectNode out = NODES.objectNode();
      sorted.forEach(out::set);
      return out;
    }
    if (n.isArray()) {
      ArrayNode out = NODES.arrayNode();
      n.forEach(e -> out.add(canonical(e)));
      return out;
    }
    return n;
  }

  // ---- encoding ----

  private static ObjectNode write(DomainNote note) {
    Out o = new Out();
    o.num("v", VERSION);
    if (note instanceof DomainNote.BranchOpened n) {
      o.str("branch", n.branch()).str("kind", n.level().name()).opt("parent", n.parent()).str("name", n.name());
    } else if (note instanceof DomainNote.BranchClosed n) {
      o.str("branch", n.branch());
    } else if (note instanceof DomainNote.MemberEnrolled n) {
      o.id("op", n.op()).member("member", n.member()).optMember("consent", n.consent());
    } else if (note instanceof DomainNote.ServiceProposed n) {
      o.id("op", n.op()).members("volunteers", n.volunteers()).bool("group", n.group()).str("type", n.type())
          .num("catalogue", n.catalogue()).str("weight", n.weight().toString())
          .str("start", n.start().toString()).str("end", n.end().toString())
          .num("minutes", n.minutes()).num("credit", n.credit()).num("remainder", n.remainder())
          .optMember("beneficiary", n.beneficiary()).member("recorder", n.recorder())
          .members("consents", n.consents()).str("mode", n.mode().name()).num("quorum", n.quorum())
          .str("reviewBy", n.reviewBy().toString());
    } else if (note instanceof DomainNote.ServiceReviewed n) {
      o.id("op", n.op()).num("proposal", n.proposal()).member("reviewer", n.reviewer())
          .str("vote", n.approve() ? "approve" : "reject").str("reason", n.reason())
          .str("decision", n.decision().name());
    } else if (note instanceof DomainNote.ProposalExpired n) {
      o.num("proposal", n.proposal());
    } else if (note instanceof DomainNote.Deducted n) {
      o.id("op", n.op()).member("member", n.member()).num("minutes", n.minutes()).str("reason", n.reason())
          .member("reviewer", n.reviewer())
          .opt("proposal", n.proposal().map(ProposalRef::toString));
    } else if (note instanceof DomainNote.Booked n) {
      o.id("op", n.op()).member("redeemer", n.redeemer()).optMember("provider", n.provider())
          .str("item", n.item()).num("minutes", n.minutes()).optMember("consent", n.consent());
    } else if (note instanceof DomainNote.BookingSettled n) {
      o.id("op", n.op()).num("booking", n.booking()).str("outcome", n.delivered() ? "delivered" : "cancelled")
          .member("by", n.by());
    } else if (note instanceof DomainNote.Gifted n) {
      o.id("op", n.op()).member("giver", n.giver()).member("recipient", n.recipient()).num("minutes", n.minutes())
          .str("basis", n.basis()).optMember("consent", n.consent());
    } else if (note instanceof DomainNote.Donated n) {
      o.id("op", n.op()).member("donor", n.donor()).num("fromDonateOnly", n.fromDonateOnly())
          .num("fromMain", n.fromMain()).optMember("consent", n.consent());
    } else if (note instanceof DomainNote.GrantRequested n) {
      o.id("op", n.op()).member("member", n.member()).num("minutes", n.minutes());
    } else if (note instanceof DomainNote.GrantsAllocated n) {
      ArrayNode grants = NODES.arrayNode();
      for (DomainNote.Allocation a : n.grants()) {
        grants.add(new Out().num("request", a.request()).member("member", a.member())
            .num("minutes", a.minutes()).str("category", a.category().name()).node);
      }
      o.id("op", n.op()).member("reviewer", n.reviewer());
      o.node.set("grants", grants);
    } else if (note instanceof DomainNote.HoursRetired n) {
      o.id("op", n.op()).member("member", n.member()).str("rule", n.inactivity() ? "inactivity" : "expiry")
          .num("fromMain", n.fromMain()).num("fromDonateOnly", n.fromDonateOnly());
    } else if (note instanceof DomainNote.ClearingLeg n) {
      ArrayNode debits = NODES.arrayNode();
      n.debitTransfers().forEach(t -> debits.add(t.toString()));
      o.id("xop", n.xop()).id("cause", n.cause()).num("code", n.code().code())
          .str("role", n.debit() ? "debit" : "credit").str("counterpart", n.counterpart())
          .id("creditTransfer", n.creditTransfer()).str("creditAccount", n.creditAccount().toString())
          .num("amount", n.amount()).bool("await", n.await());
      o.node.set("debitTransfers", debits);
    } else {
      throw new AssertionError("unknown note " + note);
    }
    return o.node;
  }

  private static final class Out {
    final ObjectNode node = NODES.objectNode();

    Out str(String k, String v) {
      node.put(k, v);
      return this;
    }

    Out num(String k, long v) {
      node.put(k, v);
      return this;
    }

    Out bool(String k, boolean v) {
      node.put(k, v);
      return this;
    }

    Out id(String k, TransferId v) {
      return str(k, v.toString());
    }

    Out member(String k, MemberId v) {
      return str(k, v.value());
    }

    Out opt(String k, Optional<String> v) {
      v.ifPresent(s -> node.put(k, s));
      return this;
    }

    Out optMember(String k, Optional<MemberId> v) {
      return opt(k, v.map(MemberId::value));
    }

    Out members(String k, List<MemberId> v) {
      ArrayNode a = node.putArray(k);
      v.forEach(m -> a.add(m.value()));
      return this;
    }
  }

  // ---- decoding ----

  /**
   * Decodes the payload of a note of one of our kinds.
   *
   * @throws MalformedNoteException if it is not the canonical payload of that kind and version
   */
  static DomainNote decode(int kind, byte[] payload) {
    JsonNode tree;
    try {
      tree = JSON.readTree(payload);
    } catch (IOException e) {
      throw new MalformedNoteException("note kind " + kind + " is not JSON: " + e.getMessage(), e);
    }
    if (tree == null || !tree.isObject()) {
      throw new MalformedNoteException("note kind " + kind + " is not a JSON object", null);
    }
    if (!Arrays.equals(bytes((ObjectNode) tree), payload)) {
      throw new MalformedNoteException("note kind " + kind + " is not canonical JSON", null);
    }
    In in = new In(tree, kind);
    long v = in.num("v");
    if (v != VERSION) {
      throw new MalformedNoteException("note kind " + kind + " has version " + v + "; this library reads " + VERSION, null);
    }
    try {
      DomainNote note = read(kind, in);
      in.done();
      return note;
    } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
      throw new MalformedNoteException("note kind " + kind + ": " + e.getMessage(), e);
    }
  }

  private static DomainNote read(int kind, In i) {
    switch (kind) {
      case DomainNote.BRANCH_OPENED:
        return new DomainNote.BranchOpened(
            i.str("branch"), BranchKind.valueOf(i.str("kind")), i.opt("parent"), i.str("name"));
      case DomainNote.BRANCH_CLOSED:
        return new DomainNote.BranchClosed(i.str("branch"));
      case DomainNote.MEMBER_ENROLLED:
        return new DomainNote.MemberEnrolled(i.id("op"), i.member("member"), i.optMember("consent"));
      case DomainNote.SERVICE_PROPOSED:
        return new DomainNote.ServiceProposed(
            i.id("op"), i.members("volunteers"), i.bool("group"), i.str("type"), (int) i.num("catalogue"),
            Weight.parse(i.str("weight")), Instant.parse(i.str("start")), Instant.parse(i.str("end")),
            i.num("minutes"), i.num("credit"), i.num("remainder"), i.optMember("beneficiary"),
            i.member("recorder"), i.members("consents"), Policies.ApprovalMode.valueOf(i.str("mode")),
            (int) i.num("quorum"), Instant.parse(i.str("reviewBy")));
      case DomainNote.SERVICE_REVIEWED:
        return new DomainNote.ServiceReviewed(
            i.id("op"), i.num("proposal"), i.member("reviewer"), i.choice("vote", "approve", "reject"),
            i.str("reason"), DomainNote.Decision.valueOf(i.str("decision")));
      case DomainNote.PROPOSAL_EXPIRED:
        return new DomainNote.ProposalExpired(i.num("proposal"));
      case DomainNote.DEDUCTED:
        return new DomainNote.Deducted(
            i.id("op"), i.member("member"), i.num("minutes"), i.str("reason"), i.member("reviewer"),
            i.opt("proposal").map(NoteCodec::proposalRef));
      case DomainNote.BOOKED:
        return new DomainNote.Booked(
            i.id("op"), i.member("redeemer"), i.optMember("provider"), i.str("item"), i.num("minutes"),
            i.optMember("consent"));
      case DomainNote.BOOKING_SETTLED:
        return new DomainNote.BookingSettled(
            i.id("op"), i.num("booking"), i.choice("outcome", "delivered", "cancelled"), i.member("by"));
      case DomainNote.GIFTED:
        return new DomainNote.Gifted(
            i.id("op"), i.member("giver"), i.member("recipient"), i.num("minutes"), i.str("basis"),
            i.optMember("consent"));
      case DomainNote.DONATED:
        return new DomainNote.Donated(
            i.id("op"), i.member("donor"), i.num("fromDonateOnly"), i.num("fromMain"), i.optMember("consent"));
      case DomainNote.GRANT_REQUESTED:
        return new DomainNote.GrantRequested(i.id("op"), i.member("member"), i.num("minutes"));
      case DomainNote.GRANTS_ALLOCATED: {
        List<DomainNote.Allocation> grants = new ArrayList<>();
        for (In g : i.objects("grants")) {
          grants.add(new DomainNote.Allocation(
              g.num("request"), g.member("member"), g.num("minutes"),
              Policies.GrantCategory.valueOf(g.str("category"))));
          g.done();
        }
        return new DomainNote.GrantsAllocated(i.id("op"), i.member("reviewer"), grants);
      }
      case DomainNote.HOURS_RETIRED:
        return new DomainNote.HoursRetired(
            i.id("op"), i.member("member"), i.choice("rule", "inactivity", "expiry"), i.num("fromMain"),
            i.num("fromDonateOnly"));
      case DomainNote.CLEARING_LEG: {
        TransferCode code = TransferCode.fromCode((int) i.num("code"));
        if (code == null) {
          throw new IllegalArgumentException("unknown transfer code");
        }
        return new DomainNote.ClearingLeg(
            i.id("xop"), i.id("cause"), code, i.choice("role", "debit", "credit"), i.str("counterpart"),
            i.strings("debitTransfers").stream().map(TransferId::parse).toList(), i.id("creditTransfer"),
            AccountId.parse(i.str("creditAccount")), i.num("amount"), i.bool("await"));
      }
      default:
        throw new MalformedNoteException("unknown time-bank note kind " + kind, null);
    }
  }

  static ProposalRef proposalRef(String text) {
    int hash = text.lastIndexOf('#');
    if (hash < 1) {
      throw new IllegalArgumentException("a proposal reference is branch#sequence: " + text);
    }
    return new ProposalRef(text.substring(0, hash), Long.parseLong(text.substring(hash + 1)));
  }

  /** Reads fields of one object, remembering which were read so that {@link #done} finds strays. */
  private static final class In {
    final JsonNode node;
    final int kind;
    final Set<String> read = new HashSet<>();

    In(JsonNode node, int kind) {
      this.node = node;
      this.kind = kind;
    }

    private JsonNode field(String k) {
      JsonNode v = node.get(k);
      if (v == null) {
        throw new MalformedNoteException("note kind " + kind + " lacks field " + k, null);
      }
      read.add(k);
      return v;
    }

    private <T> T typed(String k, boolean ok, JsonNode v, Function<JsonNode, T> f) {
      if (!ok) {
        throw new MalformedNoteException("note kind " + kind + " field " + k + " has the wrong type", null);
      }
      return f.apply(v);
    }

    String str(String k) {
      JsonNode v = field(k);
      return typed(k, v.isTextual(), v, JsonNode::textValue);
    }

    long num(String k) {
      JsonNode v = field(k);
      return typed(k, v.isIntegralNumber() && v.canConvertToLong(), v, JsonNode::longValue);
    }

    boolean bool(String k) {
      JsonNode v = field(k);
      return typed(k, v.isBoolean(), v, JsonNode::booleanValue);
    }

    boolean choice(String k, String yes, String no) {
      String s = str(k);
      if (!s.equals(yes) && !s.equals(no)) {
        throw new MalformedNoteException("note kind " + kind + " field " + k + " is neither " + yes + " nor " + no, null);
      }
      return s.equals(yes);
    }

    Optional<String> opt(String k) {
      return node.has(k) ? Optional.of(str(k)) : Optional.empty();
    }

    TransferId id(String k) {
      return TransferId.parse(str(k));
    }

    MemberId member(String k) {
      return MemberId.of(str(k));
    }

    Optional<MemberId> optMember(String k) {
      return opt(k).map(MemberId::of);
    }

    List<String> strings(String k) {
      JsonNode v = field(k);
      if (!v.isArray()) {
        throw new MalformedNoteException("note kind " + kind + " field " + k + " is not a list", null);
      }
      List<String> out = new ArrayList<>();
      for (JsonNode e : v) {
        out.add(typed(k, e.isTextual(), e, JsonNode::textValue));
      }
      return out;
    }

    List<MemberId> members(String k) {
      return strings(k).stream().map(MemberId::of).toList();
    }

    List<In> objects(String k) {
      JsonNode v = field(k);
      if (!v.isArray()) {
        throw new MalformedNoteException("note kind " + kind + " field " + k + " is not a list", null);
      }
      List<In> out = new ArrayList<>();
      for (JsonNode e : v) {
        if (!e.isObject()) {
          throw new MalformedNoteException("note kind " + kind + " field " + k + " holds a non-object", null);
        }
        out.add(new In(e, kind));
      }
      return out;
    }

    void done() {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!read.contains(e.getKey())) {
          throw new MalformedNoteException("note kind " + kind + " has an unknown field " + e.getKey(), null);
        }
      }
    }
  }
}
