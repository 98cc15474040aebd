package org.moralbank.ledger;

/** Balance constraints that the engine enforces on every transfer. */
public enum AccountFlag {
  /** Posted and pending debits may never exceed posted credits: the account never goes below zero. */
  DEBITS_MUST_NOT_EXCEED_CREDITS(1),
  /** Posted and pending credits may never exceed posted debits. */
  CREDITS_MUST_NOT_EXCEED_DEBITS(2);

  private final int bit;

  AccountFlag(int bit) {
    this.bit = bit;
  }

  int bit() {
    return bit;
  }
}
