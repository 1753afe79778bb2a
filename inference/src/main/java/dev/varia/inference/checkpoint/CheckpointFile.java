package dev.varia.inference.checkpoint;

import dev.varia.inference.checkpoint.internal.AtomicFile;
import dev.varia.inference.checkpoint.internal.CheckpointJson;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Saves and loads {@link Checkpoint}s as JSON files. Saving is atomic (a temporary file in the same
 * directory, flushed and fsynced, then renamed over the target), so a crash or an error mid-write
 * never leaves a half-written checkpoint: the previous one stays intact. Loading checks the layout
 * and a SHA-256 digest of the content, so truncated, corrupt or edited files give a clear error.
 */
public final class CheckpointFile {
  private CheckpointFile() {}

  /**
   * Writes {@code checkpoint} to {@code path} atomically, replacing any previous file.
   *
   * @throws CheckpointException if the file cannot be written (the previous file is unchanged)
   */
  public static void save(Path path, Checkpoint checkpoint) {
    try {
      AtomicFile.write(path, out -> CheckpointJson.write(checkpoint, out));
    } catch (IOException e) {
      throw new CheckpointException(
          "could not write checkpoint " + path + ": " + e + " (any previous checkpoint is intact)",
          e);
    }
  }

  /**
   * Reads the checkpoint at {@code path}.
   *
   * @throws CheckpointException if the file is missing, unreadable, not a checkpoint, truncated or
   *     corrupt; the message names the file and the problem
   */
  public static Checkpoint load(Path path) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
      return CheckpointJson.read(in, path.toString());
    } catch (NoSuchFileException e) {
      throw new CheckpointException("no checkpoint at " + path, e);
    } catch (IOException e) {
      throw new CheckpointException("could not read checkpoint " + path + ": " + e, e);
    }
  }
}
