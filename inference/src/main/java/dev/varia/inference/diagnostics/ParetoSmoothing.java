package dev.varia.inference.diagnostics;

import dev.varia.inference.diagnostics.internal.GeneralizedParetoFit;
import java.util.Arrays;

/**
 * Pareto-smoothed importance sampling (Vehtari, Simpson, Gelman, Yao and Gabry, "Pareto smoothed
 * importance sampling", JMLR 25, 2024; first circulated 2015) for independent draws: the largest
 * {@code M = ceil(min(S/5, 3 sqrt(S)))} importance ratios are replaced by the expected order
 * statistics of a generalised Pareto distribution fitted to them (Zhang and Stephens 2009 with a
 * weakly informative prior on k), and all weights are truncated at the largest raw ratio. The
 * fitted shape k-hat measures how heavy the tail of the ratios is, which Yao et al. (ICML 2018) use
 * to judge a variational approximation: draws from the guide, ratios {@code p(x, y) / q(x)}.
 */
public final class ParetoSmoothing {
  /** Tails shorter than this are not fitted (as in the loo package). */
  static final int MIN_TAIL = 5;

  private ParetoSmoothing() {}

  /**
   * Smooths {@code logRatios} (log importance ratios, e.g. {@code log p(x_s, y) - log q(x_s)} for
   * draws {@code x_s ~ q}; any additive constant is fine). Entries may be {@code -Infinity} (zero
   * weight).
   *
   * @throws IllegalArgumentException if an entry is NaN or {@code +Infinity}, naming the first one
   */
  public static PsisResult smooth(double[] logRatios) {
    int s = logRatios.length;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < s; i++) {
      double v = logRatios[i];
      if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(
            "log importance ratio " + i + " (0-based) is " + v + "; only finite or -Infinity");
      }
      max = Math.max(max, v);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      throw new IllegalArgumentException("every importance ratio is zero (log ratio -Infinity)");
    }
    double[] lw = new double[s];
    for (int i = 0; i < s; i++) {
      lw[i] = logRatios[i] - max;
    }
    int tail = tailLength(s);
    double k = Double.NaN;
    double sigma = Double.NaN;
    if (tail >= MIN_TAIL && tail < s) {
      double[] sorted = lw.clone();
      Arrays.sort(sorted);
      int[] tailIds = largest(lw, sorted, tail);
      double cutoff = sorted[s - tail - 1]; // largest value below the tail
      double lowest = lw[tailIds[0]];
      double highest = lw[tailIds[tail - 1]];
      if (highest - lowest > Math.ulp(1.0) / 100) {
        double expCutoff = Math.exp(cutoff);
        double[] exceedances = new double[tail];
        for (int j = 0; j < tail; j++) {
          exceedances[j] = Math.exp(lw[tailIds[j]]) - expCutoff;
        }
        GeneralizedParetoFit.Fit fit = GeneralizedParetoFit.fit(exceedances, true);
        k = fit.k();
        sigma = fit.sigma();
        if (Double.isFinite(k)) {
          for (int j = 0; j < tail; j++) {
            double p = (j + 0.5) / tail;
            lw[tailIds[j]] = Math.log(GeneralizedParetoFit.quantile(p, k, sigma) + expCutoff);
          }
        }
      }
    }
    for (int i = 0; i < s; i++) {
      lw[i] = Math.min(lw[i], 0.0) + max; // truncate at the largest raw ratio, shift back
    }
    return new PsisResult(k, sigma, tail, lw);
  }

  /**
   * The indices of the {@code m} largest values, ordered by value (ties by index), found with a
   * primitive sort rather than an O(S log S) sort of boxed indices.
   */
  private static int[] largest(double[] v, double[] sorted, int m) {
    double threshold = sorted[v.length - m];
    int above = 0;
    for (double x : v) {
      if (x > threshold) {
        above++;
      }
    }
    int equalNeeded = m - above;
    Integer[] ids = new Integer[m];
    int n = 0;
    for (int i = 0; i < v.length; i++) {
      if (v[i] > threshold || (v[i] == threshold && equalNeeded-- > 0)) {
        ids[n++] = i;
      }
    }
    Arrays.sort(ids, (a, b) -> Double.compare(v[a], v[b]));
    int[] out = new int[m];
    for (int i = 0; i < m; i++) {
      out[i] = ids[i];
    }
    return out;
  }

  /** {@code ceil(min(S/5, 3 sqrt(S)))}: how many of S ratios form the fitted tail. */
  public static int tailLength(int draws) {
    return (int) Math.ceil(Math.min(0.2 * draws, 3 * Math.sqrt(draws)));
  }
}
