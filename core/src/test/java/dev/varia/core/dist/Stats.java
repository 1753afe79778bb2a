package dev.varia.core.dist;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Statistical assertions with tolerances from standard errors: sample mean and variance within
 * {@link #Z} standard errors, Kolmogorov-Smirnov and chi-square goodness of fit at level {@link
 * #ALPHA}.
 */
final class Stats {
  /** Standard errors allowed for moment checks. */
  static final double Z = 4;

  /** Significance level of the goodness-of-fit tests. */
  static final double ALPHA = 1e-4;

  private Stats() {}

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  static double centralMoment(double[] x, double m, int power) {
    double s = 0;
    for (double v : x) {
      s += Math.pow(v - m, power);
    }
    return s / x.length;
  }

  /** |mean - expected| <= Z sqrt(variance / n). */
  static void assertMean(double[] x, double expected, double variance, String what) {
    double m = mean(x);
    double se = Math.sqrt(variance / x.length);
    if (!(Math.abs(m - expected) <= Z * se)) {
      throw new AssertionError(
          what + ": sample mean " + m + " vs " + expected + " (SE " + se + ", n " + x.length + ")");
    }
  }

  /** |s^2 - expected| <= Z SE with SE^2 = (m4 - s^4) / n from the sample fourth central moment. */
  static void assertVariance(double[] x, double expected, String what) {
    double m = mean(x);
    double s2 = centralMoment(x, m, 2) * x.length / (x.length - 1.0);
    double m4 = centralMoment(x, m, 4);
    double se = Math.sqrt(Math.max(m4 - s2 * s2, 0) / x.length);
    if (!(Math.abs(s2 - expected) <= Z * se)) {
      throw new AssertionError(
          what
              + ": sample variance "
              + s2
              + " vs "
              + expected
              + " (SE "
              + se
              + ", n "
              + x.length
              + ")");
    }
  }

  /** Kolmogorov-Smirnov test of continuous draws against {@code cdf}. */
  static void assertKs(double[] draws, DoubleUnaryOperator cdf, String what) {
    double[] x = draws.clone();
    Arrays.sort(x);
    int n = x.length;
    double d = 0;
    for (int i = 0; i < n; i++) {
      double f = cdf.applyAsDouble(x[i]);
      d = Math.max(d, Math.max((i + 1.0) / n - f, f - (double) i / n));
    }
    // asymptotic Kolmogorov tail with Stephens' finite-sample correction
    double c = Math.sqrt(-0.5 * Math.log(ALPHA / 2));
    double crit = c / (Math.sqrt(n) + 0.12 + 0.11 / Math.sqrt(n));
    if (!(d <= crit)) {
      throw new AssertionError(
          what
              + ": KS statistic "
              + d
              + " exceeds "
              + crit
              + " (n "
              + n
              + ", level "
              + ALPHA
              + ")");
    }
  }

  /**
   * Chi-square test of integer draws against a discrete reference: cells of consecutive values
   * merged until each expects at least 5 draws, the last cell holding the upper tail.
   */
  static void assertChiSquare(double[] draws, Ref1D ref, String what) {
    int n = draws.length;
    double[] lowerEdge = new double[256];
    double[] expected = new double[256];
    int cells = 0;
    double acc = 0;
    double cellStart = ref.lower();
    double covered = 0;
    for (double v = ref.lower(); v <= ref.upper() && covered < 1 - 1e-12; v++) {
      double p = Math.exp(ref.logDensity(v));
      acc += p * n;
      covered += p;
      if (acc >= 5) {
        if (cells == lowerEdge.length) {
          lowerEdge = Arrays.copyOf(lowerEdge, cells * 2);
          expected = Arrays.copyOf(expected, cells * 2);
        }
        lowerEdge[cells] = cellStart;
        expected[cells] = acc;
        cells++;
        acc = 0;
        cellStart = v + 1;
      }
    }
    // the rest (and any remainder) joins the last cell, which extends to the upper bound
    double rest = n * (1 - covered) + acc;
    if (cells == 0) {
      lowerEdge[0] = ref.lower();
      expected[0] = n;
      cells = 1;
    } else {
      expected[cells - 1] += rest;
    }
    double[] observed = new double[cells];
    for (double x : draws) {
      double offset = x - ref.lower();
      if (!(x >= ref.lower() && x <= ref.upper() && offset == Math.rint(offset))) {
        throw new AssertionError(what + ": draw " + x + " outside the support");
      }
      int c = Arrays.binarySearch(lowerEdge, 0, cells, x);
      c = c >= 0 ? c : -c - 2;
      observed[c]++;
    }
    if (cells == 1) {
      return; // a single cell: every draw is in the support, nothing else to test
    }
    double stat = 0;
    for (int c = 0; c < cells; c++) {
      double e = expected[c];
      stat += (observed[c] - e) * (observed[c] - e) / e;
    }
    double crit = ChiSquaredDistribution.of(cells - 1).inverseSurvivalProbability(ALPHA);
    if (!(stat <= crit)) {
      throw new AssertionError(
          what
              + ": chi-square "
              + stat
              + " exceeds "
              + crit
              + " ("
              + (cells - 1)
              + " degrees of freedom, observed "
              + Arrays.toString(observed)
              + ", expected "
              + Arrays.toString(Arrays.copyOf(expected, cells))
              + ")");
    }
  }
}
