package org.moralbank.ledger.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.proof.TreeHead;

/**
 * The body of a C2SP tlog-checkpoint: the tree head of one log, named by its origin.
 *
 * <pre>
 * &lt;origin&gt;\n
 * &lt;tree size, ASCII decimal, no leading zeros&gt;\n
 * &lt;root hash, standard padded base64 of 32 bytes&gt;\n
 * [&lt;extension line&gt;\n]...
 * </pre>
 *
 * <p>The root is the RFC 6962 root under the bank's hash function (SHA-256 or SM3); the text
 * does not say which, the verifier is told. Extension lines are opaque and NOT RECOMMENDED by the
 * spec; moralbank writes none but keeps those it reads, since signatures cover them.
 *
 * @param origin the log's identity, for moralbank the log key's name (a branch journal)
 * @param size the number of leaves
 * @param rootHash the root hash at that size
 * @param extensions extension lines without their newlines, each non-empty
 */
public record Checkpoint(String origin, long size, Hash rootHash, List<String> extensions) {
  private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");

  /**
   * Checks that the origin and extension lines are single lines and the size is not negative.
   *
   * @param origin the log's identity
   * @param size the number of leaves
   * @param rootHash the root hash at that size
   * @param extensions extension lines without their newlines
   */
  public Checkpoint {
    Objects.requireNonNull(origin, "origin == null");
    NoteText.checkLine(origin, "the origin");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
    Objects.requireNonNull(rootHash, "rootHash == null");
    extensions = List.copyOf(extensions);
    for (String line : extensions) {
      NoteText.checkLine(line, "an extension line");
    }
  }

  /**
   * A checkpoint without extension lines.
   *
   * @param origin the log's identity
   * @param head the size and root
   * @return the checkpoint
   */
  public static Checkpoint of(String origin, TreeHead head) {
    return new Checkpoint(origin, head.size(), head.root(), List.of());
  }

  /** {@return the size and root} */
  public TreeHead head() {
    return new TreeHead(size, rootHash);
  }

  /** {@return the note text: origin, size, root and extension lines, each ending in a newline} */
  public String body() {
    StringBuilder out = new StringBuilder()
        .append(origin).append('\n')
        .append(size).append('\n')
        .append(rootHash.base64()).append('\n');
    for (String line : extensions) {
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /**
   * Parses a checkpoint body (the text of a signed note).
   *
   * @param text the note text
   * @return the checkpoint
   * @throws MalformedNoteException unless the text is at least three non-empty lines, each ending
   *     in a newline, with a decimal size without leading zeros below 2^63 and a canonical base64
   *     root of 32 bytes
   */
  public static Checkpoint parse(String text) {
    Objects.requireNonNull(text, "text == null");
    NoteText.checkCharacters(text, "the checkpoint");
    if (!text.endsWith("\n")) {
      throw new MalformedNoteException("a checkpoint ends in a newline");
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      String line = text.substring(start, end);
      if (line.isEmpty()) {
        throw new MalformedNoteException("line " + (lines.size() + 1) + " of the checkpoint is empty");
      }
      lines.add(line);
      start = end + 1;
    }
    if (lines.size() < 3) {
      throw new MalformedNoteException("a checkpoint has at least 3 lines, not " + lines.size());
    }
    String sizeLine = lines.get(1);
    long size;
    try {
      if (!SIZE.matcher(sizeLine).matches()) {
        throw new NumberFormatException();
      }
      size = Long.parseLong(sizeLine);
    } catch (NumberFormatException e) {
      throw new MalformedNoteException("the tree size is not a decimal below 2^63 without leading zeros: \"" + sizeLine + "\"");
    }
    byte[] root = Base64s.decode(lines.get(2), "the root hash", MalformedNoteException::new);
    if (root.length != Hash.LENGTH) {
      throw new MalformedNoteException("the root hash has " + Hash.LENGTH + " bytes, not " + root.length);
    }
    return new Checkpoint(lines.get(0), size, Hash.of(root), lines.subList(3, lines.size()));
  }
}
