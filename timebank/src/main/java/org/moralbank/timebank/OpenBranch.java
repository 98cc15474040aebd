package org.moralbank.timebank;

import java.util.Objects;
import org.moralbank.ledger.BranchConfig;

/**
 * Opens a sub-branch under the head office, or a savings branch under a sub-branch.
 *
 * @param id the new branch's id: 1 to 63 of {@code a-z 0-9 . _ -}, as {@link BranchConfig}
 * @param name for people, for example "Flower-growing association"
 * @throws IllegalArgumentException for a malformed id or {@link BranchKind#HEAD_OFFICE}
 */
public record OpenBranch(String id, BranchKind kind, String parent, String name) {
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

  public static OpenBranch subBranch(String id, String name, String parent) {
    return new OpenBranch(id, BranchKind.SUB_BRANCH, parent, name);
  }

  public static OpenBranch savings(String id, String name, String parent) {
    return new OpenBranch(id, BranchKind.SAVINGS_BRANCH, parent, name);
  }
}
