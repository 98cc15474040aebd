package org.moralbank.audit;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --progress} / {@code --no-progress}, shared by every command that scans a journal. */
final class ProgressOption {
  @Option(names = "--progress", negatable = true,
      description = "Show a progress bar on standard error (default: only when it is a"
          + " terminal).")
  Boolean progress;

  /** The bar the option asks for, or, without it, one only when standard error is a terminal. */
  Progress choose(PrintWriter err) {
    return Progress.choose(progress, err);
  }
}
