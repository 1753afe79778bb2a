package dev.varia.inference.adev;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an estimator carries from one step to the next: the moving-average and learned baselines of
 * score-function sites, by site. Moving averages are updated only at the end of a step with the
 * values seen during it ({@link #endStep()}), so a baseline never depends on the draw it is used
 * for.
 */
public final class EstimatorState {
  private final Map<String, double[]> movingAverages = new LinkedHashMap<>();
  private final Map<String, double[]> learned = new LinkedHashMap<>();
  private final List<Object[]> pending = new ArrayList<>();
  private long densityEvaluations;

  /** Counts one run of {@code density(p, trace)}. */
  void countDensity() {
    densityEvaluations++;
  }

  /**
   * How many times this estimator has scored a trace under a generative function ({@code density}),
   * over all its estimates so far: K per estimate of a K-particle objective. With the number of
   * estimates run with gradients, the cost of a fit in model gradient evaluations.
   */
  public long densityEvaluations() {
    return densityEvaluations;
  }

  /** The current moving average of site {@code key} (0 before the first update). */
  double movingAverage(String key) {
    double[] v = movingAverages.get(key);
    return v == null ? 0.0 : v[0];
  }

  /** Records a loss-to-go seen at site {@code key}, applied at the end of the step. */
  void recordLossToGo(String key, double decay, double value) {
    if (Double.isFinite(value)) {
      pending.add(new Object[] {key, decay, value});
    }
  }

  /** The storage of the learned baseline of site {@code key} (a parameter the optimiser moves). */
  double[] learnedBaseline(String key) {
    return learned.computeIfAbsent(key, k -> new double[1]);
  }

  /** Learned baselines by site, for the optimiser. */
  public Map<String, double[]> learnedBaselines() {
    return java.util.Collections.unmodifiableMap(learned);
  }

  /** Moving averages by site (for checkpoints and inspection). */
  public Map<String, Double> movingAverages() {
    Map<String, Double> m = new LinkedHashMap<>();
    movingAverages.forEach((k, v) -> m.put(k, v[0]));
    return m;
  }

  /** Restores moving averages (from a checkpoint). */
  public void restoreMovingAverages(Map<String, Double> values) {
    movingAverages.clear();
    values.forEach((k, v) -> movingAverages.put(k, new double[] {v, 1}));
  }

  /** Applies the step's baseline updates; call after each gradient step. */
  public void endStep() {
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (Object[] p : pending) {
      double[] s = sums.computeIfAbsent((String) p[0], k -> new double[3]);
      s[0] += (Double) p[2];
      s[1] += 1;
      s[2] = (Double) p[1];
    }
    pending.clear();
    sums.forEach(
        (key, s) -> {
          double mean = s[0] / s[1];
          double[] v = movingAverages.get(key);
          if (v == null) {
            movingAverages.put(key, new double[] {mean, 1});
          } else {
            v[0] = s[2] * v[0] + (1 - s[2]) * mean;
          }
        });
  }
}
