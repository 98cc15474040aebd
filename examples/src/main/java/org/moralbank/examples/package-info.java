/** The demo program and the samples quoted in README.md and docs/, compiled by the build. */
package org.moralbank.examples;
