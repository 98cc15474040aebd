package org.moralbank.timebank.member;

import java.util.Optional;

/**
 * Where personal data lives: outside every journal, so that it can be corrected or erased. The
 * application implements this over its own database; {@link InMemoryMemberRegistry} serves tests
 * and small embedders.
 *
 * <p>The bank only reads the registry, at the moment a rule needs it (an age on the day of a
 * redemption, a relation when hours are gifted, a display name for an honour list). A member
 * whose profile is missing or erased keeps their hours and history; the rules that need personal
 * data refuse their new actions with {@code Reason.MEMBER_UNKNOWN}.
 *
 * <p>Implementations must be thread-safe.
 */
public interface MemberRegistry {
  /**
   * {@return the member's current profile, or empty when the member is unknown or erased}
   *
   * @param id the member
   */
  Optional<MemberProfile> find(MemberId id);
}
