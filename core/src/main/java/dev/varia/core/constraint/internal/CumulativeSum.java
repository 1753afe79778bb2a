package dev.varia.core.constraint.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.ShapeException;
import dev.varia.core.ad.Tape;

/**
 * Running sums of a vector as one tape node: prefix sums {@code y_k = x_1 + ... + x_k}, or suffix
 * sums {@code y_k = x_k + ... + x_n} ({@code reverse}). The backward pass is the running sum in the
 * other direction.
 */
public final class CumulativeSum extends Node {
  private final Node x;
  private final boolean reverse;

  private CumulativeSum(Tape tape, Node x, boolean reverse) {
    super(tape, x.shape(), needsGrad(x));
    this.x = x;
    this.reverse = reverse;
    scan(valueOf(x), out(), reverse, false);
  }

  /** Prefix sums of a vector, or suffix sums when {@code reverse}. */
  public static Node of(Node x, boolean reverse) {
    if (!x.shape().isVector()) {
      throw new ShapeException("cumulative sum needs a vector, got shape " + x.shape());
    }
    return new CumulativeSum(tapeOf(x), x, reverse);
  }

  /** Writes (or, with {@code add}, adds) the running sums of {@code in} into {@code out}. */
  private static void scan(double[] in, double[] out, boolean reverse, boolean add) {
    int n = in.length;
    double s = 0;
    for (int k = 0; k < n; k++) {
      int i = reverse ? n - 1 - k : k;
      s += in[i];
      out[i] = add ? out[i] + s : s;
    }
  }

  @Override
  protected void backward() {
    double[] gx = gradOf(x);
    if (gx != null) {
      // y_k depends on x_i for i <= k (prefix): dx_i gets the sum of dy_k over k >= i
      scan(outGrad(), gx, !reverse, true);
    }
  }
}
