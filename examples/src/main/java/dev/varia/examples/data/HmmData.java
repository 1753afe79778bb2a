package dev.varia.examples.data;

import dev.varia.core.random.RandomStream;

/**
 * Seeded synthetic data for the hidden Markov model example: a two-state Markov chain that starts
 * in either state with probability 1/2 and stays in state k with probability {@code STAY[k]}; each
 * observation is normal around its state's mean. {@code examples/hmm.csv} holds {@link #example()}
 * (one column, {@code y}).
 *
 * @param y the observations
 * @param states the hidden state (1 or 2) at each time, which the model sums out
 */
public record HmmData(double[] y, int[] states) {
  /** The true probabilities of staying in state 1 and in state 2. */
  public static final double[] STAY = {0.9, 0.8};

  /** The true state means. */
  public static final double[] MU = {-1.0, 1.5};

  /** The true observation sd. */
  public static final double SIGMA = 0.6;

  /** Copies the arrays. */
  public HmmData {
    y = y.clone();
    states = states.clone();
  }

  /** T observations. */
  public static HmmData generate(int t, long seed) {
    RandomStream rng = RandomStream.seeded(seed);
    double[] y = new double[t];
    int[] s = new int[t];
    int k = rng.uniform() < 0.5 ? 0 : 1;
    for (int i = 0; i < t; i++) {
      if (i > 0 && rng.uniform() >= STAY[k]) {
        k = 1 - k;
      }
      s[i] = k + 1;
      y[i] = MU[k] + SIGMA * rng.normal();
    }
    return new HmmData(y, s);
  }

  /** The data of the example file: 200 observations. */
  public static HmmData example() {
    return generate(200, RegressionData.SEED + 3);
  }

  /** The CSV text: a header {@code y}, then one observation per line. */
  public String csv() {
    StringBuilder b = new StringBuilder("y\n");
    for (double v : y) {
      b.append(v).append('\n');
    }
    return b.toString();
  }
}
