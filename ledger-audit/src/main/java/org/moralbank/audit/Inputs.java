package org.moralbank.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks on the paths a command is given: a wrong path is a usage error (exit 2). */
final class Inputs {
  private Inputs() {}

  /** A file journal directory. */
  static void journalDirectory(CommandSpec spec, Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new ParameterException(spec.commandLine(), "No such journal directory: " + path);
    }
    if (!FileJournalSource.isJournal(path)) {
      throw new ParameterException(spec.commandLine(),
          "Not a file journal directory (no segment files): " + path);
    }
  }

  /** A file journal directory or a JSON Lines export. */
  static void journalOrExport(CommandSpec spec, Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new ParameterException(spec.commandLine(), "No such journal or export: " + path);
    }
    if (Files.isDirectory(path)) {
      journalDirectory(spec, path);
    } else if (!ExportSource.looksLikeExport(path)) {
      throw new ParameterException(spec.commandLine(),
          "Neither a journal directory nor a JSON Lines export: " + path);
    }
  }

  /** A text file's content as strict UTF-8 (signed notes, receipts, PEM keys). */
  static String text(CommandSpec spec, Path path, String what) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new ParameterException(spec.commandLine(), "No such " + what + " file: " + path);
    }
    byte[] bytes = Files.readAllBytes(path);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ParameterException(spec.commandLine(), "Not UTF-8 text: " + path);
    }
  }
}
