package dev.varia.examples.data;

import dev.varia.core.random.RandomStream;

/**
 * Seeded synthetic data for the wake-sleep example: three clusters on the line, each point from
 * cluster k with probability {@code WEIGHTS[k]} and normal around {@code MU[k]} with a common sd.
 * {@code examples/wake_sleep.csv} holds {@link #example()} (one column, {@code y}).
 *
 * @param y the points
 * @param labels each point's cluster (1, 2 or 3)
 */
public record ClusterData(double[] y, int[] labels) {
  /** The true cluster probabilities. */
  public static final double[] WEIGHTS = {0.5, 0.3, 0.2};

  /** The true cluster means. */
  public static final double[] MU = {-3.0, 0.0, 3.0};

  /** The true common sd. */
  public static final double SIGMA = 0.8;

  /** Copies the arrays. */
  public ClusterData {
    y = y.clone();
    labels = labels.clone();
  }

  /** N points. */
  public static ClusterData generate(int n, long seed) {
    RandomStream rng = RandomStream.seeded(seed);
    double[] y = new double[n];
    int[] z = new int[n];
    for (int i = 0; i < n; i++) {
      double u = rng.uniform();
      int k = 0;
      while (k < WEIGHTS.length - 1 && u >= WEIGHTS[k]) {
        u -= WEIGHTS[k];
        k++;
      }
      z[i] = k + 1;
      y[i] = MU[k] + SIGMA * rng.normal();
    }
    return new ClusterData(y, z);
  }

  /** The data of the example file: 300 points. */
  public static ClusterData example() {
    return generate(300, RegressionData.SEED + 4);
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
