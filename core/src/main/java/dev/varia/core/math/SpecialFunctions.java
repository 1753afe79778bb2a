package dev.varia.core.math;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.Erfcx;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.Trigamma;

/**
 * Numerically careful scalar functions used by the AD engine and the distributions. Gamma-family
 * functions come from commons-numbers; the rest are written here for accuracy in the tails.
 */
public final class SpecialFunctions {
  /** log(2 pi) / 2. */
  public static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  private static final double SQRT_HALF = Math.sqrt(0.5);
  private static final double SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);
  private static final double LOG_HALF = Math.log(0.5);

  private SpecialFunctions() {}

  /** log Gamma(x); +infinity at non-positive integers, NaN for NaN. */
  public static double lgamma(double x) {
    if (x <= 0 && x == Math.rint(x)) {
      return Double.POSITIVE_INFINITY;
    }
    return LogGamma.value(x);
  }

  /** The digamma function psi(x) = d/dx log Gamma(x). */
  public static double digamma(double x) {
    return Digamma.value(x);
  }

  /** The trigamma function psi'(x); +infinity at the poles 0, -1, -2, ... */
  public static double trigamma(double x) {
    if (x <= 0) {
      // Reflection psi'(x) = pi^2 / sin^2(pi x) - psi'(1 - x): commons-numbers 1.3 recurses
      // upwards one step per unit, which takes seconds below -1e9 and never ends below -1e15.
      double r = x - Math.rint(x); // exact, in [-1/2, 1/2]; NaN for -infinity
      if (r == 0) {
        return Double.POSITIVE_INFINITY;
      }
      double s = Math.sin(Math.PI * r);
      return Math.PI * Math.PI / (s * s) - Trigamma.value(1 - x);
    }
    return Trigamma.value(x);
  }

  /** The standard normal density. */
  public static double normalPdf(double x) {
    return Math.exp(-0.5 * x * x - HALF_LOG_TWO_PI);
  }

  /** The standard normal CDF Phi(x). */
  public static double normalCdf(double x) {
    return 0.5 * Erfc.value(-x * SQRT_HALF);
  }

  /** log Phi(x), accurate for very negative x (uses the scaled complementary error function). */
  public static double normalLogCdf(double x) {
    if (x > -1) {
      return Math.log1p(-0.5 * Erfc.value(x * SQRT_HALF));
    }
    // Phi(x) = exp(-x^2/2) erfcx(-x/sqrt2) / 2
    return LOG_HALF - 0.5 * x * x + Math.log(Erfcx.value(-x * SQRT_HALF));
  }

  /** d/dx log Phi(x) = phi(x) / Phi(x) (the inverse Mills ratio), stable for all x. */
  public static double normalLogCdfDerivative(double x) {
    if (x > 0) {
      return normalPdf(x) / normalCdf(x);
    }
    return SQRT_TWO_OVER_PI / Erfcx.value(-x * SQRT_HALF);
  }

  /** The logistic function 1 / (1 + exp(-x)). */
  public static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }

  /** log(1 + exp(x)) (softplus), accurate for large |x|. */
  public static double log1pExp(double x) {
    if (x > 0) {
      return x + Math.log1p(Math.exp(-x));
    }
    return Math.log1p(Math.exp(x));
  }

  /** log(sigmoid(x)) = -log1pExp(-x). */
  public static double logSigmoid(double x) {
    return -log1pExp(-x);
  }

  /** log(1 - exp(x)) for x <= 0, accurate near 0 and for very negative x. */
  public static double log1mExp(double x) {
    if (x > -0.6931471805599453) {
      return Math.log(-Math.expm1(x));
    }
    return Math.log1p(-Math.exp(x));
  }

  /** log(exp(a) + exp(b)), stable. */
  public static double logAddExp(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) {
      return b;
    }
    if (b == Double.NEGATIVE_INFINITY) {
      return a;
    }
    double m = Math.max(a, b);
    return m + Math.log1p(Math.exp(-Math.abs(a - b)));
  }

  /** log(sum(exp(x[from..to)))), stable; -infinity for an empty range. */
  public static double logSumExp(double[] x, int from, int to) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = from; i < to; i++) {
      if (x[i] > m) {
        m = x[i];
      }
    }
    if (m == Double.NEGATIVE_INFINITY || m == Double.POSITIVE_INFINITY || Double.isNaN(m)) {
      double s = 0;
      for (int i = from; i < to; i++) {
        s += x[i];
      }
      return Double.isNaN(s) ? Double.NaN : m;
    }
    double s = 0;
    for (int i = from; i < to; i++) {
      s += Math.exp(x[i] - m);
    }
    return m + Math.log(s);
  }
}
