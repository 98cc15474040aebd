package org.moralbank.timebank;

import java.util.List;

/**
 * The bank-wide trial balance: every savings branch's accounts sum to zero (double entry), and
 * every pair of clearing accounts nets to zero, so no hours were created or lost between
 * branches.
 */
public record TrialBalance(List<BranchTotal> branches, List<ClearingPair> pairs) {
  /**
   * Copies the lists.
   *
   * @param branches one total per savings branch
   * @param pairs one entry per pair of branches that moved hours between them
   */
  public TrialBalance {
    branches = List.copyOf(branches);
    pairs = List.copyOf(pairs);
  }

  /**
   * One branch.
   *
   * @param posted the sum of all posted balances: zero
   * @param issued hours the fund has issued, net of what came back (the fund's balance, negated)
   */
  public record BranchTotal(String branch, long posted, long issued) {}

  /**
   * The clearing accounts of branches {@code a} and {@code b} for each other.
   *
   * @param a a's clearing account for b: posted balance
   * @param b b's clearing account for a: posted balance
   * @param aPending a's pending credits less pending debits
   * @param bPending b's pending credits less pending debits
   */
  public record ClearingPair(String first, String second, long a, long b, long aPending, long bPending) {
    /** {@return whether the posted balances cancel out} */
    public boolean nets() {
      return a + b == 0;
    }

    /**
     * {@return whether the pending amounts cancel out too: no clearing leg waits without its
     * partner}
     */
    public boolean pendingNets() {
      return aPending + bPending == 0;
    }
  }

  /**
   * {@return whether every branch sums to zero and every clearing pair nets, posted and pending}
   */
  public boolean balanced() {
    return branches.stream().allMatch(b -> b.posted() == 0)
        && pairs.stream().allMatch(p -> p.nets() && p.pendingNets());
  }
}
