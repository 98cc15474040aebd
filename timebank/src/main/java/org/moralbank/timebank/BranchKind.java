package org.moralbank.timebank;

/** The levels of a bank: head office (总行) → sub-branches (分理处) → savings branches (储蓄所). */
public enum BranchKind {
  /** One per bank; its journal records the branch tree. */
  HEAD_OFFICE,
  /** Groups savings branches, for example a street; holds no accounts. */
  SUB_BRANCH,
  /** One per association; members, accounts and a journal of its own. */
  SAVINGS_BRANCH
}
