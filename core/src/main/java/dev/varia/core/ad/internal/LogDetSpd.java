package dev.varia.core.ad.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;

/**
 * log det A = 2 sum log L_ii for the symmetric positive-definite A given by its lower triangle. The
 * gradient for symmetric perturbations is A^-1; a lower off-diagonal element receives twice
 * (A^-1)_ij, as it stands for both a_ij and a_ji.
 */
final class LogDetSpd extends Node {
  private final Node a;
  private final double[] l;
  private final int n;

  LogDetSpd(Tape tape, Node a) {
    super(tape, Shape.SCALAR, needsGrad(a));
    this.a = a;
    this.n = a.shape().rows();
    this.l = new double[n * n];
    if (!MatrixKernels.cholesky(valueOf(a), l, n)) {
      throw Linalg.notPositiveDefinite("logDetSpd", a.shape());
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.log(l[i * n + i]);
    }
    out()[0] = 2 * s;
  }

  @Override
  protected void backward() {
    double[] ga = gradOf(a);
    if (ga == null) {
      return;
    }
    // A^-1 = L^-T L^-1: solve L Y = I, then L^T Z = Y.
    double[] inv = new double[n * n];
    for (int i = 0; i < n; i++) {
      inv[i * n + i] = 1;
    }
    MatrixKernels.solveTriangular(l, inv, n, n, true, false);
    MatrixKernels.solveTriangular(l, inv, n, n, true, true);
    double g = outGrad()[0];
    for (int i = 0; i < n; i++) {
      ga[i * n + i] += g * inv[i * n + i];
      for (int j = 0; j < i; j++) {
        ga[i * n + j] += 2 * g * inv[i * n + j];
      }
    }
  }
}
