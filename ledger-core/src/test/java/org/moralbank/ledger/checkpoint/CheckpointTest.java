package org.moralbank.ledger.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.Hash;

class CheckpointTest {
  private static final String ROOT = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";

  @Test
  void body_isOriginSizeRootAndExtensions_eachEndingInNewline() {
    Checkpoint c = new Checkpoint("example.com/behind-the-sofa", 20852163,
        Hash.of(com.google.common.io.BaseEncoding.base64().decode(ROOT)), List.of("ext one"));
    assertEquals("example.com/behind-the-sofa\n20852163\n" + ROOT + "\next one\n", c.body());
    assertEquals(c, Checkpoint.parse(c.body()));
  }

  @Test
  void parse_readsTheSpecExample() {
    Checkpoint c = Checkpoint.parse("example.com/behind-the-sofa\n20852163\n" + ROOT + "\n");
    assertEquals("example.com/behind-the-sofa", c.origin());
    assertEquals(20852163, c.size());
    assertEquals(ROOT, c.rootHash().base64());
    assertEquals(List.of(), c.extensions());
  }

  @Test
  void parse_refusesAnythingMalformed() {
    for (String bad : List.of(
        "o\n5\n" + ROOT, // no final newline
        "o\n5\n", // two lines
        "\n5\n" + ROOT + "\n", // empty origin
        "o\n05\n" + ROOT + "\n", // leading zero
        "o\n+5\n" + ROOT + "\n",
        "o\n-5\n" + ROOT + "\n",
        "o\n 5\n" + ROOT + "\n",
        "o\n9223372036854775808\n" + ROOT + "\n", // 2^63
        "o\n5\n" + ROOT.replace("=", "") + "\n", // unpadded
        "o\n5\n" + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n", // non-canonical last char
        "o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n", // 31 bytes
        "o\n5\n" + ROOT + "\n\n", // empty extension line
        "o\r\n5\n" + ROOT + "\n",
        "o\n5\n" + ROOT + "\nx\u0000y\n")) {
      assertThrows(MalformedNoteException.class, () -> Checkpoint.parse(bad), bad);
    }
    assertEquals(Long.MAX_VALUE, Checkpoint.parse("o\n9223372036854775807\n" + ROOT + "\n").size());
    assertEquals(0, Checkpoint.parse("o\n0\n" + ROOT + "\n").size());
  }

  @Test
  void constructor_refusesLinesThatWouldBreakTheFormat() {
    Hash root = Hash.ZERO;
    assertThrows(MalformedNoteException.class, () -> new Checkpoint("a\nb", 1, root, List.of()));
    assertThrows(MalformedNoteException.class, () -> new Checkpoint("", 1, root, List.of()));
    assertThrows(MalformedNoteException.class, () -> new Checkpoint("o", 1, root, List.of("")));
    assertThrows(IllegalArgumentException.class, () -> new Checkpoint("o", -1, root, List.of()));
  }
}
