package org.moralbank.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.moralbank.ledger.checkpoint.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code key generate} and {@code key vkey}: the keys that sign checkpoints and cosignatures. */
@Command(name = "key", mixinStandardHelpOptions = true,
    description = "Makes signing keys and prints their verifier keys.",
    subcommands = {KeyCommand.Generate.class, KeyCommand.Vkey.class})
final class KeyCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing a command: generate or vkey");
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Writes a new private key (PKCS#8 PEM, readable by its owner only) and prints"
          + " its verifier key.")
  static final class Generate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--name", required = true, paramLabel = "NAME",
        description = "The key's name: for a log key, the checkpoint origin,"
            + " e.g. bank.example/bank-1/branch-1.")
    String name;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "ED25519",
        description = "ed25519 (a log), cosignature (a witness) or sm2 (a log bound to SM2);"
            + " default ${DEFAULT-VALUE}.")
    KeyOptions.KeyType type;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PEM",
        description = "The file to create for the private key.")
    Path output;

    @Override
    public Integer call() throws IOException {
      SigningKey key;
      try {
        key = SigningKey.generate(name, type.type, new SecureRandom());
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      try {
        Files.createFile(output, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(output);
      } catch (FileAlreadyExistsException e) {
        throw new ParameterException(spec.commandLine(), "Will not overwrite " + output);
      }
      Files.writeString(output, key.toPkcs8Pem(), StandardCharsets.US_ASCII);
      PrintWriter out = spec.commandLine().getOut();
      out.println(key.verifierKey().encode());
      out.flush();
      return Exit.SOUND;
    }
  }

  @Command(name = "vkey", mixinStandardHelpOptions = true,
      description = "Prints the verifier key of a private key file.")
  static final class Vkey implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin KeyOptions key;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      out.println(key.load(spec, KeyOptions.KeyType.ED25519).verifierKey().encode());
      out.flush();
      return Exit.SOUND;
    }
  }
}
