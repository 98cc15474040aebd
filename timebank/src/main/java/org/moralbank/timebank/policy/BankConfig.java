package org.moralbank.timebank.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import org.moralbank.ledger.BranchConfig;
import org.moralbank.ledger.HashAlgorithm;

/**
 * Everything a bank decides once: its id, the head office's branch id, the time zone that
 * defines its calendar days, the hash algorithm of its journals, the service catalogue and the
 * schedule of policies.
 *
 * <p>Which version applies: a service is weighed by the catalogue version in force on the day
 * it started; every other rule uses the policies in force on the day the action is taken (a
 * proposal keeps the approval rule in force when it was recorded).
 *
 * @param bankId as in {@link BranchConfig}: 1 to 63 of {@code a-z 0-9 . _ -}
 * @param headOffice the head office's branch id, same shape (default {@code head-office})
 * @param zone where calendar days begin: per-day maxima, yearly gift caps, ages, report periods
 *     (default Asia/Shanghai)
 * @param algorithm the hash function of every journal of the bank (default SHA-256)
 */
public record BankConfig(
    String bankId,
    String headOffice,
    ZoneId zone,
    HashAlgorithm algorithm,
    ServiceCatalogue catalogue,
    Schedule<Policies> policies) {

  /**
   * Checks the ids' shape and that no component is null.
   *
   * @param bankId the bank's id
   * @param headOffice the head office's branch id
   * @param zone where calendar days begin
   * @param algorithm the hash function of every journal
   * @param catalogue the service types and their weights, by version
   * @param policies the policy versions and the days they take effect
   */
  public BankConfig {
    // BranchConfig owns the shape of bank and branch ids.
    BranchConfig.of(bankId, Objects.requireNonNull(headOffice, "headOffice == null"));
    Objects.requireNonNull(zone, "zone == null");
    Objects.requireNonNull(algorithm, "algorithm == null");
    Objects.requireNonNull(catalogue, "catalogue == null");
    Objects.requireNonNull(policies, "policies == null");
  }

  /**
   * The defaults: head office {@code head-office}, Asia/Shanghai, SHA-256, default catalogue and
   * policies.
   *
   * @param bankId the bank's id
   * @return the configuration
   */
  public static BankConfig of(String bankId) {
    return new BankConfig(
        bankId,
        "head-office",
        ZoneId.of("Asia/Shanghai"),
        HashAlgorithm.SHA_256,
        ServiceCatalogue.defaults(),
        Schedule.of(Policies.defaults()));
  }

  /**
   * {@return the policies in force on {@code date}; the first version also governs earlier dates}
   *
   * @param date a day in the bank's zone
   */
  public Policies policiesOn(LocalDate date) {
    return policies.on(date);
  }

  /**
   * {@return this configuration with head office {@code v}}
   *
   * @param v the head office's branch id
   */
  public BankConfig withHeadOffice(String v) {
    return new BankConfig(bankId, v, zone, algorithm, catalogue, policies);
  }

  /**
   * {@return this configuration with time zone {@code v}}
   *
   * @param v where calendar days begin
   */
  public BankConfig withZone(ZoneId v) {
    return new BankConfig(bankId, headOffice, v, algorithm, catalogue, policies);
  }

  /**
   * {@return this configuration with hash algorithm {@code v}}
   *
   * @param v the hash function of every journal; fixed once the journals exist
   */
  public BankConfig withAlgorithm(HashAlgorithm v) {
    return new BankConfig(bankId, headOffice, zone, v, catalogue, policies);
  }

  /**
   * {@return this configuration with catalogue {@code v}}
   *
   * @param v the service types and their weights, by version
   */
  public BankConfig withCatalogue(ServiceCatalogue v) {
    return new BankConfig(bankId, headOffice, zone, algorithm, v, policies);
  }

  /**
   * {@return this configuration with the policy schedule {@code v}}
   *
   * @param v the policy versions and the days they take effect
   */
  public BankConfig withPolicies(Schedule<Policies> v) {
    return new BankConfig(bankId, headOffice, zone, algorithm, catalogue, v);
  }

  /**
   * {@return this configuration with one version of the policies, in force from the beginning}
   *
   * @param v the policies
   */
  public BankConfig withPolicies(Policies v) {
    return withPolicies(Schedule.of(v));
  }

  /**
   * Reads a configuration file: YAML when the name ends in {@code .yaml} or {@code .yml}, else
   * JSON. The format is described in docs/timebank.md.
   *
   * @param file the configuration file, UTF-8
   * @return the configuration
   * @throws InvalidConfigException if the content is not a valid configuration
   * @throws IOException if the file cannot be read
   */
  public static BankConfig read(Path file) throws IOException {
    Objects.requireNonNull(file, "file == null");
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return name.endsWith(".yaml") || name.endsWith(".yml") ? fromYaml(text) : fromJson(text);
  }

  /**
   * Reads a configuration from YAML text.
   *
   * @param yaml the text
   * @return the configuration
   * @throws InvalidConfigException if the text is not a valid configuration
   */
  public static BankConfig fromYaml(String yaml) {
    return ConfigReader.read(Objects.requireNonNull(yaml, "yaml == null"), true);
  }

  /**
   * Reads a configuration from JSON text.
   *
   * @param json the text
   * @return the configuration
   * @throws InvalidConfigException if the text is not a valid configuration
   */
  public static BankConfig fromJson(String json) {
    return ConfigReader.read(Objects.requireNonNull(json, "json == null"), false);
  }
}
