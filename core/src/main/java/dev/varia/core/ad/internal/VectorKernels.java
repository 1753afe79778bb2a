package dev.varia.core.ad.internal;

/**
 * Reductions over flat arrays with eight independent accumulators, so that the loop is bound by the
 * throughput of additions rather than the latency of one chain (the order of summation differs from
 * a plain loop by reassociation only). {@link Reduce} sums, sums of squares and these kernels share
 * one summation order.
 */
final class VectorKernels {
  private VectorKernels() {}

  /** Sum of x[0..n). */
  static double sum(double[] x, int n) {
    return sum(x, 0, n);
  }

  /** Sum of x[start..start+len). */
  static double sum(double[] x, int start, int len) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int i = start;
    int end = start + len;
    for (; i + 7 < end; i += 8) {
      s0 += x[i];
      s1 += x[i + 1];
      s2 += x[i + 2];
      s3 += x[i + 3];
      s4 += x[i + 4];
      s5 += x[i + 5];
      s6 += x[i + 6];
      s7 += x[i + 7];
    }
    for (; i < end; i++) {
      s0 += x[i];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /**
   * Sum of x[i]^2 for i in [start, start+len), in the order of {@link #sum(double[], int, int)}.
   */
  static double sumSquares(double[] x, int start, int len) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int i = start;
    int end = start + len;
    for (; i + 7 < end; i += 8) {
      s0 += x[i] * x[i];
      s1 += x[i + 1] * x[i + 1];
      s2 += x[i + 2] * x[i + 2];
      s3 += x[i + 3] * x[i + 3];
      s4 += x[i + 4] * x[i + 4];
      s5 += x[i + 5] * x[i + 5];
      s6 += x[i + 6] * x[i + 6];
      s7 += x[i + 7] * x[i + 7];
    }
    for (; i < end; i++) {
      s0 += x[i] * x[i];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** Sum of x[i] * y[i] for i < n. */
  static double dot(double[] x, double[] y, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int i = 0;
    for (; i + 7 < n; i += 8) {
      s0 += x[i] * y[i];
      s1 += x[i + 1] * y[i + 1];
      s2 += x[i + 2] * y[i + 2];
      s3 += x[i + 3] * y[i + 3];
      s4 += x[i + 4] * y[i + 4];
      s5 += x[i + 5] * y[i + 5];
      s6 += x[i + 6] * y[i + 6];
      s7 += x[i + 7] * y[i + 7];
    }
    for (; i < n; i++) {
      s0 += x[i] * y[i];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }
}
