package org.moralbank.timebank.member;

/** Circumstances that give a member priority for grants from a donation pool. */
public enum Circumstance {
  LIVING_ALONE,
  BEREAVED_OF_ONLY_CHILD,
  DISABLED,
  LOW_INCOME
}
