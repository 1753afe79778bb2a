package dev.varia.examples.testing;

import dev.varia.core.testing.SharedFiles;
import dev.varia.examples.ppl.PplProgram;
import dev.varia.lang.data.DataFile;
import dev.varia.lang.data.RawValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the example files (in {@code examples/} at the repository root) and compiles them. */
public final class Examples {
  private Examples() {}

  /** A file under {@code examples/}, which must exist. */
  public static Path file(String relative) {
    Path p = SharedFiles.root().resolve("examples").resolve(relative);
    if (!Files.exists(p)) {
      throw new AssertionError("missing example file " + p);
    }
    return p;
  }

  /**
   * The data file of example {@code name}: {@code examples/NAME.csv} beside it, if there is one.
   */
  public static Optional<Path> data(String name) {
    Path p = SharedFiles.root().resolve("examples").resolve(name + ".csv");
    return Files.exists(p) ? Optional.of(p) : Optional.empty();
  }

  /** {@code examples/NAME.ppl} compiled with the given data: vectors (or numbers) by name. */
  public static PplProgram program(String name, Map<String, double[]> data) {
    Map<String, RawValue> fields = new LinkedHashMap<>();
    data.forEach(
        (k, v) -> {
          List<RawValue> items = new ArrayList<>();
          for (double x : v) {
            items.add(new RawValue.Num(x, x == Math.rint(x), 1, 1));
          }
          fields.put(k, new RawValue.Arr(items, 1, 1));
        });
    return PplProgram.compile(file(name + ".ppl"), DataFile.of("test data", fields));
  }

  /** {@code examples/NAME.ppl} compiled with its data file, if any. */
  public static PplProgram program(String name) {
    return PplProgram.compile(file(name + ".ppl"), data(name));
  }
}
