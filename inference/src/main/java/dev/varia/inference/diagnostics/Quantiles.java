package dev.varia.inference.diagnostics;

import java.util.Arrays;

/**
 * Sample quantiles of type 7 in the taxonomy of Hyndman and Fan ("Sample quantiles in statistical
 * packages", The American Statistician 50(4), 1996): R's default and numpy's "linear". For sorted
 * {@code x_1 <= ... <= x_n} and {@code h = (n - 1) p}, the p-quantile is {@code x_{floor(h)+1} + (h
 * - floor(h)) (x_{floor(h)+2} - x_{floor(h)+1})} (1-based).
 */
public final class Quantiles {
  private Quantiles() {}

  /** The type-7 quantiles of {@code draws} (not modified) at each probability in {@code probs}. */
  public static double[] type7(double[] draws, double... probs) {
    double[] sorted = draws.clone();
    Arrays.sort(sorted);
    return type7Sorted(sorted, probs);
  }

  /** As {@link #type7}, for draws already sorted ascending. */
  public static double[] type7Sorted(double[] sorted, double... probs) {
    int n = sorted.length;
    if (n == 0) {
      throw new IllegalArgumentException("no draws");
    }
    double[] q = new double[probs.length];
    for (int j = 0; j < probs.length; j++) {
      double p = probs[j];
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
      }
      double h = (n - 1) * p;
      int lo = (int) Math.floor(h);
      if (lo >= n - 1) {
        q[j] = sorted[n - 1];
      } else {
        q[j] = sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
      }
    }
    return q;
  }
}
