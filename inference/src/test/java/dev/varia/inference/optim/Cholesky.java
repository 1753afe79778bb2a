package dev.varia.inference.optim;

/** A test helper: positive definiteness by attempting a Cholesky factorisation. */
final class Cholesky {
  private Cholesky() {}

  static boolean isPositiveDefinite(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int j = 0; j < n; j++) {
      double s = a[j][j];
      for (int k = 0; k < j; k++) {
        s -= l[j][k] * l[j][k];
      }
      if (!(s > 0)) {
        return false;
      }
      l[j][j] = Math.sqrt(s);
      for (int i = j + 1; i < n; i++) {
        double t = a[i][j];
        for (int k = 0; k < j; k++) {
          t -= l[i][k] * l[j][k];
        }
        l[i][j] = t / l[j][j];
      }
    }
    return true;
  }
}
