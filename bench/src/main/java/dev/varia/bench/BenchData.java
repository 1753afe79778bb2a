package dev.varia.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The data of the benchmarks: seeded synthetic Normal data, and the shared logistic-regression data
 * set {@code ../shared/data/logreg_10000x20.csv}, found relative to the repository root (never
 * copied into the repository). A missing file is an error, never a reason to skip.
 */
public final class BenchData {
  /** File name of the logistic-regression data under {@code ../shared/data}. */
  public static final String LOGREG_FILE = "logreg_10000x20.csv";

  private BenchData() {}

  /** {@code n} draws from Normal(1.5, 2) from a fixed seed. */
  public static double[] normalData(int n, long seed) {
    Random rng = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 1.5 + 2.0 * rng.nextGaussian();
    }
    return x;
  }

  /** A design matrix (row-major, rows x cols) and 0/1 responses. */
  public record LogRegData(double[] x, double[] y, int rows, int cols) {}

  /** Reads {@code ../shared/data/logreg_10000x20.csv}: 20 feature columns then y, no header. */
  public static LogRegData logReg() {
    Path file = shared("data/" + LOGREG_FILE);
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
    lines.removeIf(String::isBlank);
    int rows = lines.size();
    int cols = lines.get(0).split(",").length - 1;
    double[] x = new double[rows * cols];
    double[] y = new double[rows];
    for (int r = 0; r < rows; r++) {
      String[] f = lines.get(r).split(",");
      if (f.length != cols + 1) {
        throw new IllegalStateException(
            file + " line " + (r + 1) + ": expected " + (cols + 1) + " fields, got " + f.length);
      }
      for (int c = 0; c < cols; c++) {
        x[r * cols + c] = Double.parseDouble(f[c]);
      }
      y[r] = Double.parseDouble(f[cols]);
    }
    if (rows != 10_000 || cols != 20) {
      throw new IllegalStateException(
          file + ": expected 10000 rows of 20 features, got " + rows + " x " + cols);
    }
    return new LogRegData(x, y, rows, cols);
  }

  /** A file under {@code ../shared} beside the repository root, which must exist. */
  public static Path shared(String relative) {
    Path root = repositoryRoot();
    Path p = root.resolve("..").resolve("shared").resolve(relative).normalize();
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException(
          "shared file missing: "
              + p
              + " (the benchmarks need ../shared beside the repository root "
              + root
              + ")");
    }
    return p;
  }

  /**
   * The repository root (the folder holding {@code .ci/run}): the {@code varia.root} system
   * property, else the first match walking up from the working directory, else from the location of
   * this class (for example {@code bench/target/benchmarks.jar}).
   */
  public static Path repositoryRoot() {
    String prop = System.getProperty("varia.root");
    if (prop != null) {
      Path p = Path.of(prop).toAbsolutePath().normalize();
      if (isRoot(p)) {
        return p;
      }
      throw new IllegalStateException("varia.root=" + prop + " holds no .ci/run");
    }
    Path found = walkUp(Path.of("").toAbsolutePath());
    if (found == null) {
      try {
        Path here =
            Path.of(BenchData.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        found = walkUp(here.toAbsolutePath());
      } catch (URISyntaxException | SecurityException | NullPointerException e) {
        found = null;
      }
    }
    if (found == null) {
      throw new IllegalStateException(
          "cannot find the repository root (a folder holding .ci/run) above "
              + Path.of("").toAbsolutePath()
              + "; run from inside the repository or pass -Dvaria.root=...");
    }
    return found;
  }

  private static Path walkUp(Path p) {
    while (p != null) {
      if (isRoot(p)) {
        return p;
      }
      p = p.getParent();
    }
    return null;
  }

  private static boolean isRoot(Path p) {
    return Files.isRegularFile(p.resolve(".ci").resolve("run"));
  }
}
