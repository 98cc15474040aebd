package org.moralbank.timebank.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.Minutes;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.member.Relation;

/** Configuration in code and in files (JSON or YAML through Jackson), with effective dates. */
class ConfigTest {
  static final Path EXAMPLE = Path.of("src", "test", "resources", "bank-example.yaml");

  @Test
  void exampleYaml_loads() throws IOException {
    BankConfig c = BankConfig.read(EXAMPLE);
    assertEquals("sunflower-street", c.bankId());
    assertEquals(ZoneId.of("Asia/Shanghai"), c.zone());
    assertEquals(HashAlgorithm.SM3, c.algorithm());
    assertEquals(2, c.catalogue().versions().size());
    assertEquals(Weight.of(1, 3), c.catalogue().on(LocalDate.of(2024, 6, 1)).orElseThrow().type("patrol").orElseThrow().weight());
    assertEquals(Weight.of(1, 2), c.catalogue().on(LocalDate.of(2025, 6, 1)).orElseThrow().type("patrol").orElseThrow().weight());
    assertEquals(Optional.empty(), c.catalogue().on(LocalDate.of(2024, 6, 1)).orElseThrow().type("mediation"));

    Policies p = c.policiesOn(LocalDate.of(2025, 3, 1));
    assertEquals(Policies.defaults().withApprovals(p.approvals()), p, "the first version states the defaults");
    assertEquals(Policies.ApprovalMode.COUNCIL, p.approvals().ruleFor("flowers", "mediation").mode());
    assertEquals(2, p.approvals().ruleFor("calligraphy", "mediation").quorum());
    assertEquals(Policies.ApprovalMode.COORDINATOR, p.approvals().ruleFor("flowers", "patrol").mode());
    assertEquals(Set.of(MemberId.of("grid-7-wang"), MemberId.of("flowers-li")),
        p.approvals().reviewers("flowers", Policies.ApprovalMode.COORDINATOR));
    assertEquals(3, p.approvals().reviewers("flowers", Policies.ApprovalMode.COUNCIL).size());

    Policies later = c.policiesOn(LocalDate.of(2025, 7, 1));
    assertEquals(Policies.Reach.BANK, later.reach());
    assertEquals(60, later.redemption().minAge());
    assertEquals(Duration.ofDays(14), later.redemption().bookingTimeout(), "inherited within the object");
    assertEquals(Policies.HonourNaming.DISPLAY_NAME, later.honours().naming());
    assertEquals(p.honours().stars(), later.honours().stars());
    assertEquals(p.approvals(), later.approvals(), "inherited from the version before");
    assertEquals(p.withReach(Policies.Reach.BANK).withRedemption(later.redemption()).withHonours(later.honours()), later);
  }

  @Test
  void exampleYaml_isTheOneInTheUserGuide() throws IOException {
    String guide = Files.readString(Path.of("..", "docs", "timebank.md"), StandardCharsets.UTF_8);
    String example = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
    assertTrue(guide.contains("```yaml\n" + example + "```"), "docs/timebank.md must show bank-example.yaml verbatim");
  }

  @Test
  void json_sameAsYaml() throws IOException {
    BankConfig c = BankConfig.fromJson("""
        {"bankId": "b", "policies": [
          {"effectiveFrom": "2024-01-01", "balanceCap": "none", "gifts": {"yearlyCap": 90, "allowedRelations": ["SPOUSE"]},
           "expiry": {"inactivityAfter": "P2Y"}}]}
        """);
    Policies p = c.policiesOn(LocalDate.of(2024, 1, 1));
    assertEquals(Optional.empty(), p.balanceCap());
    assertEquals(Minutes.of(90), p.gifts().yearlyCap());
    assertEquals(Set.of(Relation.SPOUSE), p.gifts().allowedRelations());
    assertEquals(60, p.gifts().recipientMinAge());
    assertEquals(Optional.of(java.time.Period.ofYears(2)), p.expiry().inactivityAfter());
    assertEquals(ServiceCatalogue.defaults(), c.catalogue());
    assertEquals("head-office", c.headOffice());
  }

  @Test
  void minutes_inHoursMinutesOrBoth() {
    BankConfig c = BankConfig.fromYaml("bankId: b\npolicies:\n  - {effectiveFrom: 2024-01-01, service: {dailyMaximum: 1h30m}, balanceCap: 600}\n");
    Policies p = c.policiesOn(LocalDate.of(2024, 1, 1));
    assertEquals(Minutes.of(90), p.service().dailyMaximum());
    assertEquals(Optional.of(Minutes.of(600)), p.balanceCap());
  }

