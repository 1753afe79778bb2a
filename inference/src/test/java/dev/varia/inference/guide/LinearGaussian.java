package dev.varia.inference.guide;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.inference.mode.internal.DenseMatrices;
import java.util.Map;

/**
 * A conjugate linear-Gaussian model with correlated posterior: {@code beta ~ N(0, S0^2 I)} (3
 * values), {@code y ~ N(X beta, SIGMA)} with a fixed design. The posterior is Gaussian with
 * precision {@code P = I / S0^2 + X'X / SIGMA^2} and mean {@code P^-1 X'y / SIGMA^2}; the evidence
 * is {@code N(y; 0, SIGMA^2 I + S0^2 X X')}.
 */
public final class LinearGaussian {
  /** Prior sd. */
  public static final double S0 = 2.0;

  /** Noise sd. */
  public static final double SIGMA = 0.8;

  /** The design (8 x 3): correlated columns, so the posterior is correlated. */
  public static final double[][] X = {
    {1.0, 0.9, 0.2},
    {1.0, 1.1, -0.3},
    {1.0, 0.7, 0.5},
    {1.0, 1.4, 0.1},
    {1.0, 0.5, -0.8},
    {1.0, 1.2, 0.9},
    {1.0, 0.8, -0.4},
    {1.0, 1.0, 0.0}
  };

  /** The observations. */
  public static final double[] Y = {2.1, 1.6, 2.4, 2.9, 0.7, 3.5, 1.2, 2.0};

  private LinearGaussian() {}

  /** The model (site {@code beta}, a vector of 3). */
  public static GenerativeFunction model() {
    GenFn p =
        Model.define(
            "linear",
            m -> {
              Val beta = m.sample("beta", Dist.normal(0, S0), 3);
              m.observe(m.data("y"), Dist.normal(m.data("x").matmul(beta), SIGMA));
            });
    return GenerativeFunction.compile(
        Program.of(p),
        "linear",
        Map.of("x", Tensor.matrix(X), "y", Tensor.vector(Y)),
        Families.standard(),
        new ParamStore());
  }

  /** The posterior precision matrix. */
  public static double[][] precision() {
    double[][] p = new double[3][3];
    for (int i = 0; i < 3; i++) {
      p[i][i] = 1 / (S0 * S0);
      for (int j = 0; j < 3; j++) {
        for (double[] row : X) {
          p[i][j] += row[i] * row[j] / (SIGMA * SIGMA);
        }
      }
    }
    return p;
  }

  /** The posterior covariance. */
  public static double[][] covariance() {
    return DenseMatrices.reassemble(DenseMatrices.symmetricEigen(precision()), v -> 1 / v);
  }

  /** The posterior mean. */
  public static double[] mean() {
    double[][] c = covariance();
    double[] xty = new double[3];
    for (int n = 0; n < Y.length; n++) {
      for (int i = 0; i < 3; i++) {
        xty[i] += X[n][i] * Y[n] / (SIGMA * SIGMA);
      }
    }
    double[] m = new double[3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        m[i] += c[i][j] * xty[j];
      }
    }
    return m;
  }

  /** log p(y). */
  public static double logEvidence() {
    int n = Y.length;
    double[][] k = new double[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        double s = a == b ? SIGMA * SIGMA : 0;
        for (int i = 0; i < 3; i++) {
          s += S0 * S0 * X[a][i] * X[b][i];
        }
        k[a][b] = s;
      }
    }
    double[][] l = DenseMatrices.cholesky(k);
    double logDet = 0;
    double[] u = new double[n];
    for (int a = 0; a < n; a++) {
      logDet += 2 * Math.log(l[a][a]);
      double s = Y[a];
      for (int b = 0; b < a; b++) {
        s -= l[a][b] * u[b];
      }
      u[a] = s / l[a][a];
    }
    double quad = 0;
    for (double v : u) {
      quad += v * v;
    }
    return -0.5 * (n * Math.log(2 * Math.PI) + logDet + quad);
  }

  /** Shape of the latent vector. */
  public static Shape shape() {
    return Shape.vector(3);
  }
}
