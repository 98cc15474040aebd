/**
 * The rules a bank may change: the versioned service catalogue with exact weights, the policies
 * (each with an effective date), and the bank's configuration, in code or in a JSON or YAML file.
 *
 * <pre>
 *   BankConfig ─┬─ ServiceCatalogue ── CatalogueVersion (version, effectiveFrom) ── ServiceType (weight n/d)
 *               └─ Schedule&lt;Policies&gt; ── Dated(effectiveFrom, Policies)
 *                                        Policies: ages, service guards, approvals, redemption,
 *                                        gifts, balance cap, grants, honours, reach, expiry
 * </pre>
 *
 * <p>Every value here is immutable and validated when made: a bad value is an {@link
 * java.lang.IllegalArgumentException} naming it; a bad configuration file is an {@link
 * org.moralbank.timebank.policy.InvalidConfigException} naming the path of the offending field.
 * Which version of a rule applies is documented on {@link
 * org.moralbank.timebank.policy.BankConfig#policiesOn}.
 */
package org.moralbank.timebank.policy;
