package dev.varia.core.ad.internal;

import org.ojalgo.matrix.decomposition.Cholesky;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/**
 * Dense row-major matrix kernels on flat arrays. Large products and the Cholesky factorisation go
 * to ojAlgo (wrapping the arrays: a row-major m x n array is ojAlgo's column-major n x m, its
 * transpose); small products and triangular solves are plain loops.
 */
public final class MatrixKernels {
  /** Products with at least this many multiply-adds go to ojAlgo. */
  private static final long OJALGO_THRESHOLD = 1L << 18;

  private MatrixKernels() {}

  /** c = a * b for a (m x k), b (k x n), c (m x n); c is overwritten. */
  public static void multiply(double[] a, double[] b, double[] c, int m, int k, int n) {
    if ((long) m * k * n >= OJALGO_THRESHOLD && m > 1 && n > 1) {
      // C^T (n x m, column-major) = B^T (n x k) * A^T (k x m)
      R064Store ct = R064Store.wrap(c, n);
      ct.fillByMultiplying(R064Store.wrap(b, n), R064Store.wrap(a, k));
      return;
    }
    java.util.Arrays.fill(c, 0, m * n, 0.0);
    multiplyAdd(a, b, c, m, k, n);
  }

  /** c += a * b for a (m x k), b (k x n), c (m x n). */
  public static void multiplyAdd(double[] a, double[] b, double[] c, int m, int k, int n) {
    if (n == 1) {
      for (int i = 0; i < m; i++) {
        c[i] += dot(a, i * k, b, 0, k);
      }
      return;
    }
    for (int i = 0; i < m; i++) {
      int ci = i * n;
      for (int p = 0; p < k; p++) {
        double aip = a[i * k + p];
        if (aip == 0) {
          continue;
        }
        int bp = p * n;
        for (int j = 0; j < n; j++) {
          c[ci + j] += aip * b[bp + j];
        }
      }
    }
  }

  /** c += a * b^T for a (m x k), b (n x k), c (m x n). */
  public static void multiplyAddTransB(double[] a, double[] b, double[] c, int m, int k, int n) {
    if (k == 1) {
      // a rank-1 update c += a b^T (the gradient of a matrix-vector or dot product)
      for (int i = 0; i < m; i++) {
        double ai = a[i];
        int ci = i * n;
        for (int j = 0; j < n; j++) {
          c[ci + j] += ai * b[j];
        }
      }
      return;
    }
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        c[i * n + j] += dot(a, i * k, b, j * k, k);
      }
    }
  }

  /** c += a^T * b for a (k x m), b (k x n), c (m x n). */
  public static void multiplyAddTransA(double[] a, double[] b, double[] c, int m, int k, int n) {
    if (n == 1) {
      // c += a^T b for a vector b: one axpy per row of a, in the same order as below. For a finite
      // b[p] the zero-skip of the general loop changes nothing (adding 0 * b[p] is exact), so the
      // inner loop is branch-free and vectorises.
      for (int p = 0; p < k; p++) {
        int ap = p * m;
        double bp = b[p];
        if (Double.isFinite(bp)) {
          for (int i = 0; i < m; i++) {
            c[i] += a[ap + i] * bp;
          }
        } else {
          for (int i = 0; i < m; i++) {
            double api = a[ap + i];
            if (api != 0) {
              c[i] += api * bp;
            }
          }
        }
      }
      return;
    }
    for (int p = 0; p < k; p++) {
      int ap = p * m;
      int bp = p * n;
      for (int i = 0; i < m; i++) {
        double api = a[ap + i];
        if (api == 0) {
          continue;
        }
        int ci = i * n;
        for (int j = 0; j < n; j++) {
          c[ci + j] += api * b[bp + j];
        }
      }
    }
  }

  /** Sum of x[xo + i] * y[yo + i] for i < n, with four accumulators. */
  public static double dot(double[] x, int xo, double[] y, int yo, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += x[xo + i] * y[yo + i];
      s1 += x[xo + i + 1] * y[yo + i + 1];
      s2 += x[xo + i + 2] * y[yo + i + 2];
      s3 += x[xo + i + 3] * y[yo + i + 3];
    }
    for (; i < n; i++) {
      s0 += x[xo + i] * y[yo + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * Lower Cholesky factor of the symmetric matrix whose lower triangle is in {@code a} (n x n);
   * returns false (leaving l unspecified) if the matrix is not positive definite.
   */
  public static boolean cholesky(double[] a, double[] l, int n) {
    if (n == 0) {
      return true; // the empty factor of the empty matrix (ojAlgo cannot wrap 0 rows)
    }
    // ojAlgo sees the row-major array as column-major A^T; build the symmetric matrix from our
    // lower triangle (its upper triangle) so that the factorisation reads only what we promise.
    double[] sym = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = a[i * n + j];
        if (!Double.isFinite(v)) {
          return false;
        }
        sym[i * n + j] = v;
        sym[j * n + i] = v;
      }
    }
    Cholesky<Double> chol = Cholesky.R064.make(n, n);
    if (!chol.decompose(R064Store.wrap(sym, n)) || !chol.isSPD()) {
      return false;
    }
    MatrixStore<Double> lo = chol.getL();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = j <= i ? lo.doubleValue(i, j) : 0.0;
        l[i * n + j] = v;
      }
      if (!(l[i * n + i] > 0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Solves {@code T x = b} in place in {@code b} (n x cols, row-major) for a triangular T (n x n);
   * with {@code transpose}, solves {@code T^T x = b}.
   */
  public static void solveTriangular(
      double[] t, double[] b, int n, int cols, boolean lower, boolean transpose) {
    // T^T of a lower T is upper, and vice versa.
    boolean forward = lower != transpose;
    if (forward) {
      for (int i = 0; i < n; i++) {
        double d = tri(t, n, i, i, transpose);
        for (int c = 0; c < cols; c++) {
          double s = b[i * cols + c];
          for (int j = 0; j < i; j++) {
            s -= tri(t, n, i, j, transpose) * b[j * cols + c];
          }
          b[i * cols + c] = s / d;
        }
      }
    } else {
      for (int i = n - 1; i >= 0; i--) {
        double d = tri(t, n, i, i, transpose);
        for (int c = 0; c < cols; c++) {
          double s = b[i * cols + c];
          for (int j = i + 1; j < n; j++) {
            s -= tri(t, n, i, j, transpose) * b[j * cols + c];
          }
          b[i * cols + c] = s / d;
        }
      }
    }
  }

  private static double tri(double[] t, int n, int i, int j, boolean transpose) {
    return transpose ? t[j * n + i] : t[i * n + j];
  }
}
