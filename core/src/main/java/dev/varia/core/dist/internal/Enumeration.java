package dev.varia.core.dist.internal;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tensor;

/** Helpers for finite supports. */
public final class Enumeration {
  private Enumeration() {}

  /** The integers {@code from..to} inclusive as a vector. */
  public static Tensor range(int from, int to) {
    double[] v = new double[Math.max(0, to - from + 1)];
    for (int i = 0; i < v.length; i++) {
      v[i] = from + i;
    }
    return Tensor.vector(v);
  }

  /** The largest element of {@code n}. */
  public static double max(Node n) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : Check.values(n)) {
      m = Math.max(m, x);
    }
    return m;
  }

  /** True if every element of {@code n} has the same value. */
  public static boolean allEqual(Node n) {
    double[] v = Check.values(n);
    for (double x : v) {
      if (x != v[0]) {
        return false;
      }
    }
    return true;
  }

  /** The error for a distribution whose support differs between batch elements. */
  public static VariaException notEnumerable(String dist, String why) {
    return new VariaException(dist + " is not enumerable: " + why);
  }
}
