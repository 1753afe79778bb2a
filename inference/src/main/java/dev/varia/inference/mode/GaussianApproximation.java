package dev.varia.inference.mode;

import dev.varia.core.VariaException;
import dev.varia.inference.mode.internal.DenseMatrices;
import dev.varia.inference.optim.CompactInverseHessian;
import dev.varia.inference.optim.DifferentiableFunction;
import dev.varia.inference.optim.InverseHessian;
import java.util.Arrays;

/**
 * A Gaussian approximation of a posterior on the unconstrained scale, {@code N(mean, Sigma)}: the
 * starting point and the preconditioner of the automatic guides. Usually the Laplace approximation
 * at a mode ({@link #laplace}: Sigma the inverse of the negative Hessian of the log joint there),
 * or, in high dimension, the diagonal-plus-low-rank L-BFGS approximation of it ({@link
 * #fromInverseHessian}, as Pathfinder does).
 *
 * <p>It knows Sigma densely (its Cholesky factor) when built densely, and always knows the marginal
 * standard deviations {@code sqrt(Sigma_ii)} and the conditional ones {@code 1 / sqrt(P_ii)} (P =
 * Sigma^-1): the latter are the exact mean-field optimum for a Gaussian target.
 */
public final class GaussianApproximation {
  private final double[] mean;
  private final double[][] cholesky; // lower factor of Sigma, or null
  private final double[] diagonal; // low-rank form: Sigma = diag(diagonal) + W W', or null
  private final double[][] factor; // W (d x r), or null
  private final double[] marginalSd;
  private final double[] conditionalSd;

  private GaussianApproximation(
      double[] mean,
      double[][] cholesky,
      double[] diagonal,
      double[][] factor,
      double[] marginalSd,
      double[] conditionalSd) {
    this.mean = mean;
    this.cholesky = cholesky;
    this.diagonal = diagonal;
    this.factor = factor;
    this.marginalSd = marginalSd;
    this.conditionalSd = conditionalSd;
  }

  /**
   * {@code N(mean, sd^2 I)}: the starting point of a guide fitted without a mode search.
   *
   * @throws IllegalArgumentException if sd is not positive
   */
  public static GaussianApproximation isotropic(double[] mean, double sd) {
    if (!(sd > 0)) {
      throw new IllegalArgumentException("sd must be positive, got " + sd);
    }
    int d = mean.length;
    double[][] l = new double[d][d];
    double[] s = new double[d];
    for (int i = 0; i < d; i++) {
      l[i][i] = sd;
      s[i] = sd;
    }
    return new GaussianApproximation(mean.clone(), l, null, null, s, s.clone());
  }

  /**
   * {@code N(mean, L L')} for a lower-triangular {@code l} with a positive diagonal (for example
   * the current state of a full-rank or mean-field guide).
   */
  public static GaussianApproximation fromCholesky(double[] mean, double[][] l) {
    int d = mean.length;
    double[][] copy = new double[d][];
    double[] marginal = new double[d];
    for (int i = 0; i < d; i++) {
      copy[i] = l[i].clone();
      double v = 0;
      for (int k = 0; k <= i; k++) {
        v += l[i][k] * l[i][k];
      }
      marginal[i] = Math.sqrt(v);
    }
    // P = L^-T L^-1: P_ii is the squared norm of column i of L^-1
    double[][] inv = new double[d][d];
    for (int j = 0; j < d; j++) {
      for (int i = j; i < d; i++) {
        double s = i == j ? 1 : 0;
        for (int k = j; k < i; k++) {
          s -= l[i][k] * inv[k][j];
        }
        inv[i][j] = s / l[i][i];
      }
    }
    double[] conditional = new double[d];
    for (int i = 0; i < d; i++) {
      double p = 0;
      for (int r = i; r < d; r++) {
        p += inv[r][i] * inv[r][i];
      }
      conditional[i] = 1 / Math.sqrt(p);
    }
    return new GaussianApproximation(mean.clone(), copy, null, null, marginal, conditional);
  }

