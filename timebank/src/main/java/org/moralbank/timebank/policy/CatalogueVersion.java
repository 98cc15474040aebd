package org.moralbank.timebank.policy;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The service types and weights in force from {@code effectiveFrom} until the next version.
 *
 * @param version 1 or more; journaled beside every proposal so the weight applied can be traced
 */
public record CatalogueVersion(int version, LocalDate effectiveFrom, List<ServiceType> types) {
  /**
   * Copies the types; the version is positive and no code is listed twice.
   *
   * @param version 1 or more
   * @param effectiveFrom the first day the version is in force
   * @param types the service types and their weights
   */
  public CatalogueVersion {
    if (version < 1) {
      throw new IllegalArgumentException("catalogue version must be positive: " + version);
    }
    Objects.requireNonNull(effectiveFrom, "effectiveFrom == null");
    types = List.copyOf(Objects.requireNonNull(types, "types == null"));
    Set<String> codes = new HashSet<>();
    for (ServiceType t : types) {
      if (!codes.add(t.code())) {
        throw new IllegalArgumentException(
            "catalogue version " + version + " lists service type " + t.code() + " twice");
      }
    }
  }

  /**
   * A catalogue version of the given types.
   *
   * @param version 1 or more
   * @param effectiveFrom the first day the version is in force
   * @param types the service types and their weights
   * @return the version
   */
  public static CatalogueVersion of(int version, LocalDate effectiveFrom, ServiceType... types) {
    return new CatalogueVersion(version, effectiveFrom, List.of(types));
  }

  /**
   * {@return the service type {@code code}, if this version lists it}
   *
   * @param code the service type code
   */
  public Optional<ServiceType> type(String code) {
    Objects.requireNonNull(code, "code == null");
    for (ServiceType t : types) {
      if (t.code().equals(code)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
