package org.moralbank.ledger;

/**
 * A 128-bit account id chosen by the client (or {@link #random()}), so that a retry carries
 * the same id and is recognised. Zero and all ones are reserved.
 */
public record AccountId(long high, long low) implements Comparable<AccountId> {
  public AccountId {
    Ids.check("account id", high, low);
  }

  public static AccountId of(long low) {
    return new AccountId(0, low);
  }

  public static AccountId random() {
    long[] id = Ids.random();
    return new AccountId(id[0], id[1]);
  }

  /** Parses the 32 hex digits that {@link #toString()} prints. */
  public static AccountId parse(String hex) {
    long[] id = Ids.parse("account id", hex);
    return new AccountId(id[0], id[1]);
  }

  @Override
  public int compareTo(AccountId other) {
    return Ids.compare(high, low, other.high, other.low);
  }

  @Override
  public String toString() {
    return Ids.hex(high, low);
  }
}
