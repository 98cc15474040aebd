/**
 * Members: pseudonymous ids for the journals, and the registry of personal data that lives
 * outside them.
 *
 * <p>A branch journal never holds a name, a birth date or a contact: only the {@link
 * org.moralbank.timebank.member.MemberId} pseudonym. Everything personal sits behind {@link
 * org.moralbank.timebank.member.MemberRegistry}, which the application backs with its own
 * database, so that a profile can be corrected or erased without rewriting history. The bank
 * reads the registry for ages (minors, age gates), guardians, households and family relations,
 * and for display names when a bank chooses to publish honour lists by name.
 */
package org.moralbank.timebank.member;
