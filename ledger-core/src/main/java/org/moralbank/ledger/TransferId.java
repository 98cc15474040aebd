package org.moralbank.ledger;

/**
 * A 128-bit transfer id chosen by the client (or {@link #random()}), so that a retry carries
 * the same id and is recognised. Zero and all ones are reserved.
 */
public record TransferId(long high, long low) implements Comparable<TransferId> {
  /**
   * Refuses the reserved ids, zero and all ones.
   *
   * @param high the high 64 bits
   * @param low the low 64 bits
   */
  public TransferId {
    Ids.check("transfer id", high, low);
  }

  /**
   * The id {@code (0, low)}, for ids a caller numbers itself.
   *
   * @param low the low 64 bits, not zero or all ones
   * @return the id
   */
  public static TransferId of(long low) {
    return new TransferId(0, low);
  }

  /** {@return a new id of 128 random bits from a {@link java.security.SecureRandom}} */
  public static TransferId random() {
    long[] id = Ids.random();
    return new TransferId(id[0], id[1]);
  }

  /**
   * Parses the 32 hex digits that {@link #toString()} prints.
   *
   * @param hex the hex digits
   * @return the id
   */
  public static TransferId parse(String hex) {
    long[] id = Ids.parse("transfer id", hex);
    return new TransferId(id[0], id[1]);
  }

  @Override
  public int compareTo(TransferId other) {
    return Ids.compare(high, low, other.high, other.low);
  }

  @Override
  public String toString() {
    return Ids.hex(high, low);
  }
}
