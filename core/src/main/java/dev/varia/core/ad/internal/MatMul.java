package dev.varia.core.ad.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;

/** c = a b for a (m x k) and b (k x n) in row-major storage; vectors are 1 x k or k x 1. */
final class MatMul extends Node {
  private final Node a;
  private final Node b;
  private final int m;
  private final int k;
  private final int n;

  MatMul(Tape tape, Shape shape, Node a, Node b, int m, int k, int n) {
    super(tape, shape, needsGrad(a, b));
    this.a = a;
    this.b = b;
    this.m = m;
    this.k = k;
    this.n = n;
    MatrixKernels.multiply(valueOf(a), valueOf(b), out(), m, k, n);
  }

  @Override
  protected void backward() {
    double[] g = outGrad();
    double[] ga = gradOf(a);
    double[] gb = gradOf(b);
    if (ga != null) {
      // dA = G B^T : (m x n)(n x k)
      MatrixKernels.multiplyAddTransB(g, valueOf(b), ga, m, n, k);
    }
    if (gb != null) {
      // dB = A^T G : (k x m)(m x n)
      MatrixKernels.multiplyAddTransA(valueOf(a), g, gb, k, m, n);
    }
  }
}
