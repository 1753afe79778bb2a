package dev.varia.core.math;

import dev.varia.core.math.internal.DifferentiatedContinuedFraction;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.RegularizedGamma;

/**
 * The derivative of the regularised lower incomplete gamma function {@code P(a, x)} in its shape
 * {@code a}, as needed by implicit reparameterisation gradients (Figurnov, Mohamed and Mnih 2018,
 * "Implicit Reparameterization Gradients", NeurIPS): for {@code x ~ Gamma(a, 1)}, {@code dx/da =
 * -(dP/da)(a, x) / p(x; a)}, which is {@code -}{@link #dAOverDensity(double, double)}.
 *
 * <p><b>Method</b> (after Moore 1982, "Algorithm AS 187: Derivatives of the incomplete gamma
 * integral", Applied Statistics 31, 330-335). Write {@code p(x; a) = x^(a-1) e^-x / Gamma(a)} for
 * the density (computed by commons-numbers, which takes care of over- and underflow).
 *
 * <ul>
 *   <li>For {@code x < a + 1}, the series {@code P = (x p / a) S} with {@code S = sum_n s_n},
 *       {@code s_0 = 1}, {@code s_n = s_(n-1) x / (a + n)} (Abramowitz and Stegun 6.5.29).
 *       Differentiated term by term, {@code ds_n/da = -s_n H_n} with {@code H_n = sum_(k=1..n) 1 /
 *       (a + k)}, so {@code dP/da = (x p / a) [(log x - psi(a + 1)) S - sum_n s_n H_n]}.
 *   <li>For {@code x >= a + 1}, Legendre's continued fraction {@code Q = 1 - P = x p F} with {@code
 *       F = 1 / (x + 1 - a - 1 (1 - a) / (x + 3 - a - 2 (2 - a) / (x + 5 - a - ...)))} (A and S
 *       6.5.31), differentiated by {@link DifferentiatedContinuedFraction}: {@code dP/da = -dQ/da =
 *       -x p [(log x - psi(a)) F + dF/da]}.
 * </ul>
 *
 * <p>Both forms are sums of terms of one sign or mildly alternating ones, so the result is accurate
 * to a few hundred ulps relative over the tested range (a from 0.01 to 10^4, x from far in the
 * lower tail to far in the upper tail); {@code log x - psi(a)} is formed as {@code log(x / a) -
 * (psi(a) - log a)} with an asymptotic series for {@code psi(a) - log a} at large a, so it does not
 * lose digits where {@code x} is close to {@code a}. The cost grows like {@code sqrt(a)} terms in
 * the bulk for large {@code a} (about 300 terms at a = 1000).
 */
public final class RegularizedGammaDerivative {
  /** Relative size of the neglected tail of the series. */
  private static final double EPS = 0x1.0p-53;

  /**
   * Convergence threshold of the continued fraction: a few ulps, not one, because past convergence
   * the forward recurrence only adds rounding noise (which a one-ulp test would keep feeding).
   */
  private static final double CF_EPS = 1e-15;

  private static final int MAX_TERMS = 10_000_000;

  private RegularizedGammaDerivative() {}

  /** d/da of the regularised lower incomplete gamma P(a, x), for a > 0, x >= 0. */
  public static double dA(double a, double x) {
    checkArguments(a, x);
    if (x == 0 || x == Double.POSITIVE_INFINITY || Double.isNaN(a + x)) {
      return Double.isNaN(a + x) ? Double.NaN : 0.0;
    }
    double density = RegularizedGamma.P.derivative(a, x);
    return density * dAOverDensity(a, x);
  }

  /**
   * {@code (dP/da)(a, x) / p(x; a)}, where p is the Gamma(a, 1) density: minus the implicit
   * reparameterisation gradient {@code dx/da}. Finite even where the density underflows. At x = 0
   * and x = infinity it is 0 (the quantile of probability 0 or 1 does not move).
   */
  public static double dAOverDensity(double a, double x) {
    checkArguments(a, x);
    if (Double.isNaN(a + x)) {
      return Double.NaN;
    }
    if (x == 0 || x == Double.POSITIVE_INFINITY) {
      return 0.0;
    }
    // log x - psi(a), formed without cancellation when x is close to a
    double logXMinusPsiA = Math.log(x / a) - digammaMinusLog(a);
    if (x < a + 1) {
      return seriesRatio(a, x, logXMinusPsiA - 1 / a);
    }
    return continuedFractionRatio(a, x, logXMinusPsiA);
  }

  /** The series branch: {@code (x / a) [(log x - psi(a+1)) S - sum s_n H_n]}. */
  private static double seriesRatio(double a, double x, double logXMinusPsiA1) {
    double s = 1;
    double sum = 1;
    double h = 0;
    double weighted = 0;
    for (int n = 1; n <= MAX_TERMS; n++) {
      double an = a + n;
      s *= x / an;
      h += 1 / an;
      sum += s;
      weighted += s * h;
      double r = x / (an + 1);
      if (r < 1) {
        // the remaining terms are bounded by a geometric series of ratio r (H grows slowly)
        double tail = s * r / (1 - r);
        if (tail <= EPS * sum && tail * (h + 1 / (1 - r)) <= EPS * weighted) {
          return (x / a) * (logXMinusPsiA1 * sum - weighted);
        }
      }
    }
    throw new ArithmeticException("series for dP/da did not converge for a = " + a + ", x = " + x);
  }

  /** The continued-fraction branch: {@code -x [(log x - psi(a)) F + dF/da]}. */
  private static double continuedFractionRatio(double a, double x, double logXMinusPsiA) {
    double[] f = new double[2];
    DifferentiatedContinuedFraction.evaluate(
        (n, t) -> {
          if (n == 1) {
            t[0] = 1;
            t[1] = 0;
          } else {
            int k = n - 1;
            t[0] = -k * (k - a);
            t[1] = k;
          }
          t[2] = x + 2 * n - 1 - a;
          t[3] = -1;
        },
        logXMinusPsiA,
        CF_EPS,
        MAX_TERMS,
        f);
    return -x * (logXMinusPsiA * f[0] + f[1]);
  }

  /**
   * {@code psi(z) - log z}, accurate to a few ulps of its own (small) value for large z: the
   * asymptotic series {@code -1/(2z) - sum_k B_2k / (2k z^2k)} (A and S 6.3.18) for z >= 10, where
   * the first omitted term is below 5e-17 relative; the difference of commons-numbers' digamma and
   * log below.
   */
  static double digammaMinusLog(double z) {
    if (z >= 10) {
      double r = 1 / (z * z);
      double series =
          r
              * (1.0 / 12
                  - r
                      * (1.0 / 120
                          - r
                              * (1.0 / 252
                                  - r
                                      * (1.0 / 240
                                          - r * (1.0 / 132 - r * (691.0 / 32760 - r / 12))))));
      return -0.5 / z - series;
    }
    return Digamma.value(z) - Math.log(z);
  }

  private static void checkArguments(double a, double x) {
    if (a <= 0 || x < 0) {
      throw new IllegalArgumentException(
          "dP/da needs a > 0 and x >= 0, got a = " + a + ", x = " + x);
    }
  }
}
