package org.moralbank.timebank;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.moralbank.ledger.AccountId;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.member.MemberProfile;
import org.moralbank.timebank.member.MemberRegistry;
import org.moralbank.timebank.policy.BankConfig;
import org.moralbank.timebank.policy.Policies;

/**
 * The bank's state shared by every branch: the branch tree, the books, and the bank-wide indexes
 * that rules need across branches (home branches, service intervals per volunteer, gifts per
 * giver and year). Guarded by {@link #lock}; everything here is rebuilt from the journals.
 */
final class BankState {
  final BankConfig config;
  final MemberRegistry registry;
  final Clock clock;
  final OperationIds ids;
  final ReentrantLock lock = new ReentrantLock();

  final Map<String, TreeNode> tree = new LinkedHashMap<>();
  final Map<String, Book> books = new LinkedHashMap<>();
  Book head;
  final Map<MemberId, String> homes = new HashMap<>();
  final Map<MemberId, List<Book.ProposalState>> intervals = new HashMap<>();
  final Map<MemberId, Map<Integer, Long>> gifts = new HashMap<>();
  private final Map<AccountId, String> clearingOwners = new HashMap<>();

  BankState(BankConfig config, MemberRegistry registry, Clock clock, OperationIds ids) {
    this.config = config;
    this.registry = registry;
    this.clock = clock;
    this.ids = ids;
  }

  // ---- time ----

  Instant now() {
    return clock.instant();
  }

  LocalDate today() {
    return LocalDate.ofInstant(now(), config.zone());
  }

  Policies policies() {
    return config.policiesOn(today());
  }

  Instant instant(long ledgerTimestamp) {
    return Instant.ofEpochSecond(
        Math.floorDiv(ledgerTimestamp, 1_000_000_000L), Math.floorMod(ledgerTimestamp, 1_000_000_000L));
  }

  LocalDate date(long ledgerTimestamp) {
    return LocalDate.ofInstant(instant(ledgerTimestamp), config.zone());
  }

  /** Nanoseconds since the epoch, the engine's clock, from the bank's clock. */
  long nanos() {
    Instant i = now();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  // ---- the tree ----

  boolean isHead(Book b) {
    return b == head;
  }

  void treeOpened(DomainNote.BranchOpened n, long ts) {
    tree.put(n.branch(), new TreeNode(n.branch(), n.level(), n.parent(), n.name(), instant(ts)));
    clearingOwners.put(Accounts.clearing(n.branch()), n.branch());
  }

  void treeClosed(String branch, long ts) {
    TreeNode n = tree.get(branch);
    if (n != null) {
      n.closedAt = instant(ts);
    }
  }

  String clearingOwner(AccountId account) {
    return clearingOwners.get(account);
  }

  List<BranchInfo> branches() {
    List<BranchInfo> out = new ArrayList<>();
    tree.values().forEach(n -> out.add(n.info()));
    return out;
  }

  // ---- lookups that refuse ----

  /** An open savings branch's book. */
  Book openBook(String branch) {
    Book b = savingsBook(branch);
    Refusal.require(b.open(), Reason.BRANCH_CLOSED, "branch " + branch + " is closed");
    return b;
  }

  Book savingsBook(String branch) {
    TreeNode n = tree.get(branch);
    Refusal.require(n != null, Reason.BRANCH_UNKNOWN, "no branch " + branch);
    Refusal.require(n.kind == BranchKind.SAVINGS_BRANCH, Reason.NOT_A_SAVINGS_BRANCH, branch + " is a " + n.kind);
    return books.get(branch);
  }

  /** The open home book of an enrolled member. */
  Book home(MemberId m) {
    String h = homes.get(m);
    Refusal.require(h != null, Reason.MEMBER_NOT_ENROLLED, m + " is not enrolled");
    Book b = books.get(h);
    Refusal.require(b.open(), Reason.HOME_BRANCH_CLOSED, m + "'s branch " + h + " is closed");
    return b;
  }

  MemberProfile profile(MemberId m) {
    Optional<MemberProfile> p = registry.find(m);
    Refusal.require(p.isPresent(), Reason.MEMBER_UNKNOWN, "no profile for " + m);
    return p.get();
  }

  boolean minor(MemberProfile p) {
    return p.ageOn(today()) < policies().adultAge();
  }

  /** A minor acts only with their guardian's consent. */
  void requireConsent(MemberProfile p, Set<MemberId> consents) {
    if (minor(p)) {
      Refusal.require(
          p.guardian().isPresent() && consents.contains(p.guardian().get()),
          Reason.CONSENT_REQUIRED,
          p.id() + " is a minor and needs their guardian's consent");
    }
  }

  void requireConsent(MemberProfile p, Optional<MemberId> consent) {
    requireConsent(p, consent.map(Set::of).orElse(Set.of()));
  }

  /** Whether {@code serving} may serve members of {@code home} under today's reach policy. */
  void requireReach(Book home, Book serving) {
    if (home == serving) {
      return;
    }
    Policies.Reach reach = policies().reach();
    boolean ok;
    switch (reach) {
      case BRANCH:
        ok = false;
        break;
      case SUB_BRANCH:
        ok = tree.get(home.id).parent.equals(tree.get(serving.id).parent);
        break;
      case BANK:
        ok = true;
        break;
      default:
        throw new AssertionError(reach);
    }
    Refusal.require(ok, Reason.OUT_OF_REACH,
        "branch " + serving.id + " does not serve members of " + home.id + " under reach " + reach);
  }

  /** A node of the branch tree, as the head office journal tells it. */
  static final class TreeNode {
    final String id;
    final BranchKind kind;
    final Optional<String> parent;
    final String name;
    final Instant openedAt;
    Instant closedAt;

    TreeNode(String id, BranchKind kind, Optional<String> parent, String name, Instant openedAt) {
      this.id = id;
      this.kind = kind;
      this.parent = parent;
      this.name = name;
      this.openedAt = openedAt;
    }

    boolean open() {
      return closedAt == null;
    }

    BranchInfo info() {
      return new BranchInfo(id, kind, parent, name, openedAt, Optional.ofNullable(closedAt));
    }
  }
}
