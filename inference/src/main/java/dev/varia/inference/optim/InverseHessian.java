package dev.varia.inference.optim;

/**
 * The L-BFGS approximation of an inverse Hessian: the BFGS update (Nocedal and Wright, "Numerical
 * Optimization", 2nd ed., eq. 6.17 and 7.19) applied to the initial matrix {@code H0 = gamma I},
 * {@code gamma = s'y / y'y} of the newest pair, with the stored pairs {@code s_i = x_{i+1} - x_i},
 * {@code y_i = g_{i+1} - g_i} from oldest to newest. Symmetric positive definite whenever every
 * pair has {@code s'y > 0}, which L-BFGS ensures.
 *
 * <p>Three forms: {@link #apply} (the two-loop recursion, Nocedal and Wright Alg. 7.4, O(m d)),
 * {@link #toDense} (d x d, for small d) and {@link #compact} (diagonal plus low rank, Byrd, Nocedal
 * and Schnabel 1994), the form Pathfinder (Zhang, Carpenter, Gelman and Vehtari, JMLR 2022) uses to
 * build Gaussian approximations at points of the optimisation path.
 *
 * <p>For {@link Lbfgs#maximize} this approximates the inverse of the <em>negative</em> Hessian of
 * the objective: at a mode of a log density, the covariance of the Laplace approximation.
 *
 * <p>Immutable.
 */
public final class InverseHessian {
  private final int dimension;
  private final double gamma;
  private final double[][] s;
  private final double[][] y;
  private final double[] rho;

  InverseHessian(int dimension, double gamma, double[][] s, double[][] y) {
    this.dimension = dimension;
    this.gamma = gamma;
    this.s = s;
    this.y = y;
    this.rho = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      rho[i] = 1 / dot(s[i], y[i]);
    }
  }

  /**
   * The approximation built from explicit pairs (oldest first) with {@code H0 = gamma I}. Each pair
   * must have {@code s'y > 0}.
   */
  public static InverseHessian fromPairs(double gamma, double[][] s, double[][] y) {
    if (s.length != y.length) {
      throw new IllegalArgumentException("need as many s as y vectors");
    }
    if (!(gamma > 0) || Double.isInfinite(gamma)) {
      throw new IllegalArgumentException("gamma must be positive, got " + gamma);
    }
    int d = -1;
    double[][] sc = new double[s.length][];
    double[][] yc = new double[y.length][];
    for (int i = 0; i < s.length; i++) {
      if (d < 0) {
        d = s[i].length;
      }
      if (s[i].length != d || y[i].length != d) {
        throw new IllegalArgumentException("pair " + i + " has the wrong length");
      }
      if (!(dot(s[i], y[i]) > 0)) {
        throw new IllegalArgumentException("pair " + i + " has s'y <= 0");
      }
      sc[i] = s[i].clone();
      yc[i] = y[i].clone();
    }
    if (d < 0) {
      throw new IllegalArgumentException(
          "use identity(d, gamma) for an approximation with no pairs");
    }
    return new InverseHessian(d, gamma, sc, yc);
  }

  /** {@code gamma I}: the approximation before any pair is known. */
  public static InverseHessian identity(int dimension, double gamma) {
    return new InverseHessian(dimension, gamma, new double[0][], new double[0][]);
  }

  /** The dimension d. */
  public int dimension() {
    return dimension;
  }

  /** The number of (s, y) pairs (at most the L-BFGS memory). */
  public int pairs() {
    return s.length;
  }

  /** The scale of the initial matrix {@code H0 = gamma I}. */
  public double gamma() {
    return gamma;
  }

  /** {@code H v}, by the two-loop recursion. */
  public double[] apply(double[] v) {
    if (v.length != dimension) {
      throw new IllegalArgumentException(
          "vector of length " + v.length + ", approximation of dimension " + dimension);
    }
    double[] q = v.clone();
    int k = s.length;
    double[] alpha = new double[k];
    for (int i = k - 1; i >= 0; i--) {
      alpha[i] = rho[i] * dot(s[i], q);
      axpy(-alpha[i], y[i], q);
    }
    for (int j = 0; j < q.length; j++) {
      q[j] *= gamma;
    }
    for (int i = 0; i < k; i++) {
      double beta = rho[i] * dot(y[i], q);
      axpy(alpha[i] - beta, s[i], q);
    }
    return q;
  }

  /** The dense d x d matrix (row i is {@code H e_i}); O(m d^2), meant for small d. */
  public double[][] toDense() {
    double[][] h = new double[dimension][];
    double[] e = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      e[i] = 1;
      h[i] = apply(e);
      e[i] = 0;
    }
    // exact symmetry (the two-loop result is symmetric up to rounding)
    for (int i = 0; i < dimension; i++) {
      for (int j = i + 1; j < dimension; j++) {
        double a = 0.5 * (h[i][j] + h[j][i]);
        h[i][j] = a;
        h[j][i] = a;
      }
    }
    return h;
  }

  /** The compact diagonal-plus-low-rank form of the same matrix. */
  public CompactInverseHessian compact() {
    int k = s.length;
    int d = dimension;
    double[] diag = new double[d];
    java.util.Arrays.fill(diag, gamma);
    // R (k x k) upper triangular, R_ij = s_i'y_j for i <= j; D = diag(s_i'y_i)
    double[][] r = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) {
        r[i][j] = dot(s[i], y[j]);
      }
    }
    double[][] rinv = upperTriangularInverse(r);
    // C = D + Y' H0 Y
    double[][] c = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) {
        double v = gamma * dot(y[i], y[j]);
        if (i == j) {
          v += r[i][i];
        }
        c[i][j] = v;
        c[j][i] = v;
      }
    }
    // A = R^{-T} C R^{-1}
    double[][] cr = multiply(c, rinv);
    double[][] a = multiply(transpose(rinv), cr);
    double[][] middle = new double[2 * k][2 * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        middle[i][j] = 0.5 * (a[i][j] + a[j][i]);
        middle[i][k + j] = -rinv[j][i]; // -R^{-T}
        middle[k + i][j] = -rinv[i][j]; // -R^{-1}
      }
    }
    double[][] factor = new double[d][2 * k];
    for (int i = 0; i < k; i++) {
      for (int row = 0; row < d; row++) {
        factor[row][i] = s[i][row];
        factor[row][k + i] = gamma * y[i][row];
      }
    }
    return new CompactInverseHessian(diag, factor, middle);
  }

  private static double[][] upperTriangularInverse(double[][] r) {
    int k = r.length;
    double[][] inv = new double[k][k];
    for (int col = 0; col < k; col++) {
      inv[col][col] = 1 / r[col][col];
      for (int row = col - 1; row >= 0; row--) {
        double sum = 0;
        for (int j = row + 1; j <= col; j++) {
          sum += r[row][j] * inv[j][col];
        }
        inv[row][col] = -sum / r[row][row];
      }
    }
    return inv;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    int n = a.length;
    int m = b.length == 0 ? 0 : b[0].length;
    double[][] c = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int l = 0; l < b.length; l++) {
        double ail = a[i][l];
        for (int j = 0; j < m; j++) {
          c[i][j] += ail * b[l][j];
        }
      }
    }
    return c;
  }

  private static double[][] transpose(double[][] a) {
    int n = a.length;
    double[][] t = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static void axpy(double alpha, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += alpha * x[i];
    }
  }
}
