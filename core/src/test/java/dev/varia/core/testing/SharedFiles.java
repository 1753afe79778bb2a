package dev.varia.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository root and the shared files beside it ({@code ../shared}), for tests that read
 * reference data. Missing files fail the test: they are never a reason to skip.
 */
public final class SharedFiles {
  private SharedFiles() {}

  /** The repository root: the {@code varia.root} system property, or found by walking up. */
  public static Path root() {
    String prop = System.getProperty("varia.root");
    if (prop != null && Files.isRegularFile(Path.of(prop, ".ci", "run"))) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isRegularFile(p.resolve(".ci").resolve("run"))) {
        return p;
      }
      p = p.getParent();
    }
    throw new AssertionError("cannot find the repository root (a folder holding .ci/run)");
  }

  /** A file under {@code ../shared}, which must exist. */
  public static Path shared(String relative) {
    Path p = root().resolve("..").resolve("shared").resolve(relative).normalize();
    if (!Files.exists(p)) {
      throw new AssertionError(
          "shared file missing: "
              + p
              + " (CI and developers have ../shared beside the repository"
              + " root)");
    }
    return p;
  }
}
