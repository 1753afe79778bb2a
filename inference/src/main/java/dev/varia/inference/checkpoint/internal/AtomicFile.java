package dev.varia.inference.checkpoint.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file atomically: the content goes to a temporary file in the same directory, which is
 * flushed and forced to the device (fsync) and then renamed over the target with an atomic move;
 * finally the directory itself is forced so the rename is durable. A failure at any point before
 * the move (an exception while writing, a crash, a full disk) leaves the previous file untouched;
 * the temporary file is deleted when the failure is an exception.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** Writes the content to a stream; the stream must not be closed by the body. */
  @FunctionalInterface
  public interface Body {
    /** Writes the whole content. */
    void writeTo(OutputStream out) throws IOException;
  }

  /** Replaces {@code target} by what {@code body} writes. */
  public static void write(Path target, Body body) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
    boolean moved = false;
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        body.writeTo(out);
        out.flush();
        channel.force(true);
      }
      Files.move(
          tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
      forceDirectory(dir);
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Makes a rename in {@code dir} durable where the platform allows opening directories. */
  private static void forceDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // not possible on every platform (e.g. Windows); the rename itself is still atomic
    }
  }
}
