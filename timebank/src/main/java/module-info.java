/**
 * The moral bank domain: branches, members, service records and their approval, redemptions,
 * gifts, donations, grants, honours, reports and deposit-anywhere redeem-anywhere, over the
 * moralbank ledger engine.
 */
module org.moralbank.timebank {
  requires transitive org.moralbank.ledger;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.slf4j;

  exports org.moralbank.timebank;
  exports org.moralbank.timebank.member;
  exports org.moralbank.timebank.policy;
}
