/** The ledger-audit command-line tool. See docs/auditors-guide.md. */
package org.moralbank.audit;
