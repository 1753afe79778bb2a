package dev.varia.inference.mode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.varia.core.random.RandomStream;
import dev.varia.inference.guide.LinearGaussian;
import dev.varia.inference.mode.internal.DenseMatrices;
import org.junit.jupiter.api.Test;

/** The Laplace approximation and the dense linear algebra behind it. */
class GaussianApproximationTest {
  private static double[][] randomSpd(int d, RandomStream rng) {
    double[][] a = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        a[i][j] = rng.normal();
      }
    }
    double[][] s = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++) {
          s[i][j] += a[i][k] * a[j][k];
        }
      }
      s[i][i] += 0.1;
    }
    return s;
  }

  @Test
  void theLaplaceApproximationOfAGaussianPosteriorIsExact() {
    LatentLayout layout = LatentLayout.of(LinearGaussian.model());
    LogJoint f = LogJoint.of(layout, true);
    double[] mean = LinearGaussian.mean();
    GaussianApproximation g = GaussianApproximation.laplace(f, mean);
    double[][] exact = LinearGaussian.covariance();
    double[][] got = g.covariance();
    double[][] p = LinearGaussian.precision();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        // central differences are exact for a quadratic up to rounding (~1e-12 relative)
        assertEquals(exact[i][j], got[i][j], 1e-8 * Math.sqrt(exact[i][i] * exact[j][j]));
      }
      assertEquals(Math.sqrt(exact[i][i]), g.marginalSd()[i], 1e-8);
      assertEquals(1 / Math.sqrt(p[i][i]), g.conditionalSd()[i], 1e-8);
    }
  }

  @Test
  void theLbfgsLowRankFormIsAProperGaussianCoveringTheInverseHessian() {
    // L-BFGS on a 6-dimensional Gaussian log density: its inverse-Hessian approximation H as
    // diag(gamma) + W W' keeps the directions L-BFGS saw with more variance than gamma and drops
    // the others, so the result minus H is positive semi-definite and the result is proper
    RandomStream rng = RandomStream.seeded(6);
    int d = 6;
    double[][] prec = randomSpd(d, rng);
    dev.varia.inference.optim.DifferentiableFunction f =
        (x, g) -> {
          double v = 0;
          for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
              s += prec[i][j] * x[j];
            }
            g[i] = -s;
            v -= 0.5 * x[i] * s;
          }
          return v;
        };
    double[] x0 = new double[d];
    for (int i = 0; i < d; i++) {
      x0[i] = rng.normal();
    }
    dev.varia.inference.optim.LbfgsResult r =
        dev.varia.inference.optim.Lbfgs.defaults().maximize(f, x0);
    GaussianApproximation g =
        GaussianApproximation.fromInverseHessian(r.point(), r.inverseHessian(), d);
    double[][] cov = g.covariance();
    double[][] h = r.inverseHessian().toDense();
    double[][] diff = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        diff[i][j] = cov[i][j] - h[i][j];
      }
    }
    for (double v : DenseMatrices.symmetricEigen(diff).values()) {
      assertEquals(0, Math.min(v, 0), 1e-8);
    }
    for (double v : DenseMatrices.symmetricEigen(cov).values()) {
      assertEquals(1, Math.signum(v));
    }
    for (int i = 0; i < d; i++) {
      assertEquals(Math.sqrt(cov[i][i]), g.marginalSd()[i], 1e-12);
    }
  }

  @Test
  void jacobiEigenvectorsReassembleTheMatrix() {
    RandomStream rng = RandomStream.seeded(4);
    for (int d : new int[] {1, 2, 5, 12}) {
      double[][] s = randomSpd(d, rng);
      double[][] back = DenseMatrices.reassemble(DenseMatrices.symmetricEigen(s), v -> v);
      double[][] inv = DenseMatrices.reassemble(DenseMatrices.symmetricEigen(s), v -> 1 / v);
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          assertEquals(s[i][j], back[i][j], 1e-10 * (1 + Math.abs(s[i][j])));
          double id = 0;
          for (int k = 0; k < d; k++) {
            id += s[i][k] * inv[k][j];
          }
          assertEquals(i == j ? 1 : 0, id, 1e-8);
        }
      }
    }
  }

  @Test
  void theFormsAgree() {
    RandomStream rng = RandomStream.seeded(5);
    int d = 6;
    double[][] s = randomSpd(d, rng);
    double[] mean = new double[d];
    GaussianApproximation dense = GaussianApproximation.fromCovariance(mean, s);
    double[][] p = DenseMatrices.reassemble(DenseMatrices.symmetricEigen(s), v -> 1 / v);
    for (int i = 0; i < d; i++) {
      assertEquals(1 / Math.sqrt(p[i][i]), dense.conditionalSd()[i], 1e-9);
    }
    // a diagonal-plus-rank-2 covariance: the low-rank form, its dense twin, and Woodbury agree
    double[] diag = {0.5, 1.0, 0.3, 2.0, 0.7, 1.1};
    double[][] w = new double[d][2];
    for (int i = 0; i < d; i++) {
      w[i][0] = rng.normal();
      w[i][1] = rng.normal();
    }
    GaussianApproximation low = GaussianApproximation.fromLowRank(mean, diag, w);
    GaussianApproximation twin = GaussianApproximation.fromCovariance(mean, low.covariance());
    for (int i = 0; i < d; i++) {
      assertEquals(twin.marginalSd()[i], low.marginalSd()[i], 1e-12);
      assertEquals(twin.conditionalSd()[i], low.conditionalSd()[i], 1e-9);
    }
    // its rank-2 form on the correlation scale is exact
    GaussianApproximation.LowRank lr = low.lowRank(2);
    double[][] c = low.covariance();
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double v = (i == j ? lr.diagonal()[i] : 0);
        for (int k = 0; k < 2; k++) {
          v += lr.factor()[i][k] * lr.factor()[j][k];
        }
        assertEquals(c[i][j] / (low.marginalSd()[i] * low.marginalSd()[j]), v, 1e-12);
      }
    }
  }
}