  /**
   * {@code N(mean, diag(diagonal) + W W')} kept in that form (for many dimensions, where a dense
   * covariance is not wanted).
   */
  public static GaussianApproximation fromLowRank(
      double[] mean, double[] diagonal, double[][] factor) {
    int d = mean.length;
    double[][] w = new double[d][];
    double[] marginal = new double[d];
    for (int i = 0; i < d; i++) {
      w[i] = factor[i].clone();
      double v = diagonal[i];
      for (double x : w[i]) {
        v += x * x;
      }
      marginal[i] = Math.sqrt(v);
    }
    return new GaussianApproximation(
        mean.clone(), null, diagonal.clone(), w, marginal, conditionalSd(diagonal, w));
  }

  /**
   * {@code N(mean, sigma)} for a dense covariance (symmetric positive definite).
   *
   * @throws VariaException if sigma is not positive definite
   */
  public static GaussianApproximation fromCovariance(double[] mean, double[][] sigma) {
    double[][] l = DenseMatrices.cholesky(sigma);
    if (l == null) {
      throw new VariaException("the covariance is not positive definite");
    }
    return fromCholesky(mean, l);
  }

  /**
   * The Gaussian with the given precision matrix (the negative Hessian of the log density at its
   * mode). Eigenvalues that are not clearly positive (a mode that is flat or not a maximum in some
   * direction) are replaced by their absolute value, floored at 1e-10 of the largest, so the result
   * is always a proper Gaussian.
   */
  public static GaussianApproximation fromPrecision(double[] mean, double[][] precision) {
    int d = mean.length;
    for (double[] row : precision) {
      for (double v : row) {
        if (!Double.isFinite(v)) {
          throw new VariaException(
              "the Hessian of the log density at the mode is not finite: the model's log density"
                  + " is not smooth there");
        }
      }
    }
    DenseMatrices.Eigen e = DenseMatrices.symmetricEigen(precision);
    double max = 0;
    for (double v : e.values()) {
      max = Math.max(max, Math.abs(v));
    }
    double floor = max > 0 ? 1e-10 * max : 1.0;
    double[][] cov = DenseMatrices.reassemble(e, v -> 1 / Math.max(Math.abs(v), floor));
    double[][] prec = DenseMatrices.reassemble(e, v -> Math.max(Math.abs(v), floor));
    double[][] l = DenseMatrices.cholesky(cov);
    if (l == null) {
      // rounding in an extremely ill-conditioned covariance: add a relative jitter
      double[][] jittered = new double[d][];
      for (int i = 0; i < d; i++) {
        jittered[i] = cov[i].clone();
        jittered[i][i] *= 1 + 1e-10;
      }
      l = DenseMatrices.cholesky(jittered);
      if (l == null) {
        throw new VariaException("the Laplace covariance is not positive definite");
      }
    }
    double[] marginal = new double[d];
    double[] conditional = new double[d];
    for (int i = 0; i < d; i++) {
      marginal[i] = Math.sqrt(cov[i][i]);
      conditional[i] = 1 / Math.sqrt(prec[i][i]);
    }
    return new GaussianApproximation(mean.clone(), l, null, null, marginal, conditional);
  }

  /**
   * The Laplace approximation at {@code mode} of the log density {@code f}: its Hessian by central
   * differences of the gradient ({@link Hessian}). The steps are {@code 1e-4 max(1, |x_j|)}, made
   * smaller (a twentieth of the resulting standard deviation) where the posterior turns out
   * narrower than that, and the Hessian recomputed.
   */
  public static GaussianApproximation laplace(DifferentiableFunction f, double[] mode) {
    double[] steps = Hessian.defaultSteps(mode);
    GaussianApproximation g =
        fromPrecision(mode, negate(Hessian.centralDifferences(f, mode, steps)));
    boolean refine = false;
    for (int j = 0; j < mode.length; j++) {
      double s = 0.05 * g.marginalSd[j];
      if (s < steps[j]) {
        steps[j] = s;
        refine = true;
      }
    }
    return refine ? fromPrecision(mode, negate(Hessian.centralDifferences(f, mode, steps))) : g;
  }

  private static double[][] negate(double[][] h) {
    double[][] out = new double[h.length][];
    for (int i = 0; i < h.length; i++) {
      out[i] = new double[h[i].length];
      for (int j = 0; j < h[i].length; j++) {
        out[i][j] = -h[i][j];
      }
    }
    return out;
  }

