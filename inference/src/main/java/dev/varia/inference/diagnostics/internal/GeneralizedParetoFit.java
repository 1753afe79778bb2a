package dev.varia.inference.diagnostics.internal;

/**
 * Fits a generalised Pareto distribution {@code F(x) = 1 - (1 + k x / sigma)^(-1/k)} (x >= 0) to a
 * sample by the method of Zhang and Stephens ("A new and efficient estimation method for the
 * generalized Pareto distribution", Technometrics 51(3), 2009): the posterior mean of {@code theta
 * = -k / sigma} over a grid of {@code m = 30 + floor(sqrt(n))} points with profile-likelihood
 * weights, then {@code k = mean(log1p(-theta x))}, {@code sigma = -k / theta}. Optionally {@code k}
 * is shrunk towards 0.5 by a weakly informative prior worth 10 observations ({@code k n / (n + 10)
 * + 5 / (n + 10)}), as in Vehtari, Simpson, Gelman, Yao and Gabry, "Pareto smoothed importance
 * sampling" (JMLR 25, 2024, appendix).
 *
 * <p>k > 0 is a heavy (power-law) tail with finite moments below order 1/k; k = 0 exponential; k <
 * 0 a bounded support.
 */
public final class GeneralizedParetoFit {
  private GeneralizedParetoFit() {}

  /** The fitted shape k and scale sigma. */
  public record Fit(double k, double sigma) {}

  /**
   * Fits to {@code x}, which must be sorted ascending, non-negative, with a positive largest value.
   */
  public static Fit fit(double[] x, boolean weaklyInformativePrior) {
    int n = x.length;
    if (n < 2 || !(x[n - 1] > 0)) {
      throw new IllegalArgumentException("need at least 2 values with a positive maximum");
    }
    double prior = 3;
    int m = 30 + (int) Math.floor(Math.sqrt(n));
    double xstar = x[(int) Math.floor(n / 4.0 + 0.5) - 1]; // first quartile (1-based index)
    double[] theta = new double[m];
    double[] logLik = new double[m];
    double maxLogLik = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < m; j++) {
      theta[j] = 1 / x[n - 1] + (1 - Math.sqrt(m / (j + 0.5))) / prior / xstar;
      double k = meanLog1p(-theta[j], x);
      // profile log-likelihood of theta: n (log(-theta / k) - k - 1)
      double l = n * (Math.log(-theta[j] / k) - k - 1);
      logLik[j] = Double.isNaN(l) ? Double.NEGATIVE_INFINITY : l;
      maxLogLik = Math.max(maxLogLik, logLik[j]);
    }
    double wsum = 0;
    double thetaHat = 0;
    for (int j = 0; j < m; j++) {
      double w = Math.exp(logLik[j] - maxLogLik);
      wsum += w;
      thetaHat += theta[j] * w;
    }
    thetaHat /= wsum;
    double k = meanLog1p(-thetaHat, x);
    double sigma = -k / thetaHat;
    if (Double.isNaN(sigma)) {
      sigma = Double.POSITIVE_INFINITY;
    }
    if (weaklyInformativePrior) {
      k = k * n / (n + 10.0) + 10 * 0.5 / (n + 10.0);
    }
    return new Fit(k, sigma);
  }

  private static double meanLog1p(double a, double[] x) {
    double s = 0;
    for (double xi : x) {
      s += Math.log1p(a * xi);
    }
    return s / x.length;
  }

  /** The p-quantile of the generalised Pareto distribution with shape k and scale sigma. */
  public static double quantile(double p, double k, double sigma) {
    if (k == 0) {
      return -sigma * Math.log1p(-p);
    }
    return sigma * Math.expm1(-k * Math.log1p(-p)) / k;
  }
}
