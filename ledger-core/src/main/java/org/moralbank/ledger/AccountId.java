package org.moralbank.ledger;

/**
 * A 128-bit account id chosen by the client (or {@link #random()}), so that a retry carries
 * the same id and is recognised. Zero and all ones are reserved.
 */
public record AccountId(long high, long low) implements Comparable<AccountId> {
  /**
   * Refuses the reserved ids, zero and all ones.
   *
   * @param high the high 64 bits
   * @param low the low 64 bits
   */
  public AccountId {
    Ids.check("account id", high, low);
  }

  /**
   * The id {@code (0, low)}, for the well-known accounts a branch numbers itself.
   *
   * @param low the low 64 bits, not zero or all ones
   * @return the id
   */
  public static AccountId of(long low) {
    return new AccountId(0, low);
  }

  /** {@return a new id of 128 random bits from a {@link java.security.SecureRandom}} */
  public static AccountId random() {
    long[] id = Ids.random();
    return new AccountId(id[0], id[1]);
  }

  /**
   * Parses the 32 hex digits that {@link #toString()} prints.
   *
   * @param hex the hex digits
   * @return the id
   */
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
