package org.moralbank.timebank;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A node of the branch tree.
 *
 * @param parent empty for the head office
 * @param name for people, for example the association's name
 * @param closedAt when the branch was closed; empty while it is open
 */
public record BranchInfo(
    String id, BranchKind kind, Optional<String> parent, String name, Instant openedAt, Optional<Instant> closedAt) {
  /**
   * Checks that no field is null.
   *
   * @param id the branch's id
   * @param kind head office, sub-branch or savings branch
   * @param parent empty for the head office
   * @param name for people
   * @param openedAt when the branch was opened
   * @param closedAt when it was closed; empty while it is open
   */
  public BranchInfo {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(parent, "parent == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(openedAt, "openedAt == null");
    Objects.requireNonNull(closedAt, "closedAt == null");
  }

  /** {@return whether the branch is still open} */
  public boolean open() {
    return closedAt.isEmpty();
  }
}
