package dev.varia.core.math;

import dev.varia.core.math.internal.DifferentiatedContinuedFraction;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.RegularizedBeta;

/**
 * Derivatives of the regularised incomplete beta function {@code I_x(a, b)} in its shapes {@code a}
 * and {@code b}, as needed by implicit reparameterisation gradients (Figurnov, Mohamed and Mnih
 * 2018): for {@code x ~ Beta(a, b)}, {@code dx/da = -(dI/da) / p(x; a, b)}, which is {@code
 * -}{@link #dAOverDensity(double, double, double)}.
 *
 * <p><b>Method</b> (Boik and Robison-Cox 1998, "Derivatives of the incomplete beta function",
 * Journal of Statistical Software 3(1)): with {@code y = 1 - x} and the density {@code p = x^(a-1)
 * y^(b-1) / B(a, b)} (computed by commons-numbers), for {@code x <= (a + 1) / (a + b + 2)}
 *
 * <pre>
 *   I_x(a, b) = (x y p / a) F,   F = 1 / (1 + d1 / (1 + d2 / (1 + ...))),
 *   d(2m+1) = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)),
 *   d(2m)   = m (b - m) x / ((a + 2m - 1)(a + 2m))
 * </pre>
 *
 * (Abramowitz and Stegun 26.5.8), so {@code dI/dθ = (x y p / a) [(d log K / dθ) F + dF/dθ]} with
 * {@code K = x^a y^b / (a B(a, b))}, {@code d log K / da = log x - 1/a - psi(a) + psi(a + b)} and
 * {@code d log K / db = log y - psi(b) + psi(a + b)}; {@code dF/dθ} comes from the differentiated
 * Wallis recurrences ({@link DifferentiatedContinuedFraction}). For larger x the symmetry {@code
 * I_x(a, b) = 1 - I_y(b, a)} turns the derivative in a into minus the derivative of the mirrored
 * function in its second shape (and vice versa), so the fraction is always evaluated where it
 * converges fast. Differences of digammas are formed as {@code log(1 + b/a)} plus small asymptotic
 * corrections for large shapes, so they keep their digits when a and b are large.
 */
public final class RegularizedBetaDerivative {
  /** Convergence threshold of the continued fraction (a few ulps; see the gamma class). */
  private static final double CF_EPS = 1e-15;

  private static final int MAX_TERMS = 10_000_000;

  private RegularizedBetaDerivative() {}

  /** d/da of the regularised incomplete beta I_x(a, b), 0 <= x <= 1, a, b > 0. */
  public static double dA(double x, double a, double b) {
    checkArguments(x, a, b);
    if (Double.isNaN(x + a + b)) {
      return Double.NaN;
    }
    if (x == 0 || x == 1) {
      return 0.0;
    }
    return RegularizedBeta.derivative(x, a, b) * ratio(x, 1 - x, a, b, true);
  }

  /** d/db of I_x(a, b). */
  public static double dB(double x, double a, double b) {
    checkArguments(x, a, b);
    if (Double.isNaN(x + a + b)) {
      return Double.NaN;
    }
    if (x == 0 || x == 1) {
      return 0.0;
    }
    return RegularizedBeta.derivative(x, a, b) * ratio(x, 1 - x, a, b, false);
  }

  /**
   * {@code (dI/da)(x; a, b) / p(x; a, b)} with p the Beta(a, b) density: minus the implicit
   * reparameterisation gradient {@code dx/da}. Finite even where the density under- or overflows; 0
   * at x = 0 and x = 1.
   */
  public static double dAOverDensity(double x, double a, double b) {
    checkArguments(x, a, b);
    if (Double.isNaN(x + a + b)) {
      return Double.NaN;
    }
    return x == 0 || x == 1 ? 0.0 : ratio(x, 1 - x, a, b, true);
  }

  /** {@code (dI/db)(x; a, b) / p(x; a, b)}: minus {@code dx/db}. */
  public static double dBOverDensity(double x, double a, double b) {
    checkArguments(x, a, b);
    if (Double.isNaN(x + a + b)) {
      return Double.NaN;
    }
    return x == 0 || x == 1 ? 0.0 : ratio(x, 1 - x, a, b, false);
  }

  /**
   * {@code (dI_x(a, b)/dθ) / p} for θ = a ({@code wrtA}) or b, with {@code y = 1 - x} passed
   * separately so the mirrored evaluation does not lose the digits of a small {@code y}.
   */
  private static double ratio(double x, double y, double a, double b, boolean wrtA) {
    if (x > (a + 1) / (a + b + 2)) {
      // I_x(a, b) = 1 - I_y(b, a); the densities agree, the roles of the shapes swap
      return -direct(y, x, b, a, !wrtA);
    }
    return direct(x, y, a, b, wrtA);
  }

  /** The continued-fraction evaluation, for x at most about the mean. */
  private static double direct(double x, double y, double a, double b, boolean wrtA) {
    double dLogK =
        wrtA ? logPlusDigammaDifference(x, a, b) - 1 / a : logPlusDigammaDifference(y, b, a);
    double[] f = new double[2];
    DifferentiatedContinuedFraction.evaluate(
        (n, t) -> betaTerm(n, x, a, b, wrtA, t), dLogK, CF_EPS, MAX_TERMS, f);
    return (x * y / a) * (dLogK * f[0] + f[1]);
  }

  /**
   * {@code log u + psi(s + t) - psi(s)}, formed for large s as {@code log(u) + log1p(t / s) + (psi
   * - log)(s + t) - (psi - log)(s)}, which cancels mildly where u is close to {@code s / (s + t)}
   * (the bulk of the distribution).
   */
  private static double logPlusDigammaDifference(double u, double s, double t) {
    if (s >= 10) {
      return Math.log(u)
          + Math.log1p(t / s)
          + RegularizedGammaDerivative.digammaMinusLog(s + t)
          - RegularizedGammaDerivative.digammaMinusLog(s);
    }
    return Math.log(u) + Digamma.value(s + t) - Digamma.value(s);
  }

  /** Term n of {@code F = 1 / (1 + d1 / (1 + d2 / ...))} and its derivative in a or b. */
  private static void betaTerm(int n, double x, double a, double b, boolean wrtA, double[] t) {
    t[2] = 1;
    t[3] = 0;
    if (n == 1) {
      t[0] = 1;
      t[1] = 0;
      return;
    }
    int k = n - 1;
    if ((k & 1) == 1) {
      int m = (k - 1) / 2;
      double a2m = a + 2 * m;
      double d = -(a + m) * (a + b + m) * x / (a2m * (a2m + 1));
      t[0] = d;
      t[1] =
          wrtA
              ? d * (1 / (a + m) + 1 / (a + b + m) - 1 / a2m - 1 / (a2m + 1))
              : -(a + m) * x / (a2m * (a2m + 1));
    } else {
      int m = k / 2;
      double a2m = a + 2 * m;
      double denom = (a2m - 1) * a2m;
      double d = m * (b - m) * x / denom;
      t[0] = d;
      t[1] = wrtA ? -d * (1 / (a2m - 1) + 1 / a2m) : m * x / denom;
    }
  }

  private static void checkArguments(double x, double a, double b) {
    if (a <= 0 || b <= 0 || x < 0 || x > 1) {
      throw new IllegalArgumentException(
          "dI/da and dI/db need 0 <= x <= 1 and a, b > 0, got x = "
              + x
              + ", a = "
              + a
              + ", b = "
              + b);
    }
  }
}
