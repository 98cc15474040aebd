package org.moralbank.timebank.member;

/** Circumstances that give a member priority for grants from a donation pool. */
public enum Circumstance {
  /** Lives alone. */
  LIVING_ALONE,
  /** Has lost their only child (失独). */
  BEREAVED_OF_ONLY_CHILD,
  /** Lives with a disability. */
  DISABLED,
  /** Lives on a low income. */
  LOW_INCOME
}
