package dev.varia.core.ad;

import dev.varia.core.random.RandomStream;

/**
 * Seeded generators of test inputs (shapes, tensors in chosen domains, SPD and triangular matrices)
 * and small independent reference implementations (plain loops, no engine code) to compare the
 * engine's forward values with.
 */
final class TestTensors {
  private TestTensors() {}

  // ---------------------------------------------------------------- shapes

  /** A dimension in [lo, hi]. */
  static int dim(RandomStream rs, int lo, int hi) {
    return lo + rs.nextInt(hi - lo + 1);
  }

  /** A random shape of rank 0, 1 or 2 with dimensions 1 to 5. */
  static Shape anyShape(RandomStream rs) {
    switch (rs.nextInt(3)) {
      case 0:
        return Shape.SCALAR;
      case 1:
        return Shape.vector(dim(rs, 1, 5));
      default:
        return Shape.matrix(dim(rs, 1, 4), dim(rs, 1, 4));
    }
  }

  // ---------------------------------------------------------------- tensors

  /** Uniform entries in [lo, hi). */
  static Tensor uniform(RandomStream rs, Shape s, double lo, double hi) {
    double[] d = new double[s.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = lo + (hi - lo) * rs.uniform();
    }
    return Tensor.wrap(d, s);
  }

  /** Entries with |x| uniform in [lo, hi) and a random sign: away from a kink at 0. */
  static Tensor awayFromZero(RandomStream rs, Shape s, double lo, double hi) {
    double[] d = uniform(rs, s, lo, hi).toArray();
    for (int i = 0; i < d.length; i++) {
      if (rs.nextInt(2) == 0) {
        d[i] = -d[i];
      }
    }
    return Tensor.wrap(d, s);
  }

  /**
   * Entries {@code offset + 0.5 k + u} with integer k in [-4, 4] and |u| < 0.05: any two tensors
   * drawn with offsets 0 and 0.25 differ by at least 0.15 elementwise, and entries of one tensor
   * are distinct or (rarely) equal up to u; used where max/min kinks must be avoided.
   */
  static Tensor onGrid(RandomStream rs, Shape s, double offset) {
    double[] d = new double[s.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = offset + 0.5 * (rs.nextInt(9) - 4) + 0.1 * (rs.uniform() - 0.5);
    }
    return Tensor.wrap(d, s);
  }

