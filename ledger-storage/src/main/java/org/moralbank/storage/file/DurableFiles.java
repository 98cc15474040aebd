package org.moralbank.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writing files so that they survive a crash whole or not at all. */
final class DurableFiles {
  private static final Logger log = LoggerFactory.getLogger(DurableFiles.class);

  private DurableFiles() {}

  /**
   * Creates {@code dir/name} holding {@code bytes}, atomically: the bytes go to a temporary file
   * that is synced and then renamed over the target, and the directory is synced so that the new
   * name survives a crash. A crash leaves either the old state or the new file, at worst with a
   * stray temporary file, which {@link FileJournalStore} deletes when it opens.
   */
  static Path writeAtomically(Path dir, String name, byte[] bytes, ChannelOpener opener)
      throws IOException {
    Path target = dir.resolve(name);
    Path temp = dir.resolve(name + Format.TEMP_SUFFIX);
    Set<StandardOpenOption> create = Set.of(
        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    try (FileChannel ch = opener.open(temp, create)) {
      writeFully(ch, ByteBuffer.wrap(bytes), 0);
      ch.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(dir);
    return target;
  }

  static void writeFully(FileChannel ch, ByteBuffer src, long position) throws IOException {
    long p = position;
    while (src.hasRemaining()) {
      p += ch.write(src, p);
    }
  }

  /**
   * Syncs a directory, so that files created or renamed in it are durable. Platforms that cannot
   * open a directory as a file (Windows) make directory entries durable on their own, so failing
   * to open one is not an error; failing to sync one that opened is.
   */
  static void syncDirectory(Path dir) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (IOException | UnsupportedOperationException e) {
      log.debug("cannot open directory {} to sync it ({}); relying on the platform", dir,
          e.toString());
      return;
    }
    try (ch) {
      ch.force(true);
    }
  }
}
