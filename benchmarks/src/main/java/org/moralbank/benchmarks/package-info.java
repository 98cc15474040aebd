/**
 * Performance measurements of moralbank, never part of the library jars: JMH benchmarks of the
 * engine, verification, proofs and checkpoint signing, the {@link
 * org.moralbank.benchmarks.LoadComparison} of durable stores against what an application would
 * write instead, and the {@link org.moralbank.benchmarks.ReopenTime} measurement of large file
 * journals. docs/performance.md has the commands and the results.
 */
package org.moralbank.benchmarks;
