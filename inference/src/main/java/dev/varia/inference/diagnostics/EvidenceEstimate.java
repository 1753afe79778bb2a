package dev.varia.inference.diagnostics;

/**
 * An importance-sampling estimate of the log evidence {@code log p(y)} from S log weights {@code
 * w_s = log p(x_s, y) - log q(x_s)}, {@code x_s ~ q}: {@code log Z-hat = log mean exp(w)}. Its
 * standard error is the delta-method one: with {@code u_s = exp(w_s - max w)}, {@code se(log Z-hat)
 * = sd(u) / (sqrt(S) mean(u))} (sd with divisor S - 1). Z-hat itself is unbiased; its log is biased
 * downward by about {@code se^2 / 2}, and the standard error is itself unreliable when the weights
 * are heavy-tailed: check {@link ParetoSmoothing}'s k-hat first (Vehtari et al. 2024).
 *
 * @param logEvidence {@code log Z-hat}
 * @param standardError the delta-method standard error of {@code log Z-hat}
 * @param effectiveSampleSize Kish's effective sample size of the weights
 * @param draws S
 */
public record EvidenceEstimate(
    double logEvidence, double standardError, double effectiveSampleSize, int draws) {

  /**
   * The estimate from {@code logWeights} (raw weights for an unbiased Z-hat, or PSIS-smoothed ones
   * for a steadier, slightly biased one).
   *
   * @throws IllegalArgumentException if a weight is NaN or +Infinity, or there are fewer than 2
   */
  public static EvidenceEstimate of(double[] logWeights) {
    if (logWeights.length < 2) {
      throw new IllegalArgumentException("need at least 2 weights, got " + logWeights.length);
    }
    double max = ImportanceWeights.max(logWeights);
    int s = logWeights.length;
    if (max == Double.NEGATIVE_INFINITY) {
      return new EvidenceEstimate(Double.NEGATIVE_INFINITY, Double.NaN, Double.NaN, s);
    }
    double[] u = new double[s];
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < s; i++) {
      u[i] = Math.exp(logWeights[i] - max);
      sum += u[i];
      sumSq += u[i] * u[i];
    }
    double mean = sum / s;
    double ss = 0;
    for (double ui : u) {
      ss += (ui - mean) * (ui - mean);
    }
    double sd = Math.sqrt(ss / (s - 1));
    return new EvidenceEstimate(
        max + Math.log(mean), sd / (Math.sqrt(s) * mean), sum * sum / sumSq, s);
  }
}
