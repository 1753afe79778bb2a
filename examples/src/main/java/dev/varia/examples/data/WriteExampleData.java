package dev.varia.examples.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the synthetic data files of the examples into {@code examples/} (or the folder given as
 * the argument) from their seeded generators, each beside its .ppl file with the same base name
 * (where {@code varia run} finds it); {@code ExampleDataTest} checks the committed files still
 * match.
 */
public final class WriteExampleData {
  private WriteExampleData() {}

  /** Writes every file. */
  public static void main(String[] args) {
    Path dir = args.length > 0 ? Path.of(args[0]) : ExampleFiles.root().resolve("examples");
    try {
      Files.createDirectories(dir);
      write(dir, "linear_regression.csv", RegressionData.linearExample().csv(false));
      write(dir, "logistic_regression.csv", RegressionData.logisticExample().csv(true));
      write(dir, "mixture.csv", MixtureData.example().csv());
      write(dir, "hmm.csv", HmmData.example().csv());
      write(dir, "wake_sleep.csv", ClusterData.example().csv());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path dir, String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
    System.out.println("wrote " + dir.resolve(name));
  }
}
