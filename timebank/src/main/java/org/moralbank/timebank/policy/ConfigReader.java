package org.moralbank.timebank.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.Minutes;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.member.Relation;

/**
 * Maps a JSON or YAML tree onto {@link BankConfig} by hand, field by field, so that every error
 * names its path and a later policy version inherits what it does not name.
 */
final class ConfigReader {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Pattern MINUTES = Pattern.compile("(?:(\\d{1,9})h)?(?:(\\d{1,11})m)?");

  private ConfigReader() {}

  static BankConfig read(String text, boolean yaml) {
    JsonNode root;
    try {
      root = (yaml ? YAML : JSON).readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidConfigException("(document)", "not " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidConfigException("(document)", "the document is empty", null);
    }
    return bank(new Node(root, ""));
  }

  private static BankConfig bank(Node n) {
    n.fields("bankId", "headOffice", "zone", "hashAlgorithm", "catalogue", "policies");
    Node bankNode = n.required("bankId");
    String bankId = bankNode.text();
    BankConfig c = bankNode.build(() -> BankConfig.of(bankId));
    Node head = n.get("headOffice");
    if (head != null) {
      BankConfig base = c;
      String id = head.text();
      c = head.build(() -> base.withHeadOffice(id));
    }
    Node zone = n.get("zone");
    if (zone != null) {
      c = c.withZone(zone.parse("a time zone such as Asia/Shanghai", ZoneId::of));
    }
    Node alg = n.get("hashAlgorithm");
    if (alg != null) {
      c = c.withAlgorithm(alg.enumValue(HashAlgorithm.class));
    }
    Node cat = n.get("catalogue");
    if (cat != null) {
      List<CatalogueVersion> versions = new ArrayList<>();
      for (Node v : cat.list()) {
        versions.add(catalogueVersion(v));
      }
      c = c.withCatalogue(cat.build(() -> new ServiceCatalogue(versions)));
    }
    Node pol = n.get("policies");
    if (pol != null) {
      List<Schedule.Dated<Policies>> entries = new ArrayList<>();
      Policies previous = Policies.defaults();
      for (Node v : pol.list()) {
        v.fields("effectiveFrom", "adultAge", "service", "approvals", "redemption", "gifts",
            "balanceCap", "grants", "honours", "reach", "expiry");
        LocalDate from = v.required("effectiveFrom").date();
        previous = policies(v, previous);
        entries.add(new Schedule.Dated<>(from, previous));
      }
      c = c.withPolicies(pol.build(() -> new Schedule<>(entries)));
    }
    return c;
  }

  private static CatalogueVersion catalogueVersion(Node n) {
    n.fields("version", "effectiveFrom", "types");
    int version = n.required("version").intValue();
    LocalDate from = n.required("effectiveFrom").date();
    List<ServiceType> types = new ArrayList<>();
    for (Node t : n.required("types").list()) {
      t.fields("code", "name", "weight");
      String code = t.required("code").text();
      Node name = t.get("name");
      Node weight = t.get("weight");
      types.add(t.build(() -> ServiceType.of(
          code,
          name == null ? code : name.text(),
          weight == null ? Weight.ONE : weight.parse("a ratio such as 1/3", Weight::parse))));
    }
    return n.build(() -> new CatalogueVersion(version, from, types));
  }

  /** Reads one version over {@code base}: fields it names replace base's, nested objects merge. */
  private static Policies policies(Node n, Policies base) {
    Policies p = base;
    Node v;
    if ((v = n.get("adultAge")) != null) {
      int age = v.intValue();
      Policies before = p;
      p = v.build(() -> before.withAdultAge(age));
    }
    if ((v = n.get("service")) != null) {
      p = p.withService(service(v, p.service()));
    }
    if ((v = n.get("approvals")) != null) {
      p = p.withApprovals(approvals(v, p.approvals()));
    }
    if ((v = n.get("redemption")) != null) {
      v.fields("minAge", "bookingTimeout");
      Policies.Redemption r = p.redemption();
      Node age = v.get("minAge");
      Node timeout = v.get("bookingTimeout");
      p = p.withRedemption(v.build(() -> new Policies.Redemption(
          age == null ? r.minAge() : age.intValue(),
          timeout == null ? r.bookingTimeout() : timeout.duration())));
    }
    if ((v = n.get("gifts")) != null) {
      p = p.withGifts(gifts(v, p.gifts()));
    }
    if ((v = n.get("balanceCap")) != null) {
      Optional<Minutes> cap = v.isNone() ? Optional.empty() : Optional.of(v.minutes());
      Policies before = p;
      p = v.build(() -> before.withBalanceCap(cap));
    }
    if ((v = n.get("grants")) != null) {
      v.fields("priority", "elderlyAge");
      Policies.Grants g = p.grants();
      Node pr = v.get("priority");
      Node age = v.get("elderlyAge");
      List<Policies.GrantCategory> priority = pr == null ? g.priority() : enums(pr, Policies.GrantCategory.class);
      p = p.withGrants(v.build(() -> new Policies.Grants(
          priority, age == null ? g.elderlyAge() : age.intValue())));
    }
    if ((v = n.get("honours")) != null) {
      v.fields("stars", "listSize", "naming");
      Policies.Honours h = p.honours();
      Node stars = v.get("stars");
      Node size = v.get("listSize");
      Node naming = v.get("naming");
      List<Minutes> thresholds = h.stars();
      if (stars != null) {
        thresholds = new ArrayList<>();
        for (Node s : stars.list()) {
          thresholds.add(s.minutes());
        }
      }
      List<Minutes> t = thresholds;
      p = p.withHonours(v.build(() -> new Policies.Honours(
          t,
          size == null ? h.listSize() : size.intValue(),
          naming == null ? h.naming() : naming.enumValue(Policies.HonourNaming.class))));
    }
    if ((v = n.get("reach")) != null) {
      p = p.withReach(v.enumValue(Policies.Reach.class));
    }
    if ((v = n.get("expiry")) != null) {
      v.fields("hoursExpireAfter", "inactivityAfter");
      Policies.Expiry e = p.expiry();
      Node hours = v.get("hoursExpireAfter");
      Node inactive = v.get("inactivityAfter");
      Optional<Period> h = hours == null ? e.hoursExpireAfter() : hours.optionalPeriod();
      Optional<Period> i = inactive == null ? e.inactivityAfter() : inactive.optionalPeriod();
      p = p.withExpiry(v.build(() -> new Policies.Expiry(h, i)));
    }
    return p;
  }

  private static Policies.Service service(Node v, Policies.Service s) {
    v.fields("reviewWindow", "dailyMaximum", "groupHoursDonateOnly");
    Node window = v.get("reviewWindow");
    Node max = v.get("dailyMaximum");
    Node group = v.get("groupHoursDonateOnly");
    Duration w = window == null ? s.reviewWindow() : window.duration();
    Minutes m = max == null ? s.dailyMaximum() : max.minutes();
    boolean g = group == null ? s.groupHoursDonateOnly() : group.bool();
    return v.build(() -> new Policies.Service(w, m, g));
  }

  private static Policies.Approvals approvals(Node v, Policies.Approvals a) {
    v.fields("rules", "roles");
    List<Policies.ApprovalRule> rules = a.rules();
    Node rn = v.get("rules");
    if (rn != null) {
      rules = new ArrayList<>();
      for (Node r : rn.list()) {
        r.fields("branch", "serviceType", "mode", "quorum");
        Node branch = r.get("branch");
        Node type = r.get("serviceType");
        Policies.ApprovalMode mode = r.required("mode").enumValue(Policies.ApprovalMode.class);
        Node quorum = r.get("quorum");
        rules.add(r.build(() -> new Policies.ApprovalRule(
            branch == null ? "*" : branch.text(),
            type == null ? "*" : type.text(),
            mode,
            quorum == null ? 1 : quorum.intValue())));
      }
    }
    Map<String, Policies.Roles> roles = a.roles();
    Node ro = v.get("roles");
    if (ro != null) {
      roles = new LinkedHashMap<>();
      for (Map.Entry<String, Node> e : ro.entries()) {
        Node r = e.getValue();
        r.fields("coordinators", "council");
        Node co = r.get("coordinators");
        Node cu = r.get("council");
        roles.put(e.getKey(), new Policies.Roles(
            co == null ? Set.of() : members(co), cu == null ? Set.of() : members(cu)));
      }
    }
    List<Policies.ApprovalRule> r = rules;
    Map<String, Policies.Roles> m = roles;
    return v.build(() -> new Policies.Approvals(r, m));
  }

  private static Policies.Gifts gifts(Node v, Policies.Gifts g) {
    v.fields("allowedRelations", "sameHousehold", "recipientMinAge", "yearlyCap");
    Node rel = v.get("allowedRelations");
    Node hh = v.get("sameHousehold");
    Node age = v.get("recipientMinAge");
    Node cap = v.get("yearlyCap");
    Set<Relation> relations = rel == null ? g.allowedRelations() : new LinkedHashSet<>(enums(rel, Relation.class));
    boolean household = hh == null ? g.sameHousehold() : hh.bool();
    int minAge = age == null ? g.recipientMinAge() : age.intValue();
    Minutes yearly = cap == null ? g.yearlyCap() : cap.minutes();
    return v.build(() -> new Policies.Gifts(relations, household, minAge, yearly));
  }

  private static Set<MemberId> members(Node n) {
    Set<MemberId> out = new LinkedHashSet<>();
    for (Node m : n.list()) {
      out.add(m.parse("a member id", MemberId::of));
    }
    return out;
  }

  private static <E extends Enum<E>> List<E> enums(Node n, Class<E> type) {
    List<E> out = new ArrayList<>();
    for (Node e : n.list()) {
      out.add(e.enumValue(type));
    }
    return out;
  }

  /** A tree node and its path, with typed readers that fail with the path. */
  private static final class Node {
    final JsonNode json;
    final String path;

    Node(JsonNode json, String path) {
      this.json = json;
      this.path = path;
    }

    InvalidConfigException error(String message, Throwable cause) {
      return new InvalidConfigException(path.isEmpty() ? "(document)" : path, message, cause);
    }

    /** Requires an object whose fields are all among {@code allowed}. */
    void fields(String... allowed) {
      if (!json.isObject()) {
        throw error("expected an object", null);
      }
      Set<String> ok = Set.of(allowed);
      for (Map.Entry<String, JsonNode> e : json.properties()) {
        String name = e.getKey();
        if (!ok.contains(name)) {
          throw new InvalidConfigException(child(name), "unknown field; expected one of " + List.of(allowed), null);
        }
      }
    }

    String child(String name) {
      return path.isEmpty() ? name : path + "." + name;
    }

    Node get(String name) {
      JsonNode c = json.get(name);
      return c == null ? null : new Node(c, child(name));
    }

    Node required(String name) {
      Node c = get(name);
      if (c == null) {
        throw new InvalidConfigException(child(name), "missing", null);
      }
      return c;
    }

    List<Node> list() {
      if (!json.isArray()) {
        throw error("expected a list", null);
      }
      List<Node> out = new ArrayList<>();
      for (int i = 0; i < json.size(); i++) {
        out.add(new Node(json.get(i), path + "[" + i + "]"));
      }
      return out;
    }

    List<Map.Entry<String, Node>> entries() {
      if (!json.isObject()) {
        throw error("expected an object", null);
      }
      List<Map.Entry<String, Node>> out = new ArrayList<>();
      json.properties().forEach(e -> out.add(Map.entry(e.getKey(), new Node(e.getValue(), child(e.getKey())))));
      return out;
    }

    String text() {
      if (!json.isTextual()) {
        throw error("expected text", null);
      }
      return json.textValue();
    }

    int intValue() {
      if (!json.isIntegralNumber() || !json.canConvertToInt()) {
        throw error("expected a whole number", null);
      }
      return json.intValue();
    }

    boolean bool() {
      if (!json.isBoolean()) {
        throw error("expected true or false", null);
      }
      return json.booleanValue();
    }

    boolean isNone() {
      return json.isNull() || (json.isTextual() && json.textValue().equals("none"));
    }

    /** Whole minutes: a number of minutes, or text such as {@code 1500h}, {@code 90m}, {@code 1h30m}. */
    Minutes minutes() {
      if (json.isIntegralNumber() && json.canConvertToLong() && json.longValue() >= 0) {
        return Minutes.of(json.longValue());
      }
      if (json.isTextual()) {
        Matcher m = MINUTES.matcher(json.textValue());
        if (!json.textValue().isEmpty() && m.matches()) {
          long hours = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
          long minutes = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
          return Minutes.of(hours * 60 + minutes);
        }
      }
      throw error("expected minutes: a whole number, or text such as 1500h, 90m or 1h30m", null);
    }

    Duration duration() {
      return parse("an ISO-8601 duration such as P30D or PT12H", Duration::parse);
    }

    Optional<Period> optionalPeriod() {
      return isNone() ? Optional.empty() : Optional.of(parse("an ISO-8601 period such as P3Y, or none", Period::parse));
    }

    LocalDate date() {
      return parse("a date such as 2024-01-31", LocalDate::parse);
    }

    <E extends Enum<E>> E enumValue(Class<E> type) {
      String t = text();
      try {
        return Enum.valueOf(type, t);
      } catch (IllegalArgumentException e) {
        throw error("expected one of " + List.of(type.getEnumConstants()) + ", not " + t, e);
      }
    }

    <T> T parse(String expected, Function<String, T> parser) {
      String t = text();
      try {
        return parser.apply(t);
      } catch (DateTimeParseException e) {
        throw error("expected " + expected + ", not " + t, e);
      } catch (DateTimeException | IllegalArgumentException e) {
        throw error("expected " + expected + ", not " + t + " (" + e.getMessage() + ")", e);
      }
    }

    <T> T build(java.util.function.Supplier<T> maker) {
      try {
        return maker.get();
      } catch (InvalidConfigException e) {
        throw e;
      } catch (IllegalArgumentException | NullPointerException | ArithmeticException e) {
        throw error(e.getMessage(), e);
      }
    }
  }
}
