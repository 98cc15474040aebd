/**
 * The flagship demo: a street's moral bank (道德银行) with seven association branches, a simulated
 * year of service on the file journal, signed and witnessed checkpoints, disclosure reports, a
 * statement and a receipt, and an audit of every journal with the auditors' tool. {@link
 * org.moralbank.examples.demo.DemoRun#run} is the way in; {@link org.moralbank.examples.Demo} is
 * the command line.
 */
package org.moralbank.examples.demo;
