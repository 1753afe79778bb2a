package dev.varia.inference.guide.internal;

import dev.varia.inference.fit.FitCallback;
import java.util.Arrays;

/**
 * Stops a phase of stochastic optimisation whose objective is getting significantly worse: after
 * {@code skip} steps it takes the median of the next {@code window} estimates as the phase's
 * starting level and, from then on, stops the fit when the median of the last {@code window}
 * estimates falls below it by more than five standard errors of the difference (each median's
 * standard error from its median absolute deviation, robust to the heavy tails of objective
 * estimates) and by more than {@link #MIN_DROP} (near an optimum the estimates hardly vary, so a
 * drop can be significant and still negligible). An objective that drops that clearly means the
 * step size is too large.
 */
public final class DivergenceMonitor implements FitCallback {
  /** The smallest drop of the objective (in nats) that counts as divergence. */
  public static final double MIN_DROP = 1.0;

  private final int skip;
  private final int window;
  private final double[] ring;
  private double startMedian = Double.NaN;
  private double startSe;
  private int seen;
  private boolean diverged;

  /** A monitor ignoring the first {@code skip} steps, comparing windows of {@code window}. */
  public DivergenceMonitor(int skip, int window) {
    this.skip = skip;
    this.window = window;
    this.ring = new double[window];
  }

  /** True if the monitor stopped the fit. */
  public boolean diverged() {
    return diverged;
  }

  @Override
  public boolean afterStep(int step, double objective) {
    seen++;
    if (seen <= skip) {
      return true;
    }
    int k = seen - skip - 1;
    ring[k % window] = objective;
    if (k + 1 == window) {
      double[] m = medianAndSe(ring);
      startMedian = m[0];
      startSe = m[1];
      return true;
    }
    if (k + 1 < 2 * window || (k + 1) % 10 != 0) {
      return true;
    }
    double[] now = medianAndSe(ring);
    double drop = startMedian - now[0];
    if (drop > MIN_DROP && drop > 5 * Math.hypot(startSe, now[1])) {
      diverged = true;
      return false;
    }
    return true;
  }

  /** Median and its standard error, 1.2533 * 1.4826 MAD / sqrt(n). */
  static double[] medianAndSe(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    double med = median(v);
    double[] dev = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      dev[i] = Math.abs(v[i] - med);
    }
    Arrays.sort(dev);
    double mad = median(dev);
    return new double[] {med, 1.2533 * 1.4826 * mad / Math.sqrt(v.length)};
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }
}
