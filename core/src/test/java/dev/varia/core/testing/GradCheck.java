package dev.varia.core.testing;

import dev.varia.core.ad.Grad;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import java.util.Arrays;

/**
 * Compares reverse-mode gradients with central finite differences. For a non-scalar function the
 * comparison is on {@code sum(w * f)} with fixed pseudo-random weights w, which checks the whole
 * Jacobian through one vector-Jacobian product.
 */
public final class GradCheck {
  private GradCheck() {}

  /**
   * Asserts that the AD gradient of {@code f} at {@code at} matches central differences with step
   * {@code h}: |ad - fd| <= tol * max(1, |fd|) for every element of every input. Also asserts that
   * the value recorded with variable inputs equals (to 1e-12 relative) the value computed with
   * constant inputs, as the finite differences use constants.
   *
   * <p>Choosing h and tol: the central difference errs by about {@code h^2 |f3| / 6} (truncation,
   * f3 the third derivative along the coordinate) plus about {@code eps |f| / h} (rounding). With h
   * = 1e-6 both are near 1e-10 to 1e-8 for moderate values, so tol = 1e-6 leaves a wide margin.
   * Along one coordinate, a function that is linear, bilinear or quadratic (add, mul, matmul,
   * square, indexing, ...) or piecewise so away from its kinks has no truncation error, so a large
   * h (1e-2) and a tol near 1e-10 are justified there.
   */
  public static void check(Grad.Fn f, double h, double tol, Tensor... at) {
    Grad.ValueAndGrad recorded = Grad.valueAndGrad(in -> weighted(f.apply(in)), at);
    Tensor[] ad = recorded.grads();
    double base = weightedValue(f, at);
    double v = recorded.scalar();
    if (!(v == base || Math.abs(v - base) <= 1e-12 * Math.max(1.0, Math.abs(base)))) {
      throw new AssertionError(
          "the value with variable inputs, "
              + v
              + ", differs from the value with constant inputs, "
              + base
              + " (inputs "
              + Arrays.toString(at)
              + ")");
    }
    for (int k = 0; k < at.length; k++) {
      double[] x = at[k].toArray();
      for (int i = 0; i < x.length; i++) {
        double orig = x[i];
        x[i] = orig + h;
        double up = weightedValue(f, replace(at, k, x));
        x[i] = orig - h;
        double down = weightedValue(f, replace(at, k, x));
        x[i] = orig;
        double fd = (up - down) / (2 * h);
        double g = ad[k].get(i);
        if (!(Math.abs(g - fd) <= tol * Math.max(1.0, Math.abs(fd)))) {
          throw new AssertionError(
              "gradient mismatch for input "
                  + k
                  + " element "
                  + i
                  + ": AD "
                  + g
                  + ", finite difference "
                  + fd
                  + " (h "
                  + h
                  + ", tol "
                  + tol
                  + "; AD gradient of input "
                  + k
                  + ": "
                  + ad[k]
                  + "; inputs "
                  + Arrays.toString(at)
                  + ")");
        }
      }
    }
  }

  private static Tensor[] replace(Tensor[] at, int k, double[] x) {
    Tensor[] copy = at.clone();
    copy[k] = Tensor.of(x, at[k].shape().dims());
    return copy;
  }

  /** Fixed weights in [0.5, 1.5) so that no element's contribution cancels another's. */
  private static Node weighted(Node y) {
    if (y.size() == 1) {
      return y.reshape(dev.varia.core.ad.Shape.SCALAR);
    }
    double[] w = new double[y.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = 0.5 + ((i * 0.618033988749895) % 1.0);
    }
    Tape tape = y.tape();
    return y.mul(tape.constant(Tensor.of(w, y.shape().dims()))).sum();
  }

  private static double weightedValue(Grad.Fn f, Tensor[] at) {
    Tape tape = new Tape();
    Node[] in = new Node[at.length];
    for (int i = 0; i < at.length; i++) {
      in[i] = tape.constant(at[i]);
    }
    return weighted(f.apply(in)).item();
  }
}
