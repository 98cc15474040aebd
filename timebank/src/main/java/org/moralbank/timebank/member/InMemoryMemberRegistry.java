package org.moralbank.timebank.member;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A registry on the heap, for tests, demos and embedders without a database. Thread-safe. */
public final class InMemoryMemberRegistry implements MemberRegistry {
  private final ConcurrentMap<MemberId, MemberProfile> profiles = new ConcurrentHashMap<>();

  public InMemoryMemberRegistry() {}

  /** Adds or corrects a profile. */
  public InMemoryMemberRegistry put(MemberProfile profile) {
    Objects.requireNonNull(profile, "profile == null");
    profiles.put(profile.id(), profile);
    return this;
  }

  /** Forgets a member's personal data; the journals keep only the pseudonym. */
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
