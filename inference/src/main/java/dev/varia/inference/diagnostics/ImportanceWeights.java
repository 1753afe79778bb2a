package dev.varia.inference.diagnostics;

/** Small computations on log importance weights. */
public final class ImportanceWeights {
  private ImportanceWeights() {}

  /**
   * Kish's effective sample size {@code (sum w)^2 / sum w^2} (Kish 1965), computed stably from log
   * weights: between 1 (one weight dominates) and S (equal weights).
   */
  public static double effectiveSampleSize(double[] logWeights) {
    double max = max(logWeights);
    double sum = 0;
    double sumSq = 0;
    for (double lw : logWeights) {
      double w = Math.exp(lw - max);
      sum += w;
      sumSq += w * w;
    }
    return sum * sum / sumSq;
  }

  /** {@code log(mean(exp(w)))}, without overflow. */
  public static double logMeanExp(double[] logWeights) {
    double max = max(logWeights);
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (double lw : logWeights) {
      sum += Math.exp(lw - max);
    }
    return max + Math.log(sum / logWeights.length);
  }

  static double max(double[] logWeights) {
    if (logWeights.length == 0) {
      throw new IllegalArgumentException("no weights");
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < logWeights.length; i++) {
      double v = logWeights[i];
      if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(
            "log weight " + i + " (0-based) is " + v + "; only finite or -Infinity");
      }
      max = Math.max(max, v);
    }
    return max;
  }
}
