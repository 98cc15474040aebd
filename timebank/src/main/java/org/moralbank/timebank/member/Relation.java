package org.moralbank.timebank.member;

/**
 * What another person is to a member, as the member's profile records it: {@code
 * relations().get(x) == PARENT} means x is the member's parent. Gift policies name the relations
 * to which stored hours may be given.
 */
public enum Relation {
  /** Husband or wife. */
  SPOUSE,
  /** Father or mother. */
  PARENT,
  /** Son or daughter. */
  CHILD,
  /** A parent's parent. */
  GRANDPARENT,
  /** A child's child. */
  GRANDCHILD,
  /** Brother or sister. */
  SIBLING,
  /** The spouse's parent. */
  PARENT_IN_LAW,
  /** Any other relative. */
  OTHER_RELATIVE
}
