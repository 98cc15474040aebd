/**
 * The moral bank (道德银行) domain over the ledger engine. See docs/timebank.md.
 */
package org.moralbank.timebank;
