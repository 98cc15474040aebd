package org.moralbank.timebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.store.InMemoryStore;
import org.moralbank.timebank.member.InMemoryMemberRegistry;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.member.MemberProfile;
import org.moralbank.timebank.policy.BankConfig;
import org.moralbank.timebank.policy.Policies;

/** The quick start of docs/timebank.md is this test's code, verbatim. */
class UserGuideTest {

  @Test
  void quickStart() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2025-03-03T12:00:00Z"), ZoneOffset.UTC);
    // begin quick start
    MemberId wang = MemberId.of("coordinator-wang");
    MemberId li = MemberId.of("m-1001");
    MemberId zhao = MemberId.of("grid-worker-zhao");
    BankConfig config = BankConfig.of("sunflower-street")
        .withPolicies(Policies.defaults().withApprovals(Policies.Approvals.defaults()
            .withRoles("*", Policies.Roles.of(Set.of(wang), Set.of()))));
    InMemoryMemberRegistry registry = new InMemoryMemberRegistry()
        .put(MemberProfile.of(wang, "Wang", LocalDate.of(1962, 5, 1)))
        .put(MemberProfile.of(li, "Li", LocalDate.of(1958, 8, 8)))
        .put(MemberProfile.of(zhao, "Zhao", LocalDate.of(1980, 1, 1)));
    Map<String, InMemoryStore> stores = new HashMap<>();
    try (TimeBank bank = TimeBank.open(config, id -> stores.computeIfAbsent(id, k -> new InMemoryStore()), registry, clock)) {
      bank.openBranch(OpenBranch.subBranch("east", "East street", "head-office"));
      bank.openBranch(OpenBranch.savings("flowers", "Flower-growing association", "east"));
      Branch flowers = bank.branch("flowers");
      flowers.enrol(Enrolment.of(li));

      ServiceRecord care = ServiceRecord.individual(li, "daily-care",
          Instant.parse("2025-03-03T09:00:00Z"), Instant.parse("2025-03-03T11:00:00Z"), zhao);
      Outcome<ProposalRef> proposed = flowers.recordService(care);        // 拟记: proposed
      if (proposed instanceof Outcome.Rejected<ProposalRef> r) {
        throw new IllegalStateException(r.reason() + ": " + r.detail());
      }
      flowers.approve(new ApproveService(proposed.value(), wang));         // posted as a deposit

      Balance balance = flowers.balance(li).orElseThrow();                 // 2h00m
      BranchReport march = flowers.report(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 4, 1));
      // end quick start
      assertEquals(Minutes.ofHours(2), balance.main());
      assertEquals(Minutes.ofHours(2), march.deposited());
      assertEquals("m-1001", march.honours().get(0).name());
    }
  }

  @Test
  void quickStart_isTheOneInTheUserGuide() throws Exception {
    String source = Files.readString(Path.of("src", "test", "java", "org", "moralbank", "timebank", "UserGuideTest.java"),
        StandardCharsets.UTF_8);
    String region = source.substring(source.indexOf("// begin quick start\n") + "// begin quick start\n".length(),
        source.indexOf("      // end quick start"));
    StringBuilder unindented = new StringBuilder();
    for (String line : region.split("\n", -1)) {
      unindented.append(line.length() >= 4 ? line.substring(4) : line.strip()).append('\n');
    }
    String guide = Files.readString(Path.of("..", "docs", "timebank.md"), StandardCharsets.UTF_8);
    String snippet = unindented.toString().stripTrailing() + "\n";
    assertTrue(guide.contains("```java\n" + snippet + "```"), "docs/timebank.md must show the quick start verbatim:\n" + snippet);
  }
}
