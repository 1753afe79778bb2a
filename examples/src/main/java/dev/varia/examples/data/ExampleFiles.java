package dev.varia.examples.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the example files at run time: the repository root is the {@code varia.root} system
 * property (set by {@code examples/run}) or the nearest folder above the working directory that
 * holds {@code examples/run}; shared data sets live beside it in {@code ../shared}.
 */
public final class ExampleFiles {
  private ExampleFiles() {}

  /** The repository root. */
  public static Path root() {
    String prop = System.getProperty("varia.root");
    if (prop != null && Files.isRegularFile(Path.of(prop, "examples", "run"))) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("examples").resolve("run"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "cannot find the repository root (a folder holding examples/run); run from inside the"
            + " repository or set -Dvaria.root");
  }

  /** A file under {@code examples/}, e.g. {@code wake_sleep.ppl} or {@code data/hmm.csv}. */
  public static Path example(String relative) {
    return root().resolve("examples").resolve(relative);
  }

  /** A file under {@code ../shared} beside the repository root, which must exist. */
  public static Path shared(String relative) {
    Path p = root().resolve("..").resolve("shared").resolve(relative).normalize();
    if (!Files.exists(p)) {
      throw new IllegalStateException(
          "missing shared file " + p + " (the shared data sets live beside the repository root)");
    }
    return p;
  }
}
