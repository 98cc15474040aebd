package org.moralbank.timebank;

import org.moralbank.ledger.Minutes;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.policy.Policies;

/** Hours granted from a donation pool to the member of a request, and the category that ranked it. */
public record Grant(GrantRequestRef request, MemberId member, Minutes minutes, Policies.GrantCategory category) {}
