package dev.varia.core.dist;

/**
 * A reference multivariate normal log density from a dense covariance, by Gaussian elimination with
 * partial pivoting (independent of the engine's Cholesky and triangular solves).
 */
final class DenseGaussian {
  private DenseGaussian() {}

  static double logPdf(double[] x, double[] mu, double[][] sigma) {
    int k = x.length;
    double[][] a = new double[k][k + 1];
    for (int i = 0; i < k; i++) {
      System.arraycopy(sigma[i], 0, a[i], 0, k);
      a[i][k] = x[i] - mu[i];
    }
    double logDet = 0;
    for (int col = 0; col < k; col++) {
      int piv = col;
      for (int r = col + 1; r < k; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
          piv = r;
        }
      }
      double[] tmp = a[col];
      a[col] = a[piv];
      a[piv] = tmp;
      logDet += Math.log(Math.abs(a[col][col]));
      for (int r = col + 1; r < k; r++) {
        double f = a[r][col] / a[col][col];
        for (int j = col; j <= k; j++) {
          a[r][j] -= f * a[col][j];
        }
      }
    }
    double[] sol = new double[k];
    for (int i = k - 1; i >= 0; i--) {
      double s = a[i][k];
      for (int j = i + 1; j < k; j++) {
        s -= a[i][j] * sol[j];
      }
      sol[i] = s / a[i][i];
    }
    double quad = 0;
    for (int i = 0; i < k; i++) {
      quad += (x[i] - mu[i]) * sol[i];
    }
    return -0.5 * (k * Math.log(2 * Math.PI) + logDet + quad);
  }

  /** a^T S a. */
  static double quadratic(double[] a, double[][] s) {
    double q = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        q += a[i] * s[i][j] * a[j];
      }
    }
    return q;
  }

  /** L L^T. */
  static double[][] outer(double[][] l) {
    int k = l.length;
    double[][] s = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        for (int q = 0; q < l[i].length; q++) {
          s[i][j] += l[i][q] * l[j][q];
        }
      }
    }
    return s;
  }
}
