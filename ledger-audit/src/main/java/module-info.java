/**
 * The auditor's command-line tool. It exports nothing: it is a program, run as {@code java -jar
 * ledger-audit.jar} (or {@code java -m org.moralbank.audit}). Picocli reads the commands'
 * annotated fields reflectively, hence the qualified {@code opens}.
 */
module org.moralbank.audit {
  requires org.moralbank.storage;
  requires com.google.common;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.csv;
  requires info.picocli;

  opens org.moralbank.audit to info.picocli;
}
