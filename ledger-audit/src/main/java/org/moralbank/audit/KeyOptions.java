package org.moralbank.audit;

import java.io.IOException;
import java.nio.file.Path;
import org.moralbank.ledger.checkpoint.SignatureType;
import org.moralbank.ledger.checkpoint.SigningKey;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** A private key file and the name and type it signs under. */
final class KeyOptions {
  /** The signature types, as the command line spells them. */
  enum KeyType {
    ED25519(SignatureType.ED25519),
    COSIGNATURE(SignatureType.COSIGNATURE_V1),
    SM2(SignatureType.SM2_SM3);

    final SignatureType type;

    KeyType(SignatureType type) {
      this.type = type;
    }
  }

  @Option(names = "--key-file", required = true, paramLabel = "PEM",
      description = "The private key, PKCS#8 PEM (as 'key generate' writes it).")
  Path file;

  @Option(names = "--name", required = true, paramLabel = "NAME",
      description = "The key's name: for a log key, the checkpoint origin.")
  String name;

  @Option(names = "--type", paramLabel = "TYPE",
      description = "ed25519, cosignature or sm2 (default: cosignature for 'checkpoint"
          + " cosign', else ed25519).")
  KeyType type;

  KeyType type(KeyType fallback) {
    return type == null ? fallback : type;
  }

  /**
   * @throws org.moralbank.ledger.checkpoint.MalformedKeyException if the file is no such key
   *     (exit 3)
   * @throws ParameterException if the name is no key name (exit 2)
   */
  SigningKey load(CommandSpec spec, KeyType fallback) throws IOException {
    String pem = Inputs.text(spec, file, "key");
    try {
      return SigningKey.fromPkcs8Pem(name, type(fallback).type, pem);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--name: " + e.getMessage());
    }
  }
}
