package dev.varia.inference.optim;

/**
 * The compact form of an L-BFGS inverse-Hessian approximation (Byrd, Nocedal and Schnabel,
 * "Representations of quasi-Newton matrices and their use in limited memory methods", Math.
 * Programming 63, 1994, Theorem 2.2): {@code H = diag(diagonal) + B M B'} with the d x 2k factor
 * {@code B = [S, H0 Y]} and the symmetric 2k x 2k middle matrix {@code M = [[R^-T (D + Y' H0 Y)
 * R^-1, -R^-T], [-R^-1, 0]]}, where S and Y hold the k pairs as columns (oldest first), R is the
 * upper triangle of {@code S'Y} and D its diagonal. This is the "diagonal plus low rank" form of
 * Pathfinder (Zhang et al., JMLR 2022, Algorithm 4, with {@code beta = B}, {@code gamma = M}).
 *
 * <p>M is generally indefinite, so {@code B M B'} is not itself a covariance; H as a whole is
 * positive definite. Arrays are returned as stored: do not modify them.
 *
 * @param diagonal the diagonal of H0 (length d)
 * @param factor B, d rows of 2k columns
 * @param middle M, 2k x 2k
 */
public record CompactInverseHessian(double[] diagonal, double[][] factor, double[][] middle) {
  /** The dimension d. */
  public int dimension() {
    return diagonal.length;
  }

  /** The number of columns of the factor (twice the number of pairs). */
  public int rank() {
    return middle.length;
  }

  /** {@code H v}. */
  public double[] apply(double[] v) {
    int d = diagonal.length;
    int r = middle.length;
    double[] bt = new double[r];
    for (int row = 0; row < d; row++) {
      for (int j = 0; j < r; j++) {
        bt[j] += factor[row][j] * v[row];
      }
    }
    double[] mbt = new double[r];
    for (int i = 0; i < r; i++) {
      double sum = 0;
      for (int j = 0; j < r; j++) {
        sum += middle[i][j] * bt[j];
      }
      mbt[i] = sum;
    }
    double[] out = new double[d];
    for (int row = 0; row < d; row++) {
      double sum = diagonal[row] * v[row];
      for (int j = 0; j < r; j++) {
        sum += factor[row][j] * mbt[j];
      }
      out[row] = sum;
    }
    return out;
  }

  /** The dense d x d matrix. */
  public double[][] toDense() {
    int d = diagonal.length;
    int r = middle.length;
    double[][] bm = new double[d][r];
    for (int row = 0; row < d; row++) {
      for (int l = 0; l < r; l++) {
        double b = factor[row][l];
        for (int j = 0; j < r; j++) {
          bm[row][j] += b * middle[l][j];
        }
      }
    }
    double[][] h = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        double sum = i == j ? diagonal[i] : 0;
        for (int l = 0; l < r; l++) {
          sum += bm[i][l] * factor[j][l];
        }
        h[i][j] = sum;
        h[j][i] = sum;
      }
    }
    return h;
  }
}
