package org.moralbank.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.moralbank.ledger.checkpoint.MalformedKeyException;
import org.moralbank.ledger.checkpoint.SignatureType;
import org.moralbank.ledger.checkpoint.TrustedKeys;
import org.moralbank.ledger.checkpoint.VerifierKey;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The keys an auditor trusts: {@code --key} for the bank's log keys, {@code --witness}. */
final class TrustOptions {
  @Option(names = "--key", paramLabel = "VKEY", converter = VerifierKeyConverter.class,
      description = "A trusted log (branch) key, as verifier key text name+id+base64."
          + " Repeat for several.")
  List<VerifierKey> keys = new ArrayList<>();

  @Option(names = "--witness", paramLabel = "VKEY", converter = VerifierKeyConverter.class,
      description = "A trusted witness key (cosignature/v1). Repeat for several.")
  List<VerifierKey> witnesses = new ArrayList<>();

  @Option(names = "--quorum", paramLabel = "N",
      description = "How many of the --witness keys must have cosigned (default: all).")
  Integer quorum;

  boolean any() {
    return !keys.isEmpty() || !witnesses.isEmpty();
  }

  /** The trusted keys; a missing log key or an impossible quorum is a usage error. */
  TrustedKeys trusted(CommandSpec spec) {
    if (keys.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Missing --key: name the log key to trust");
    }
    for (VerifierKey k : keys) {
      if (k.type() == SignatureType.COSIGNATURE_V1) {
        throw new ParameterException(spec.commandLine(),
            "--key " + k.name() + " is a witness (cosignature) key: pass it with --witness");
      }
    }
    int q = quorum == null ? witnesses.size() : quorum;
    if (q < 0 || q > witnesses.size()) {
      throw new ParameterException(spec.commandLine(),
          "--quorum must be 0 to " + witnesses.size() + " (the number of --witness keys)");
    }
    return new TrustedKeys(Set.copyOf(keys), Set.copyOf(witnesses), q);
  }

  /** Parses verifier key text; a malformed key is a usage error. */
  static final class VerifierKeyConverter implements CommandLine.ITypeConverter<VerifierKey> {
    @Override
    public VerifierKey convert(String value) {
      try {
        return VerifierKey.parse(value.strip());
      } catch (MalformedKeyException | IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("not a verifier key: " + e.getMessage());
      }
    }
  }
}
