package dev.varia.core.ad.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;

/**
 * The lower Cholesky factor L of the symmetric matrix given by the lower triangle of its input.
 *
 * <p>Backward (Murray 2016, "Differentiation of the Cholesky decomposition"): with {@code P =
 * Phi(L^T Lbar)}, Phi taking the lower triangle and halving the diagonal, the gradient for
 * symmetric perturbations is {@code Abar = L^-T P L^-1}; as only the lower triangle is read, an
 * off-diagonal element a_ij (i > j) receives {@code Abar_ij + Abar_ji}.
 */
final class CholeskyNode extends Node {
  private final Node a;
  private final int n;

  CholeskyNode(Tape tape, Node a) {
    super(tape, a.shape(), needsGrad(a));
    this.a = a;
    this.n = a.shape().rows();
    if (!MatrixKernels.cholesky(valueOf(a), out(), n)) {
      throw Linalg.notPositiveDefinite("cholesky", a.shape());
    }
  }

  @Override
  protected void backward() {
    double[] ga = gradOf(a);
    if (ga == null) {
      return;
    }
    double[] l = out();
    double[] lbar = outGrad();
    // P = Phi(L^T Lbar)
    double[] p = new double[n * n];
    MatrixKernels.multiplyAddTransA(l, lbar, p, n, n, n);
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        p[i * n + j] = 0;
      }
      p[i * n + i] *= 0.5;
    }
    // Abar = L^-T P L^-1: first Y = L^-T P, then Abar^T = L^-T Y^T.
    MatrixKernels.solveTriangular(l, p, n, n, true, true);
    double[] yt = new double[n * n];
    Transpose.transposeInto(p, yt, n, n, false);
    MatrixKernels.solveTriangular(l, yt, n, n, true, true);
    // yt now holds Abar^T; element (i, j) of Abar is yt[j * n + i].
    for (int i = 0; i < n; i++) {
      ga[i * n + i] += yt[i * n + i];
      for (int j = 0; j < i; j++) {
        ga[i * n + j] += yt[j * n + i] + yt[i * n + j];
      }
    }
  }
}
