package dev.varia.bench;

import java.util.Arrays;

/** Checks that several gradient programs agree on the value and gradient at a point. */
public final class Agreement {
  private Agreement() {}

  /**
   * Evaluates every program at {@code params} and compares each with the first (the hand-written
   * reference): |a - b| <= relTol * (1 + |b|) for the value and for every gradient element, with
   * {@code scale} (for example the number of data points) widening the absolute part for gradients
   * that are sums of many terms.
   *
   * @throws IllegalStateException naming the program, the element and both numbers on a mismatch
   */
  public static void check(
      String what,
      double[] params,
      double relTol,
      double scale,
      String[] names,
      GradientProgram... programs) {
    double[] refGrad = new double[params.length];
    double ref = programs[0].valueAndGrad(params.clone(), refGrad);
    if (!Double.isFinite(ref)) {
      throw new IllegalStateException(what + ": reference value is not finite: " + ref);
    }
    for (int k = 1; k < programs.length; k++) {
      double[] g = new double[params.length];
      // Evaluate twice: the second evaluation runs on a reused (reset) tape.
      programs[k].valueAndGrad(params.clone(), g);
      Arrays.fill(g, Double.NaN);
      double v = programs[k].valueAndGrad(params.clone(), g);
      if (!close(v, ref, relTol, 1)) {
        throw new IllegalStateException(
            what + ": value of " + names[k] + " is " + v + ", " + names[0] + " gives " + ref);
      }
      for (int i = 0; i < g.length; i++) {
        if (!close(g[i], refGrad[i], relTol, scale)) {
          throw new IllegalStateException(
              what
                  + ": gradient element "
                  + i
                  + " of "
                  + names[k]
                  + " is "
                  + g[i]
                  + ", "
                  + names[0]
                  + " gives "
                  + refGrad[i]);
        }
      }
    }
  }

  private static boolean close(double a, double b, double relTol, double scale) {
    return Math.abs(a - b) <= relTol * (scale + Math.abs(b));
  }
}
