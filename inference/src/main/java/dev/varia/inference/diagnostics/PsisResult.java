package dev.varia.inference.diagnostics;

/**
 * The result of {@link ParetoSmoothing#smooth}.
 *
 * @param paretoK the fitted tail shape k-hat (NaN if it could not be fitted)
 * @param sigma the fitted tail scale (on the scale of the ratios divided by the largest one)
 * @param tailLength how many of the largest ratios were fitted and smoothed
 * @param smoothedLogWeights the smoothed log weights, on the same scale as the log ratios given
 *     (unnormalised; entries outside the tail are unchanged)
 */
public record PsisResult(
    double paretoK, double sigma, int tailLength, double[] smoothedLogWeights) {

  /** The number of draws S. */
  public int draws() {
    return smoothedLogWeights.length;
  }

  /** The advice category of k-hat for this many draws. */
  public ParetoKAdvice advice() {
    return ParetoKAdvice.of(paretoK, draws());
  }

  /** The advice in words. */
  public String describe() {
    return advice().describe(paretoK, draws());
  }

  /** The smoothed weights normalised to sum to one. */
  public double[] normalizedWeights() {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : smoothedLogWeights) {
      max = Math.max(max, v);
    }
    double[] w = new double[smoothedLogWeights.length];
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      w[i] = Math.exp(smoothedLogWeights[i] - max);
      sum += w[i];
    }
    for (int i = 0; i < w.length; i++) {
      w[i] /= sum;
    }
    return w;
  }

  /** Kish's effective sample size {@code 1 / sum(w^2)} of the normalised smoothed weights. */
  public double effectiveSampleSize() {
    return ImportanceWeights.effectiveSampleSize(smoothedLogWeights);
  }
}
