package dev.varia.core.dist.internal;

import dev.varia.core.math.SpecialFunctions;

/**
 * The log mass of Stan's {@code neg_binomial_2(mu, phi)} (mean mu, variance mu + mu^2 / phi), with
 * the mean given directly or as its log ({@code neg_binomial_2_log(eta, phi)}, mu = exp(eta)):
 *
 * <pre>
 * lp = lgamma(x + phi) - lgamma(x + 1) - lgamma(phi) + x log(mu / (mu + phi)) - phi log1p(mu / phi)
 * d/dmu  = x / mu - (x + phi) / (mu + phi)                      (d/deta = mu d/dmu)
 * d/dphi = psi(x + phi) - psi(phi) - log1p(mu / phi) + (mu - x) / (mu + phi)
 * </pre>
 */
public final class NegBinomial2Kernel implements ElementwiseKernel {
  private final boolean logMean;

  /** The kernel for parameters (mu, phi), or (eta, phi) with {@code logMean}. */
  public NegBinomial2Kernel(boolean logMean) {
    this.logMean = logMean;
  }

  @Override
  public int arity() {
    return 2;
  }

  @Override
  public boolean continuous() {
    return false;
  }

  @Override
  public double logDensity(double x, double[] p) {
    if (!DistMath.isCount(x)) {
      return Double.NEGATIVE_INFINITY;
    }
    double phi = p[1];
    double logMu = logMean ? p[0] : Math.log(p[0]);
    double logPhi = Math.log(phi);
    double logMuPlusPhi = SpecialFunctions.logAddExp(logMu, logPhi);
    double xTerm = x == 0 ? 0.0 : x * (logMu - logMuPlusPhi);
    return SpecialFunctions.lgamma(x + phi)
        - DistMath.logFactorial(x)
        - SpecialFunctions.lgamma(phi)
        + xTerm
        - phi * Math.log1p(Math.exp(logMu - logPhi));
  }

  @Override
  public void gradient(double x, double[] p, double[] d) {
    d[0] = 0;
    if (!DistMath.isCount(x)) {
      d[1] = 0;
      d[2] = 0;
      return;
    }
    double phi = p[1];
    double mu = logMean ? Math.exp(p[0]) : p[0];
    double ratio = mu / (mu + phi);
    d[1] = logMean ? x - (x + phi) * ratio : x / mu - (x + phi) / (mu + phi);
    d[2] =
        SpecialFunctions.digamma(x + phi)
            - SpecialFunctions.digamma(phi)
            - Math.log1p(mu / phi)
            + (mu - x) / (mu + phi);
  }
}
