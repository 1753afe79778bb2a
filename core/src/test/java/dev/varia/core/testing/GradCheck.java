package dev.varia.core.testing;

import dev.varia.core.ad.Grad;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;

/**
 * Compares reverse-mode gradients with central finite differences. For a non-scalar function the
 * comparison is on {@code sum(w * f)} with fixed pseudo-random weights w, which checks the whole
 * Jacobian through one vector-Jacobian product.
 */
public final class GradCheck {
  private GradCheck() {}

  /**
   * Asserts that the AD gradient of {@code f} at {@code at} matches central differences with step
   * {@code h}: |ad - fd| <= tol * max(1, |fd|) for every element of every input.
   */
  public static void check(Grad.Fn f, double h, double tol, Tensor... at) {
    Tensor[] ad = weightedGrad(f, at);
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
                  + ", finite"
                  + " difference "
                  + fd
                  + " (inputs "
                  + java.util.Arrays.toString(at)
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

  private static Tensor[] weightedGrad(Grad.Fn f, Tensor[] at) {
    return Grad.grad(in -> weighted(f.apply(in)), at);
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
