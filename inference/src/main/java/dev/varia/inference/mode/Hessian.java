package dev.varia.inference.mode;

import dev.varia.inference.optim.DifferentiableFunction;

/**
 * The Hessian of a smooth function by central differences of its gradient: column j is {@code (g(x
 * + h_j e_j) - g(x - h_j e_j)) / (2 h_j)}, symmetrised. Costs 2d gradient evaluations. The error is
 * O(h^2) times the third derivatives (none for a quadratic), plus the gradient's rounding error
 * divided by h.
 */
public final class Hessian {
  private Hessian() {}

  /**
   * The Hessian of {@code f} at {@code x} with steps {@code steps[j]} (null entries of the result
   * are never returned; a non-finite gradient at a probe gives NaN entries).
   */
  public static double[][] centralDifferences(
      DifferentiableFunction f, double[] x, double[] steps) {
    int d = x.length;
    double[][] h = new double[d][d];
    double[] gPlus = new double[d];
    double[] gMinus = new double[d];
    double[] probe = x.clone();
    for (int j = 0; j < d; j++) {
      double step = steps[j];
      probe[j] = x[j] + step;
      f.valueAndGradient(probe, gPlus);
      probe[j] = x[j] - step;
      f.valueAndGradient(probe, gMinus);
      probe[j] = x[j];
      for (int i = 0; i < d; i++) {
        h[i][j] = (gPlus[i] - gMinus[i]) / (2 * step);
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = i + 1; j < d; j++) {
        double s = 0.5 * (h[i][j] + h[j][i]);
        h[i][j] = s;
        h[j][i] = s;
      }
    }
    return h;
  }

  /** Default steps: {@code 1e-4 max(1, |x_j|)}. */
  public static double[] defaultSteps(double[] x) {
    double[] s = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      s[j] = 1e-4 * Math.max(1.0, Math.abs(x[j]));
    }
    return s;
  }
}
