package org.moralbank.timebank;

import java.util.Objects;
import org.moralbank.ledger.BranchConfig;

/**
 * Opens a sub-branch under the head office, or a savings branch under a sub-branch.
 *
 * @param id the new branch's id: 1 to 63 of {@code a-z 0-9 . _ -}, as {@link BranchConfig}
 * @param name for people, for example "Flower-growing association"
 */
public record OpenBranch(String id, BranchKind kind, String parent, String name) {
  /**
   * Checks the id's shape, the kind and the name's length, so that a malformed branch never reaches
   * a journal.
   *
   * @param id the new branch's id
   * @param kind a sub-branch or a savings branch
   * @param parent the parent branch's id
   * @param name for people, at most 200 characters
   * @throws IllegalArgumentException for a malformed id, {@link BranchKind#HEAD_OFFICE} or a name
   *     too long
   */
  public OpenBranch {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(parent, "parent == null");
    Objects.requireNonNull(name, "name == null");
    BranchConfig.of("x", id);
    if (kind == BranchKind.HEAD_OFFICE) {
      throw new IllegalArgumentException("a bank has one head office, opened with the bank");
    }
    if (name.length() > Texts.MAX_REASON) {
      throw new IllegalArgumentException("branch name longer than " + Texts.MAX_REASON + " characters");
    }
  }

  /**
   * A sub-branch (分理处): it has no journal and no accounts.
   *
   * @param id the new branch's id
   * @param name for people
   * @param parent the head office's id
   * @return the command
   */
  public static OpenBranch subBranch(String id, String name, String parent) {
    return new OpenBranch(id, BranchKind.SUB_BRANCH, parent, name);
  }

  /**
   * A savings branch (储蓄所), with its own journal, fund, donation pool and redemption sink.
   *
   * @param id the new branch's id
   * @param name for people, for example "Flower-growing association"
   * @param parent the sub-branch it belongs to
   * @return the command
   */
  public static OpenBranch savings(String id, String name, String parent) {
    return new OpenBranch(id, BranchKind.SAVINGS_BRANCH, parent, name);
  }
}
