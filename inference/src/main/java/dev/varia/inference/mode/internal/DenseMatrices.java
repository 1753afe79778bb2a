package dev.varia.inference.mode.internal;

/**
 * Small dense symmetric linear algebra on {@code double[][]} for the Laplace approximation:
 * Cholesky factors and the cyclic Jacobi eigenvalue method (Golub and Van Loan, "Matrix
 * Computations", 4th ed., section 8.5), accurate for the modest dimensions (up to a few hundred)
 * where dense covariance guides are used.
 */
public final class DenseMatrices {
  private DenseMatrices() {}

  /** Eigenvalues and eigenvectors (as columns) of a symmetric matrix. */
  public record Eigen(double[] values, double[][] vectors) {}

  /**
   * The lower Cholesky factor L of a symmetric positive-definite {@code a} ({@code a = L L'}), or
   * null if a pivot is not positive.
   */
  public static double[][] cholesky(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(s > 0)) {
            return null;
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    return l;
  }

  /** The eigen-decomposition of the symmetric matrix {@code a} (not modified). */
  public static Eigen symmetricEigen(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = a[i].clone();
    }
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      double diag = 0;
      for (int i = 0; i < n; i++) {
        diag += m[i][i] * m[i][i];
        for (int j = i + 1; j < n; j++) {
          off += m[i][j] * m[i][j];
        }
      }
      if (off <= 1e-30 * diag || off == 0) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = m[p][q];
          if (apq == 0) {
            continue;
          }
          double theta = (m[q][q] - m[p][p]) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double mkp = m[k][p];
            double mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
          }
          for (int k = 0; k < n; k++) {
            double mpk = m[p][k];
            double mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
          }
          for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
          }
        }
      }
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = m[i][i];
    }
    return new Eigen(values, v);
  }

  /** {@code V diag(f(lambda)) V'} for an eigen-decomposition. */
  public static double[][] reassemble(Eigen e, java.util.function.DoubleUnaryOperator f) {
    int n = e.values().length;
    double[] g = new double[n];
    for (int k = 0; k < n; k++) {
      g[k] = f.applyAsDouble(e.values()[k]);
    }
    double[][] v = e.vectors();
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += v[i][k] * g[k] * v[j][k];
        }
        out[i][j] = s;
        out[j][i] = s;
      }
    }
    return out;
  }
}
