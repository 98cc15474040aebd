package org.moralbank.timebank.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The versioned service catalogue. A service is weighed by the version in force on the day it
 * started, so that a new version never changes hours already earned.
 *
 * @param versions in increasing order of both version number and effective date
 */
public record ServiceCatalogue(List<CatalogueVersion> versions) {
  /**
   * Copies the versions; there is at least one, and both numbers and dates increase.
   *
   * @param versions in increasing order of both version number and effective date
   */
  public ServiceCatalogue {
    versions = List.copyOf(Objects.requireNonNull(versions, "versions == null"));
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("a catalogue needs at least one version");
    }
    for (int i = 1; i < versions.size(); i++) {
      CatalogueVersion a = versions.get(i - 1);
      CatalogueVersion b = versions.get(i);
      if (b.version() <= a.version() || !b.effectiveFrom().isAfter(a.effectiveFrom())) {
        throw new IllegalArgumentException(
            "catalogue versions must increase in number and effective date: version "
                + a.version() + " from " + a.effectiveFrom() + " then version " + b.version()
                + " from " + b.effectiveFrom());
      }
    }
  }

  /**
   * A catalogue of the given versions.
   *
   * @param versions in increasing order of both version number and effective date
   * @return the catalogue
   */
  public static ServiceCatalogue of(CatalogueVersion... versions) {
    return new ServiceCatalogue(List.of(versions));
  }

  /**
   * Version 1, from 2000-01-01: the services the moral bank reports name, each weighted one hour of
   * credit per hour of service.
   *
   * @return the default catalogue
   */
  public static ServiceCatalogue defaults() {
    Weight one = Weight.ONE;
    return of(
        CatalogueVersion.of(
            1,
            LocalDate.of(2000, 1, 1),
            ServiceType.of("daily-care", "Home elderly care: daily care", one),
            ServiceType.of("companionship", "Nursing and companionship", one),
            ServiceType.of("errands", "Shopping errands", one),
            ServiceType.of("meal-delivery", "Meal delivery", one),
            ServiceType.of("housekeeping", "Housekeeping", one),
            ServiceType.of("health-care", "Health care", one),
            ServiceType.of("greening", "Greening and flower care", one),
            ServiceType.of("patrol", "Neighbourhood patrol", one),
            ServiceType.of("mediation", "Mediation of disputes", one),
            ServiceType.of("legal-advice", "Legal advice", one),
            ServiceType.of("tutoring", "Tutoring and after-school care", one),
            ServiceType.of("science", "Science popularisation", one),
            ServiceType.of("culture", "Cultural activities", one),
            ServiceType.of("micro-wish", "Micro-wish", one)));
  }

  /**
   * {@return the version in force on {@code date}, or empty before the first version}
   *
   * @param date the day the service started, in the bank's zone
   */
  public Optional<CatalogueVersion> on(LocalDate date) {
    Objects.requireNonNull(date, "date == null");
    CatalogueVersion found = null;
    for (CatalogueVersion v : versions) {
      if (!v.effectiveFrom().isAfter(date)) {
        found = v;
      }
    }
    return Optional.ofNullable(found);
  }
}
