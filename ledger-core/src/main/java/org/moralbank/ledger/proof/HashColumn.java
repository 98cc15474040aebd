package org.moralbank.ledger.proof;

import java.util.Arrays;
import org.moralbank.ledger.Hash;

/**
 * A growable column of 32-byte hashes packed into byte arrays of 1 MiB (32768 hashes), so that a
 * level of a large tree is neither one huge array (Java arrays stop at 2 GiB) nor millions of
 * objects. The first chunk starts small and doubles, so that small trees stay small.
 */
final class HashColumn {
  private static final int CHUNK_SHIFT = 15;
  private static final int CHUNK_HASHES = 1 << CHUNK_SHIFT;
  private static final int CHUNK_MASK = CHUNK_HASHES - 1;
  private static final int FIRST_CHUNK_HASHES = 16;

  private byte[][] chunks = new byte[1][];
  private long size;

  HashColumn() {
    chunks[0] = new byte[FIRST_CHUNK_HASHES * Hash.LENGTH];
  }

  long size() {
    return size;
  }

  void add(byte[] source, int offset) {
    int chunk = (int) (size >>> CHUNK_SHIFT);
    int slot = (int) (size & CHUNK_MASK);
    if (chunk == chunks.length) {
      chunks = Arrays.copyOf(chunks, chunks.length * 2);
    }
    if (chunks[chunk] == null) {
      chunks[chunk] = new byte[CHUNK_HASHES * Hash.LENGTH];
    } else if ((slot + 1) * Hash.LENGTH > chunks[chunk].length) {
      chunks[chunk] = Arrays.copyOf(chunks[chunk], Math.min(CHUNK_HASHES, slot * 2) * Hash.LENGTH);
    }
    System.arraycopy(source, offset, chunks[chunk], slot * Hash.LENGTH, Hash.LENGTH);
    size++;
  }

  /** The array that holds hash {@code index}; see {@link #offset(long)}. */
  byte[] array(long index) {
    return chunks[(int) (index >>> CHUNK_SHIFT)];
  }

  int offset(long index) {
    return (int) (index & CHUNK_MASK) * Hash.LENGTH;
  }

  Hash get(long index) {
    return Hash.of(array(index), offset(index));
  }

  /** Bytes held by the hash arrays, for the memory accounting of {@link MerkleTree}. */
  long retainedBytes() {
    long total = 0;
    for (byte[] c : chunks) {
      if (c != null) {
        total += c.length;
      }
    }
    return total;
  }
}