  @Test
  void errors_nameThePathOfTheField() {
    assertPath("policies[0].gifts.yearlyCap", "bankId: b\npolicies:\n  - {effectiveFrom: 2024-01-01, gifts: {yearlyCap: lots}}\n");
    assertPath("policies[1].giftz", "bankId: b\npolicies:\n  - {effectiveFrom: 2024-01-01}\n  - {effectiveFrom: 2025-01-01, giftz: {}}\n");
    assertPath("policies[0].effectiveFrom", "bankId: b\npolicies:\n  - {adultAge: 18}\n");
    assertPath("policies[0].adultAge", "bankId: b\npolicies:\n  - {effectiveFrom: 2024-01-01, adultAge: 200}\n");
    assertPath("policies[0].reach", "bankId: b\npolicies:\n  - {effectiveFrom: 2024-01-01, reach: CITY}\n");
    assertPath("policies[0].approvals.rules[0]", "bankId: b\npolicies:\n  - {effectiveFrom: 2024-01-01, approvals: {rules: [{mode: COORDINATOR, quorum: 2}]}}\n");
    assertPath("catalogue[0].types[0].weight", "bankId: b\ncatalogue:\n  - {version: 1, effectiveFrom: 2024-01-01, types: [{code: x, weight: 1.5}]}\n");
    assertPath("catalogue", "bankId: b\ncatalogue:\n  - {version: 2, effectiveFrom: 2024-01-01, types: []}\n  - {version: 1, effectiveFrom: 2025-01-01, types: []}\n");
    assertPath("policies", "bankId: b\npolicies:\n  - {effectiveFrom: 2025-01-01}\n  - {effectiveFrom: 2024-01-01}\n");
    assertPath("bankId", "bankId: Bank!\n");
    assertPath("bankId", "zone: UTC\n");
    assertPath("zone", "bankId: b\nzone: Mars/Olympus\n");
    assertPath("(document)", "bankId: [");
    assertPath("policies[0].service.reviewWindow", "bankId: b\npolicies:\n  - {effectiveFrom: 2024-01-01, service: {reviewWindow: 30 days}}\n");
  }

  private static void assertPath(String path, String yaml) {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> BankConfig.fromYaml(yaml));
    assertEquals(path, e.path(), e.getMessage());
  }

  @Test
  void inCode_withers() {
    BankConfig c = BankConfig.of("b").withPolicies(Schedule.of(Policies.defaults())
        .then(LocalDate.of(2026, 1, 1), Policies.defaults().withAdultAge(16)));
    assertEquals(18, c.policiesOn(LocalDate.of(2025, 12, 31)).adultAge());
    assertEquals(16, c.policiesOn(LocalDate.of(2026, 1, 1)).adultAge());
    assertThrows(IllegalArgumentException.class, () -> Policies.defaults().withBalanceCap(Optional.of(Minutes.ZERO)));
    assertThrows(IllegalArgumentException.class, () -> new Policies.ApprovalRule("*", "*", Policies.ApprovalMode.COORDINATOR, 2));
    assertThrows(IllegalArgumentException.class, () -> new Policies.Grants(List.of(Policies.GrantCategory.OTHER, Policies.GrantCategory.OTHER), 60));
  }

  @Test
  void weights_exactRatios_floorWithRemainder() {
    Weight third = Weight.parse("1/3");
    assertEquals(33, third.creditFor(100));
    assertEquals(1, third.remainderFor(100));
    assertEquals(60, third.creditFor(180));
    assertEquals(0, third.remainderFor(180));
    assertEquals(Weight.of(3, 2), Weight.parse(" 3 / 2 "));
    assertEquals(135, Weight.of(3, 2).creditFor(90));
    assertEquals("3/2", Weight.of(3, 2).toString());
    assertThrows(IllegalArgumentException.class, () -> Weight.parse("0/1"));
    assertThrows(IllegalArgumentException.class, () -> Weight.parse("1.5"));
    assertThrows(IllegalArgumentException.class, () -> third.creditFor(-1));
    assertThrows(ArithmeticException.class, () -> Weight.of(1_000_000, 1).creditFor(Long.MAX_VALUE / 2));
  }
}
