package dev.varia.core.ad.internal;

/**
 * Reductions over flat arrays with four independent accumulators, so that the loop is not bound by
 * the latency of one chain of additions (the order of summation differs from a plain loop by
 * reassociation only).
 */
final class VectorKernels {
  private VectorKernels() {}

  /** Sum of x[0..n). */
  static double sum(double[] x, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += x[i];
      s1 += x[i + 1];
      s2 += x[i + 2];
      s3 += x[i + 3];
    }
    for (; i < n; i++) {
      s0 += x[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Sum of x[i] * y[i] for i < n. */
  static double dot(double[] x, double[] y, int n) {
    return MatrixKernels.dot(x, 0, y, 0, n);
  }
}
