package org.moralbank.timebank.member;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A registry on the heap, for tests, demos and embedders without a database. Thread-safe. */
public final class InMemoryMemberRegistry implements MemberRegistry {
  private final ConcurrentMap<MemberId, MemberProfile> profiles = new ConcurrentHashMap<>();

  /** An empty registry. */
  public InMemoryMemberRegistry() {}

  /**
   * Adds or corrects a profile.
   *
   * @param profile the profile
   * @return this registry
   */
  public InMemoryMemberRegistry put(MemberProfile profile) {
    Objects.requireNonNull(profile, "profile == null");
    profiles.put(profile.id(), profile);
    return this;
  }

  /**
   * Forgets a member's personal data; the journals keep only the pseudonym.
   *
   * @param id the member
   * @return whether there was a profile to forget
   */
  public boolean erase(MemberId id) {
    Objects.requireNonNull(id, "id == null");
    return profiles.remove(id) != null;
  }

  @Override
  public Optional<MemberProfile> find(MemberId id) {
    Objects.requireNonNull(id, "id == null");
    return Optional.ofNullable(profiles.get(id));
  }
}
