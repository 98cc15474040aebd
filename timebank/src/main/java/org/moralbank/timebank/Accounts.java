package org.moralbank.timebank;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.moralbank.ledger.AccountId;
import org.moralbank.timebank.member.MemberId;

/**
 * The account layout of every savings branch journal (docs/timebank.md, "Accounts"). The fixed
 * accounts have small ids; accounts named after a member or a branch take the first 16 bytes of
 * SHA-256 of a UTF-8 label, read as two big-endian longs, so that any tool can find them from the
 * pseudonym alone.
 */
final class Accounts {
  /** Issues hours for approved service; takes back deductions and expired hours. */
  static final AccountId FUND = AccountId.of(1);
  /** The donation pool: donations and balance-cap overflow in, grants out. */
  static final AccountId POOL = AccountId.of(2);
  /** Where rewards bought at this branch go. */
  static final AccountId SINK = AccountId.of(3);

  private Accounts() {}

  /** {@code SHA-256("member:" + id)}: the member's main hours. */
  static AccountId member(MemberId id) {
    return derive("member:" + id.value());
  }

  /** {@code SHA-256("donate-only:" + id)}: hours from group activities, which may only be donated. */
  static AccountId donateOnly(MemberId id) {
    return derive("donate-only:" + id.value());
  }

  /** {@code SHA-256("clearing:" + branch)}: this branch's position towards {@code branch}. */
  static AccountId clearing(String branch) {
    return derive("clearing:" + branch);
  }

  static AccountId derive(String label) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8));
      ByteBuffer b = ByteBuffer.wrap(d);
      // Zero or all ones would need a SHA-256 prefix of 128 equal bits: AccountId rejects it.
      return new AccountId(b.getLong(), b.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }
}
