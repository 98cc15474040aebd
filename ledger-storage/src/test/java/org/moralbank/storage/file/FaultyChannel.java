package org.moralbank.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A file channel that fails on command: a write that stops part-way (a full disk) or a {@code
 * force} that fails (an fsync error). Installed through {@link ChannelOpener}.
 */
final class FaultyChannel extends FileChannel {
  /** What the next writes and forces through any faulty channel do; shared by one test. */
  static final class Faults {
    /** Bytes that may still be written before writes fail; negative for no limit. */
    volatile long writableBytes = -1;
    volatile boolean failForce;
    volatile int writes;
    volatile int forces;

    ChannelOpener opener() {
      return (path, options) -> new FaultyChannel(FileChannel.open(path, options), this);
    }
  }

  private final FileChannel delegate;
  private final Faults faults;

  private FaultyChannel(FileChannel delegate, Faults faults) {
    this.delegate = delegate;
    this.faults = faults;
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    faults.writes++;
    long allowed = faults.writableBytes;
    if (allowed < 0) {
      return delegate.write(src, position);
    }
    if (allowed == 0) {
      throw new IOException("No space left on device (injected)");
    }
    ByteBuffer part = src.duplicate();
    part.limit(part.position() + (int) Math.min(allowed, src.remaining()));
    int n = delegate.write(part, position);
    src.position(src.position() + n);
    faults.writableBytes = allowed - n;
    return n;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    faults.forces++;
    if (faults.failForce) {
      throw new IOException("fsync failed (injected)");
    }
    delegate.force(metaData);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return delegate.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return delegate.read(dsts, offset, length);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    int n = write(src, delegate.position());
    delegate.position(delegate.position() + n);
    return n;
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    long n = 0;
    for (int i = offset; i < offset + length; i++) {
      n += write(srcs[i]);
    }
    return n;
  }

  @Override
  public long position() throws IOException {
    return delegate.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    delegate.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    delegate.truncate(size);
    return this;
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return delegate.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    throw new UnsupportedOperationException("writes go through write(ByteBuffer, long)");
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return delegate.read(dst, position);
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    throw new UnsupportedOperationException("the journal does not map files");
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return delegate.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return delegate.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    delegate.close();
  }
}
