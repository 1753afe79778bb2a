package dev.varia.core.ad.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;

/** Matrix transpose. */
final class Transpose extends Node {
  private final Node a;

  Transpose(Tape tape, Node a) {
    super(tape, Shape.matrix(a.shape().cols(), a.shape().rows()), needsGrad(a));
    this.a = a;
    transposeInto(valueOf(a), out(), a.shape().rows(), a.shape().cols(), false);
  }

  /** dst (n x m) = src (m x n)^T, or += when {@code add}. */
  static void transposeInto(double[] src, double[] dst, int m, int n, boolean add) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        if (add) {
          dst[j * m + i] += src[i * n + j];
        } else {
          dst[j * m + i] = src[i * n + j];
        }
      }
    }
  }

  @Override
  protected void backward() {
    double[] ga = gradOf(a);
    if (ga != null) {
      transposeInto(outGrad(), ga, shape().rows(), shape().cols(), true);
    }
  }
}
