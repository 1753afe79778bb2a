package dev.varia.core.math;

import java.util.function.DoubleUnaryOperator;

/**
 * Reference derivatives for the shape-derivative tests: Ridders' (1982) method, central differences
 * at steps h0, h0/1.4, h0/1.4^2, ... extrapolated to zero step with Neville's tableau, returning
 * the estimate and its error estimate.
 */
final class ShapeDerivativeReference {
  private ShapeDerivativeReference() {}

  /** A derivative estimate and its estimated absolute error. */
  record Estimate(double value, double error) {}

  /** The derivative of {@code f} at {@code x} from steps starting at {@code h0}. */
  static Estimate ridders(DoubleUnaryOperator f, double x, double h0) {
    final int levels = 14;
    final double shrink = 1.4;
    final double shrink2 = shrink * shrink;
    double[][] t = new double[levels][levels];
    double h = h0;
    t[0][0] = (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    double best = t[0][0];
    double err = Double.POSITIVE_INFINITY;
    for (int i = 1; i < levels; i++) {
      h /= shrink;
      t[0][i] = (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
      double fac = shrink2;
      for (int j = 1; j <= i; j++) {
        t[j][i] = (t[j - 1][i] * fac - t[j - 1][i - 1]) / (fac - 1);
        fac *= shrink2;
        double e = Math.max(Math.abs(t[j][i] - t[j - 1][i]), Math.abs(t[j][i] - t[j - 1][i - 1]));
        if (e <= err) {
          err = e;
          best = t[j][i];
        }
      }
      // stop once higher orders get worse (rounding dominates)
      if (Math.abs(t[i][i] - t[i - 1][i - 1]) >= 2 * err) {
        break;
      }
    }
    return new Estimate(best, err);
  }
}
