package org.moralbank.storage.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a test class's {@code main} in a child JVM on the test class path. */
final class ChildProcess {
  private ChildProcess() {}

  static Process start(Class<?> main, String... args) throws IOException {
    return builder(main, args).start();
  }

  /** Starts {@code main} with its stdout going to {@code output}. */
  static Process start(Path output, Class<?> main, String... args) throws IOException {
    return builder(main, args).redirectOutput(output.toFile()).start();
  }

  private static ProcessBuilder builder(Class<?> main, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"),
        main.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
  }

  /** The child's next line on stdout, or null at its end. */
  static String readLine(Process p) throws IOException {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
        .readLine();
  }
}
