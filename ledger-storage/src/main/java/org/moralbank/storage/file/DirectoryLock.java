package org.moralbank.storage.file;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-writer guard of a journal directory: an OS file lock on {@value #FILE}, which other
 * processes see, and a set of the directories this JVM holds, because the JVM owns file locks for
 * the whole process and answers a second {@code tryLock} with an exception instead of "locked".
 * The lock file holds the owner's process id, for the operator; the OS releases the lock when the
 * process dies, however it dies.
 */
final class DirectoryLock implements Closeable {
  static final String FILE = "journal.lock";
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(Path key, FileChannel channel, FileLock lock) {
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  static DirectoryLock acquire(Path dir) throws IOException {
    Path key = dir.toRealPath();
    if (!HELD.add(key)) {
      throw new JournalLockedException(dir, "in this process");
    }
    FileChannel ch = null;
    try {
      Path file = dir.resolve(FILE);
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new JournalLockedException(dir, "by another process" + owner(file));
      }
      ch.truncate(0);
      DurableFiles.writeFully(ch, ByteBuffer.wrap(
          (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      return new DirectoryLock(key, ch, lock);
    } catch (IOException | RuntimeException | Error e) {
      HELD.remove(key);
      if (ch != null) {
        ch.close();
      }
      throw e;
    }
  }

  private static String owner(Path file) {
    try {
      String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return pid.isEmpty() ? "" : " (process id " + pid + ")";
    } catch (IOException e) {
      return ""; // some platforms do not let anyone read a locked file
    }
  }

  @Override
  public void close() throws IOException {
    try (channel) {
      lock.release();
    } finally {
      HELD.remove(key);
    }
  }
}