  /** Distinct entries at least 0.2 apart (a shuffled grid plus small noise), for max/min. */
  static Tensor distinct(RandomStream rs, Shape s) {
    int n = s.size();
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rs.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    double shift = 4 * rs.uniform() - 2;
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = shift + 0.3 * perm[i] + 0.1 * (rs.uniform() - 0.5);
    }
    return Tensor.wrap(d, s);
  }

  /** A 0/1 mask. */
  static Tensor mask(RandomStream rs, Shape s) {
    double[] d = new double[s.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = rs.nextInt(2);
    }
    return Tensor.wrap(d, s);
  }

  /** A symmetric positive-definite matrix A A^T + n I with A uniform in [-1, 1). */
  static Tensor spd(RandomStream rs, int n) {
    double[] a = uniform(rs, Shape.matrix(n, n), -1, 1).toArray();
    double[] s = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = i == j ? n : 0;
        for (int k = 0; k < n; k++) {
          v += a[i * n + k] * a[j * n + k];
        }
        s[i * n + j] = v;
      }
    }
    return Tensor.wrap(s, Shape.matrix(n, n));
  }

  /**
   * The same matrix with its strictly upper triangle replaced by values in [-50, 50): the engine
   * promises to read only the lower triangle, so the result must not change (and the finite
   * differences with respect to those entries are zero).
   */
  static Tensor garbageAbove(RandomStream rs, Tensor m) {
    int n = m.shape().rows();
    double[] d = m.toArray();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        d[i * n + j] = 100 * rs.uniform() - 50;
      }
    }
    return Tensor.wrap(d, m.shape());
  }

  /**
   * A triangular matrix with diagonal entries of modulus in [1, 2), off-diagonal entries in [-0.5,
   * 0.5) and, in the other (unread) triangle, garbage in [-50, 50).
   */
  static Tensor triangular(RandomStream rs, int n, boolean lower) {
    double[] d = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        boolean inTriangle = lower ? j <= i : j >= i;
        if (i == j) {
          d[i * n + j] = (1 + rs.uniform()) * (rs.nextInt(2) == 0 ? 1 : -1);
        } else if (inTriangle) {
          d[i * n + j] = rs.uniform() - 0.5;
        } else {
          d[i * n + j] = 100 * rs.uniform() - 50;
        }
      }
    }
    return Tensor.wrap(d, Shape.matrix(n, n));
  }

  // ---------------------------------------------------------------- references (plain loops)

  /** The shape numpy's broadcasting rule gives, or null when the shapes do not broadcast. */
  static Shape broadcastShape(Shape a, Shape b) {
    int rank = Math.max(a.rank(), b.rank());
    int[] da = padded(a, rank);
    int[] db = padded(b, rank);
    int[] out = new int[rank];
    for (int k = 0; k < rank; k++) {
      if (da[k] == db[k] || db[k] == 1) {
        out[k] = da[k];
      } else if (da[k] == 1) {
        out[k] = db[k];
      } else {
        return null;
      }
    }
    return Shape.of(out);
  }

  /** Dimensions left-padded with ones to {@code rank}. */
  private static int[] padded(Shape s, int rank) {
    int[] d = s.dims();
    int[] p = new int[rank];
    java.util.Arrays.fill(p, 1);
    System.arraycopy(d, 0, p, rank - d.length, d.length);
    return p;
  }

  /** Element (r, c) of the (padded to rank 2) broadcast view of {@code t}. */
  static double at(Tensor t, int r, int c) {
    int[] d = padded(t.shape(), 2);
    int rr = d[0] == 1 ? 0 : r;
    int cc = d[1] == 1 ? 0 : c;
    return t.get(rr * d[1] + cc);
  }

  /** An elementwise binary function applied with numpy broadcasting. */
  static Tensor broadcastApply(Tensor a, Tensor b, java.util.function.DoubleBinaryOperator f) {
    Shape out = broadcastShape(a.shape(), b.shape());
    int[] d = padded(out, 2);
    double[] y = new double[out.size()];
    for (int r = 0; r < d[0]; r++) {
      for (int c = 0; c < d[1]; c++) {
        y[r * d[1] + c] = f.applyAsDouble(at(a, r, c), at(b, r, c));
      }
    }
    return Tensor.wrap(y, out);
  }

  /** Naive matrix product of row-major (m x k) and (k x n). */
  static double[] matmul(double[] a, double[] b, int m, int k, int n) {
    double[] c = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += a[i * k + p] * b[p * n + j];
        }
        c[i * n + j] = s;
      }
    }
    return c;
  }

  /** Cholesky-Banachiewicz on the lower triangle of a (n x n), row by row. */
  static double[] cholesky(double[] a, int n) {
    double[] l = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i * n + j];
        for (int k = 0; k < j; k++) {
          s -= l[i * n + k] * l[j * n + k];
        }
        l[i * n + j] = i == j ? Math.sqrt(s) : s / l[j * n + j];
      }
    }
    return l;
  }

  /**
   * The triangle of {@code t} (lower or upper, the other set to zero), transposed if asked: the
   * matrix a triangular solve actually uses.
   */
  static double[] effectiveTriangle(double[] t, int n, boolean lower, boolean transpose) {
    double[] e = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (lower ? j <= i : j >= i) {
          if (transpose) {
            e[j * n + i] = t[i * n + j];
          } else {
            e[i * n + j] = t[i * n + j];
          }
        }
      }
    }
    return e;
  }

  /** log |det a| by Gaussian elimination with partial pivoting (independent of Cholesky). */
  static double logAbsDet(double[] a0, int n) {
    double[] a = a0.clone();
    double s = 0;
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r * n + c]) > Math.abs(a[p * n + c])) {
          p = r;
        }
      }
      if (p != c) {
        for (int k = 0; k < n; k++) {
          double t = a[c * n + k];
          a[c * n + k] = a[p * n + k];
          a[p * n + k] = t;
        }
      }
      double piv = a[c * n + c];
      s += Math.log(Math.abs(piv));
      for (int r = c + 1; r < n; r++) {
        double f = a[r * n + c] / piv;
        for (int k = c; k < n; k++) {
          a[r * n + k] -= f * a[c * n + k];
        }
      }
    }
    return s;
  }

  /** Solves a x = b (a dense n x n, b n x cols) by Gaussian elimination with partial pivoting. */
  static double[] solveDense(double[] a0, double[] b0, int n, int cols) {
    double[] a = a0.clone();
    double[] b = b0.clone();
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r * n + c]) > Math.abs(a[p * n + c])) {
          p = r;
        }
      }
      for (int k = 0; k < n; k++) {
        double t = a[c * n + k];
        a[c * n + k] = a[p * n + k];
        a[p * n + k] = t;
      }
      for (int k = 0; k < cols; k++) {
        double t = b[c * cols + k];
        b[c * cols + k] = b[p * cols + k];
        b[p * cols + k] = t;
      }
      for (int r = c + 1; r < n; r++) {
        double f = a[r * n + c] / a[c * n + c];
        for (int k = c; k < n; k++) {
          a[r * n + k] -= f * a[c * n + k];
        }
        for (int k = 0; k < cols; k++) {
          b[r * cols + k] -= f * b[c * cols + k];
        }
      }
    }
    for (int r = n - 1; r >= 0; r--) {
      for (int k = 0; k < cols; k++) {
        double s = b[r * cols + k];
        for (int j = r + 1; j < n; j++) {
          s -= a[r * n + j] * b[j * cols + k];
        }
        b[r * cols + k] = s / a[r * n + r];
      }
    }
    return b;
  }

  /** The symmetric matrix whose lower triangle is that of {@code a}. */
  static double[] symmetricFromLower(double[] a, int n) {
    double[] s = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        s[i * n + j] = a[i * n + j];
        s[j * n + i] = a[i * n + j];
      }
    }
    return s;
  }

  // ---------------------------------------------------------------- comparisons

  /** |x - y| <= tol * max(1, |y|), with NaN equal to NaN and equal infinities equal. */
  static boolean close(double x, double y, double tol) {
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return Double.isNaN(x) && Double.isNaN(y);
    }
    if (Double.isInfinite(x) || Double.isInfinite(y)) {
      return x == y;
    }
    return Math.abs(x - y) <= tol * Math.max(1.0, Math.abs(y));
  }

  /** Asserts equal shapes and elementwise {@link #close}. */
  static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
    if (!expected.shape().equals(actual.shape())) {
      throw new AssertionError(
          what + ": shape " + actual.shape() + ", expected " + expected.shape());
    }
    for (int i = 0; i < expected.size(); i++) {
      if (!close(actual.get(i), expected.get(i), tol)) {
        throw new AssertionError(
            what
                + ": element "
                + i
                + " is "
                + actual.get(i)
                + ", expected "
                + expected.get(i)
                + " (tolerance "
                + tol
                + "; actual "
                + actual
                + ", expected "
                + expected
                + ")");
      }
    }
  }
}
