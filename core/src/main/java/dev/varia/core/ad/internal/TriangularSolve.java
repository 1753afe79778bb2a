package dev.varia.core.ad.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;

/**
 * x = T^-1 b (or T^-T b) for a triangular T. Only T's triangle is read, and only it receives a
 * gradient: {@code bbar = T^-T xbar} (resp. {@code T^-1 xbar}) and {@code Tbar = -bbar x^T} (resp.
 * {@code -x bbar^T}), restricted to the triangle.
 */
final class TriangularSolve extends Node {
  private final Node t;
  private final Node b;
  private final boolean lower;
  private final boolean transpose;
  private final int n;
  private final int cols;

  TriangularSolve(Tape tape, Node t, Node b, boolean lower, boolean transpose) {
    super(tape, b.shape(), needsGrad(t, b));
    this.t = t;
    this.b = b;
    this.lower = lower;
    this.transpose = transpose;
    this.n = t.shape().rows();
    this.cols = n == 0 ? 0 : b.size() / n;
    double[] x = out();
    System.arraycopy(valueOf(b), 0, x, 0, x.length);
    MatrixKernels.solveTriangular(valueOf(t), x, n, cols, lower, transpose);
  }

  @Override
  protected void backward() {
    double[] gt = gradOf(t);
    double[] gb = gradOf(b);
    double[] bbar = outGrad().clone();
    MatrixKernels.solveTriangular(valueOf(t), bbar, n, cols, lower, !transpose);
    if (gb != null) {
      for (int i = 0; i < bbar.length; i++) {
        gb[i] += bbar[i];
      }
    }
    if (gt != null) {
      double[] x = out();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (lower ? j > i : j < i) {
            continue;
          }
          // non-transposed: Tbar_ij = -sum_c bbar_ic x_jc ; transposed: Tbar_ij = -sum_c x_ic
          // bbar_jc
          double s = 0;
          for (int c = 0; c < cols; c++) {
            s +=
                transpose
                    ? x[i * cols + c] * bbar[j * cols + c]
                    : bbar[i * cols + c] * x[j * cols + c];
          }
          gt[i * n + j] -= s;
        }
      }
    }
  }
}
