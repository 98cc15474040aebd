package org.moralbank.timebank.member;

/**
 * What another person is to a member, as the member's profile records it: {@code
 * relations().get(x) == PARENT} means x is the member's parent. Gift policies name the relations
 * to which stored hours may be given.
 */
public enum Relation {
  SPOUSE,
  PARENT,
  CHILD,
  GRANDPARENT,
  GRANDCHILD,
  SIBLING,
  PARENT_IN_LAW,
  OTHER_RELATIVE
}
