package dev.varia.inference.fit;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Stan ADVI's convergence rule (Kucukelbir et al. 2017): every {@code every} steps, the mean of the
 * objective estimates since the last check is compared with the previous mean; the relative changes
 * are kept in a circular buffer, and the fit has converged when their mean or their median falls
 * below {@code tolerance}.
 */
public final class Convergence {
  private final int every;
  private final double tolerance;
  private final ArrayDeque<Double> changes = new ArrayDeque<>();
  private final int buffer;
  private double sum;
  private int count;
  private double previous = Double.NaN;

  /** The rule with ADVI's defaults: check every 100 steps, tolerance 0.01, buffer of 10. */
  public static Convergence advi() {
    return new Convergence(100, 0.01, 10);
  }

  /** A rule checking every {@code every} steps with the given relative tolerance and buffer. */
  public Convergence(int every, double tolerance, int buffer) {
    if (every < 1 || !(tolerance > 0) || buffer < 1) {
      throw new IllegalArgumentException(
          "convergence needs every >= 1, tolerance > 0 and buffer >= 1");
    }
    this.every = every;
    this.tolerance = tolerance;
    this.buffer = buffer;
  }

  /** Feeds one objective estimate; returns true once the rule says the fit has converged. */
  public boolean add(double objective) {
    if (!Double.isFinite(objective)) {
      return false;
    }
    sum += objective;
    count++;
    if (count < every) {
      return false;
    }
    double mean = sum / count;
    sum = 0;
    count = 0;
    if (Double.isNaN(previous)) {
      previous = mean;
      return false;
    }
    double change = Math.abs((mean - previous) / mean);
    previous = mean;
    if (changes.size() == buffer) {
      changes.removeFirst();
    }
    changes.addLast(change);
    double[] c = changes.stream().mapToDouble(Double::doubleValue).toArray();
    double avg = Arrays.stream(c).average().orElse(Double.NaN);
    Arrays.sort(c);
    double median =
        c.length % 2 == 1 ? c[c.length / 2] : 0.5 * (c[c.length / 2 - 1] + c[c.length / 2]);
    return changes.size() >= 2 && (avg < tolerance || median < tolerance);
  }
}
