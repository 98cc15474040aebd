package org.moralbank.storage.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * Opens the channels through which segment files are written and synced: the seam through
 * which tests make a write or a {@code force} fail.
 */
@FunctionalInterface
interface ChannelOpener {
  ChannelOpener DEFAULT = FileChannel::open;

  FileChannel open(Path path, Set<? extends OpenOption> options) throws IOException;
}
