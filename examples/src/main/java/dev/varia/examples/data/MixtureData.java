package dev.varia.examples.data;

import dev.varia.core.random.RandomStream;

/**
 * Seeded synthetic data for the Gaussian-mixture example: each point comes from component 1 with
 * probability {@code theta}, else from component 2, and is normal with that component's mean and
 * sd. {@code examples/mixture.csv} holds {@link #example()} (one column, {@code y}).
 *
 * @param y the points
 * @param labels the component (1 or 2) of each point, which the model sums out
 */
public record MixtureData(double[] y, int[] labels) {
  /** The true probability of component 1. */
  public static final double THETA = 0.3;

  /** The true component means. */
  public static final double[] MU = {-2.0, 2.0};

  /** The true component sds. */
  public static final double[] SIGMA = {0.7, 1.0};

  /** Copies the arrays. */
  public MixtureData {
    y = y.clone();
    labels = labels.clone();
  }

  /** N points. */
  public static MixtureData generate(int n, long seed) {
    RandomStream rng = RandomStream.seeded(seed);
    double[] y = new double[n];
    int[] z = new int[n];
    for (int i = 0; i < n; i++) {
      int k = rng.uniform() < THETA ? 0 : 1;
      z[i] = k + 1;
      y[i] = MU[k] + SIGMA[k] * rng.normal();
    }
    return new MixtureData(y, z);
  }

  /** The data of the example file: 300 points. */
  public static MixtureData example() {
    return generate(300, RegressionData.SEED + 2);
  }

  /** The CSV text: a header {@code y}, then one point per line. */
  public String csv() {
    StringBuilder b = new StringBuilder("y\n");
    for (double v : y) {
      b.append(v).append('\n');
    }
    return b.toString();
  }
}
