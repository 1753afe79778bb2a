package dev.varia.inference.diagnostics;

import java.util.Arrays;
import java.util.Locale;

/**
 * A summary of the draws of one quantity (a latent element such as {@code theta[3]}, or a reported
 * value): mean, standard deviation (divisor n - 1), the Monte Carlo standard error of the mean for
 * independent draws ({@code sd / sqrt(n)}), and type-7 quantiles ({@link Quantiles}).
 *
 * @param name the reported name
 * @param draws the number of draws n
 * @param mean the sample mean
 * @param sd the sample standard deviation (NaN for a single draw)
 * @param mcseMean {@code sd / sqrt(n)}, valid for independent draws (e.g. from a guide)
 * @param probabilities the quantile probabilities, ascending as given
 * @param quantiles the quantiles at those probabilities
 */
public record PosteriorSummary(
    String name,
    int draws,
    double mean,
    double sd,
    double mcseMean,
    double[] probabilities,
    double[] quantiles) {

  /** Stan's default summary probabilities: 5%, 50%, 95%. */
  private static final double[] DEFAULT_PROBABILITIES = {0.05, 0.5, 0.95};

  /** Copies the arrays. */
  public PosteriorSummary {
    probabilities = probabilities.clone();
    quantiles = quantiles.clone();
  }

  /** Mean, sd and the 5%, 50% and 95% quantiles of {@code draws}. */
  public static PosteriorSummary of(String name, double[] draws) {
    return of(name, draws, DEFAULT_PROBABILITIES);
  }

  /**
   * Mean, sd and the quantiles at {@code probabilities} of {@code draws} (not modified).
   *
   * @throws IllegalArgumentException if there are no draws or one is NaN or infinite (naming the
   *     quantity and the draw)
   */
  public static PosteriorSummary of(String name, double[] draws, double... probabilities) {
    int n = draws.length;
    if (n == 0) {
      throw new IllegalArgumentException(name + ": no draws to summarise");
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(draws[i])) {
        throw new IllegalArgumentException(
            name + ": draw " + (i + 1) + " of " + n + " is " + draws[i]);
      }
    }
    // two passes: mean, then a correction and the centred sum of squares (Chan, Golub and LeVeque,
    // "Algorithms for computing the sample variance", The American Statistician 37(3), 1983)
    double sum = 0;
    for (double d : draws) {
      sum += d;
    }
    double mean = sum / n;
    double ss = 0;
    double dev = 0;
    for (double d : draws) {
      ss += (d - mean) * (d - mean);
      dev += d - mean;
    }
    mean += dev / n;
    ss -= dev * dev / n;
    double sd = n > 1 ? Math.sqrt(Math.max(ss, 0) / (n - 1)) : Double.NaN;
    double[] q = Quantiles.type7(draws, probabilities);
    return new PosteriorSummary(name, n, mean, sd, sd / Math.sqrt(n), probabilities, q);
  }

  /**
   * The quantile at probability {@code p}, which must be one of the summary's probabilities.
   *
   * @throws IllegalArgumentException if it is not
   */
  public double quantile(double p) {
    for (int i = 0; i < probabilities.length; i++) {
      if (probabilities[i] == p) {
        return quantiles[i];
      }
    }
    throw new IllegalArgumentException(
        "no quantile at " + p + " in this summary (it has " + Arrays.toString(probabilities) + ")");
  }

  @Override
  public String toString() {
    StringBuilder b =
        new StringBuilder(String.format(Locale.ROOT, "%s: mean %.4g, sd %.4g", name, mean, sd));
    for (int i = 0; i < probabilities.length; i++) {
      b.append(String.format(Locale.ROOT, ", %g%% %.4g", 100 * probabilities[i], quantiles[i]));
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PosteriorSummary s
        && s.name.equals(name)
        && s.draws == draws
        && Double.compare(s.mean, mean) == 0
        && Double.compare(s.sd, sd) == 0
        && Arrays.equals(s.probabilities, probabilities)
        && Arrays.equals(s.quantiles, quantiles);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(quantiles);
  }
}