  /**
   * The diagonal-plus-low-rank Gaussian {@code N(mean, diag(d) + W W')} from an L-BFGS
   * inverse-Hessian approximation {@code H = gamma I + B M B'} (its compact form): with {@code B =
   * Q R}, the eigen-decomposition {@code R M R' = U Lambda U'} gives {@code H = gamma I + (Q U)
   * Lambda (Q U)'}; the positive part of the {@code rank} largest eigenvalues becomes W, and the
   * diagonal is gamma (directions where L-BFGS saw more curvature than gamma keep variance gamma:
   * an over-dispersed start the fit then shrinks).
   */
  public static GaussianApproximation fromInverseHessian(
      double[] mean, InverseHessian h, int rank) {
    int d = mean.length;
    CompactInverseHessian c = h.compact();
    double[] diag = c.diagonal().clone();
    int k = c.rank();
    double[][] w;
    if (k == 0 || rank == 0) {
      w = new double[d][0];
    } else {
      // Gram-Schmidt QR of B (d x k)
      double[][] q = new double[d][k];
      double[][] r = new double[k][k];
      int cols = 0;
      int[] kept = new int[k];
      for (int j = 0; j < k; j++) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
          v[i] = c.factor()[i][j];
        }
        for (int pass = 0; pass < 2; pass++) {
          for (int p = 0; p < cols; p++) {
            double dot = 0;
            for (int i = 0; i < d; i++) {
              dot += q[i][p] * v[i];
            }
            r[p][j] += dot;
            for (int i = 0; i < d; i++) {
              v[i] -= dot * q[i][p];
            }
          }
        }
        double norm = 0;
        for (double x : v) {
          norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 1e-12) {
          for (int i = 0; i < d; i++) {
            q[i][cols] = v[i] / norm;
          }
          r[cols][j] = norm;
          kept[cols] = j;
          cols++;
        }
      }
      // S = R M R' restricted to the independent columns
      double[][] s = new double[cols][cols];
      for (int a = 0; a < cols; a++) {
        for (int b = 0; b < cols; b++) {
          double sum = 0;
          for (int x = 0; x < k; x++) {
            for (int y = 0; y < k; y++) {
              sum += r[a][x] * c.middle()[x][y] * r[b][y];
            }
          }
          s[a][b] = sum;
        }
      }
      DenseMatrices.Eigen e = DenseMatrices.symmetricEigen(s);
      Integer[] order = new Integer[cols];
      for (int i = 0; i < cols; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (x, y) -> Double.compare(e.values()[y], e.values()[x]));
      int keep = 0;
      while (keep < Math.min(rank, cols) && e.values()[order[keep]] > 0) {
        keep++;
      }
      w = new double[d][keep];
      for (int t = 0; t < keep; t++) {
        int col = order[t];
        double sq = Math.sqrt(e.values()[col]);
        for (int i = 0; i < d; i++) {
          double sum = 0;
          for (int a = 0; a < cols; a++) {
            sum += q[i][a] * e.vectors()[a][col];
          }
          w[i][t] = sum * sq;
        }
      }
    }
    double[] marginal = new double[d];
    for (int i = 0; i < d; i++) {
      double v = diag[i];
      for (double x : w[i]) {
        v += x * x;
      }
      marginal[i] = Math.sqrt(v);
    }
    return new GaussianApproximation(mean.clone(), null, diag, w, marginal, conditionalSd(diag, w));
  }

  /**
   * {@code 1 / sqrt(P_ii)} for {@code Sigma = diag(d) + W W'}, by the Woodbury identity: {@code P =
   * D^-1 - D^-1 W C^-1 W' D^-1} with {@code C = I + W' D^-1 W}.
   */
  private static double[] conditionalSd(double[] diag, double[][] w) {
    int d = diag.length;
    int r = d == 0 ? 0 : w[0].length;
    double[][] c = new double[r][r];
    for (int a = 0; a < r; a++) {
      c[a][a] = 1;
      for (int b = 0; b < r; b++) {
        for (int i = 0; i < d; i++) {
          c[a][b] += w[i][a] * w[i][b] / diag[i];
        }
      }
    }
    double[][] lc = r == 0 ? new double[0][0] : DenseMatrices.cholesky(c);
    double[] out = new double[d];
    for (int i = 0; i < d; i++) {
      // u = L_C^-1 (W' D^-1)_i ; P_ii = 1/d_i - |u|^2
      double[] u = new double[r];
      for (int a = 0; a < r; a++) {
        double v = w[i][a] / diag[i];
        for (int b = 0; b < a; b++) {
          v -= lc[a][b] * u[b];
        }
        u[a] = v / lc[a][a];
      }
      double p = 1 / diag[i];
      for (double x : u) {
        p -= x * x;
      }
      out[i] = 1 / Math.sqrt(Math.max(p, 1e-300));
    }
    return out;
  }

  /** The dimension. */
  public int dimension() {
    return mean.length;
  }

  /** The mean. */
  public double[] mean() {
    return mean.clone();
  }

  /** {@code sqrt(Sigma_ii)}. */
  public double[] marginalSd() {
    return marginalSd.clone();
  }

  /**
   * {@code 1 / sqrt((Sigma^-1)_ii)}: the standard deviations of the best mean-field Gaussian for
   * this Gaussian (for the low-rank form, the square root of its diagonal part).
   */
  public double[] conditionalSd() {
    return conditionalSd.clone();
  }

  /** True if Sigma is known densely ({@link #choleskyFactor()}). */
  public boolean isDense() {
    return cholesky != null;
  }

  /**
   * The lower Cholesky factor of Sigma.
   *
   * @throws IllegalStateException for a low-rank approximation
   */
  public double[][] choleskyFactor() {
    if (cholesky == null) {
      throw new IllegalStateException("a low-rank approximation has no dense Cholesky factor");
    }
    double[][] out = new double[cholesky.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = cholesky[i].clone();
    }
    return out;
  }

  /** The dense covariance Sigma. */
  public double[][] covariance() {
    int d = mean.length;
    double[][] s = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double v = 0;
        if (cholesky != null) {
          for (int k = 0; k <= j; k++) {
            v += cholesky[i][k] * cholesky[j][k];
          }
        } else {
          for (int k = 0; k < factor[i].length; k++) {
            v += factor[i][k] * factor[j][k];
          }
          if (i == j) {
            v += diagonal[i];
          }
        }
        s[i][j] = v;
        s[j][i] = v;
      }
    }
    return s;
  }

  /**
   * The approximation in the form {@code diag(d) + W W'} with W of {@code rank} columns, in units
   * of the marginal standard deviations (the correlation scale): {@code {W, d}} with W as rows.
   * From a dense Sigma, W holds the leading eigenvectors of the correlation matrix scaled by the
   * roots of their eigenvalues, and d what they leave of each unit variance (at least 1e-3).
   */
  public LowRank lowRank(int rank) {
    int d = mean.length;
    if (cholesky == null && factor[0].length == Math.min(rank, d)) {
      // already diagonal plus rank r: rescale exactly to the correlation scale
      double[][] w = new double[d][];
      double[] rest = new double[d];
      for (int i = 0; i < d; i++) {
        w[i] = new double[factor[i].length];
        for (int k = 0; k < w[i].length; k++) {
          w[i][k] = factor[i][k] / marginalSd[i];
        }
        rest[i] = diagonal[i] / (marginalSd[i] * marginalSd[i]);
      }
      return new LowRank(w, rest);
    }
    double[][] corr = covariance();
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        corr[i][j] /= marginalSd[i] * marginalSd[j];
      }
    }
    DenseMatrices.Eigen e = DenseMatrices.symmetricEigen(corr);
    Integer[] order = new Integer[d];
    for (int i = 0; i < d; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(e.values()[y], e.values()[x]));
    int r = Math.min(rank, d);
    double[][] w = new double[d][r];
    double[] rest = new double[d];
    Arrays.fill(rest, 1.0);
    for (int t = 0; t < r; t++) {
      double lambda = Math.max(e.values()[order[t]], 0);
      double sq = Math.sqrt(lambda);
      for (int i = 0; i < d; i++) {
        w[i][t] = e.vectors()[i][order[t]] * sq;
        rest[i] -= w[i][t] * w[i][t];
      }
    }
    for (int i = 0; i < d; i++) {
      rest[i] = Math.max(rest[i], 1e-3);
    }
    return new LowRank(w, rest);
  }

  /**
   * A diagonal-plus-low-rank covariance {@code diag(diagonal) + W W'} on the correlation scale.
   *
   * @param factor W, one row per dimension
   * @param diagonal the diagonal part (positive)
   */
  public record LowRank(double[][] factor, double[] diagonal) {}
}
