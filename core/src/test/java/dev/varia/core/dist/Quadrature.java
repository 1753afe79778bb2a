package dev.varia.core.dist;

import java.util.function.DoubleUnaryOperator;

/**
 * Tanh-sinh (double-exponential) quadrature (Takahasi and Mori 1974), which tolerates integrable
 * endpoint singularities; infinite ranges are mapped onto finite ones with {@code x = c + s tan(pi
 * u / 2)}.
 */
final class Quadrature {
  private static final double H = 1.0 / 32;
  private static final double T_MAX = 4.0;

  private Quadrature() {}

  /** The integral of f over (a, b), both finite. */
  static double finite(DoubleUnaryOperator f, double a, double b) {
    double half = 0.5 * (b - a);
    double sum = 0;
    for (double t = -T_MAX; t <= T_MAX + 1e-12; t += H) {
      double u = 0.5 * Math.PI * Math.sinh(t);
      double cu = Math.cosh(u);
      double w = H * half * 0.5 * Math.PI * Math.cosh(t) / (cu * cu);
      // distance to the nearer endpoint, computed without rounding to it: half (1 - tanh|u|)
      double dist = half * 2 / (1 + Math.exp(2 * Math.abs(u)));
      double x = u < 0 ? a + dist : b - dist;
      if (dist > 0 && x > a && x < b) {
        double fx = f.applyAsDouble(x);
        if (fx != 0) {
          sum += w * fx;
        }
      }
    }
    return sum;
  }

  /**
   * The integral of f over (lower, upper), either bound possibly infinite, split at {@code centre}
   * (inside the range) so that a kink there (a Laplace density) sits at an endpoint; infinite
   * halves are mapped with scale {@code s}.
   */
  static double mapped(DoubleUnaryOperator f, double lower, double upper, double centre, double s) {
    if (centre > lower && centre < upper) {
      return half(f, lower, centre, s) + half(f, centre, upper, s);
    }
    return half(f, lower, upper, s);
  }

  private static double half(DoubleUnaryOperator f, double lower, double upper, double s) {
    if (Double.isFinite(lower) && Double.isFinite(upper)) {
      return finite(f, lower, upper);
    }
    if (Double.isFinite(lower)) {
      return finite(u -> jacobian(f, lower, s, u), 0, 1);
    }
    if (Double.isFinite(upper)) {
      return finite(u -> jacobian(f, upper, s, -u), 0, 1);
    }
    return finite(u -> jacobian(f, 0, s, u), -1, 1);
  }

  private static double jacobian(DoubleUnaryOperator f, double c, double s, double u) {
    double angle = 0.5 * Math.PI * u;
    double cos = Math.cos(angle);
    double x = c + s * Math.tan(angle);
    double fx = f.applyAsDouble(x);
    return fx == 0 ? 0 : fx * s * 0.5 * Math.PI / (cos * cos);
  }
}
