package dev.varia.examples.ppl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.examples.data.RegressionData;
import dev.varia.examples.testing.Examples;
import dev.varia.inference.diagnostics.PosteriorSummary;
import dev.varia.lang.run.FitOutcome;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/linear_regression.ppl} and {@code logistic_regression.ppl}: their fits, as
 * declared, recover the coefficients that generated the synthetic data (within 3 posterior sds),
 * and the linear fit's means agree with least squares (which is the posterior mean under these weak
 * priors, to well under a tenth of a posterior sd).
 */
class RegressionExamplesTest {
  @Test
  void linearRegressionRecoversTheCoefficients() {
    FitOutcome s = Examples.program("linear_regression").run();
    RegressionData d = RegressionData.linearExample();
    double[] ols = leastSquares(d);
    check(s, "alpha", d.alpha(), ols[0]);
    for (int j = 0; j < d.beta().length; j++) {
      check(s, "beta[" + (j + 1) + "]", d.beta()[j], ols[j + 1]);
    }
    PosteriorSummary sigma = s.summary("sigma");
    assertEquals(d.sigma(), sigma.mean(), 3 * sigma.sd(), "sigma");
  }

  @Test
  void logisticRegressionRecoversTheCoefficients() {
    FitOutcome s = Examples.program("logistic_regression").run();
    RegressionData d = RegressionData.logisticExample();
    PosteriorSummary alpha = s.summary("alpha");
    assertEquals(d.alpha(), alpha.mean(), 3 * alpha.sd(), "alpha");
    for (int j = 0; j < d.beta().length; j++) {
      PosteriorSummary b = s.summary("beta[" + (j + 1) + "]");
      assertEquals(d.beta()[j], b.mean(), 3 * b.sd(), b.name());
    }
  }

  private static void check(FitOutcome s, String name, double truth, double ls) {
    PosteriorSummary x = s.summary(name);
    assertEquals(truth, x.mean(), 3 * x.sd(), name + " vs the truth");
    assertEquals(ls, x.mean(), 0.25 * x.sd(), name + " vs least squares");
    assertTrue(x.sd() > 0.02 && x.sd() < 0.1, name + " sd " + x.sd());
  }

  /** Least squares with an intercept: solves (A'A) c = A'y, A = [1, X], by Gaussian elimination. */
  static double[] leastSquares(RegressionData d) {
    int k = d.beta().length + 1;
    double[][] m = new double[k][k + 1];
    for (int i = 0; i < d.n(); i++) {
      double[] a = new double[k];
      a[0] = 1;
      System.arraycopy(d.x()[i], 0, a, 1, k - 1);
      for (int r = 0; r < k; r++) {
        for (int c = 0; c < k; c++) {
          m[r][c] += a[r] * a[c];
        }
        m[r][k] += a[r] * d.y()[i];
      }
    }
    for (int c = 0; c < k; c++) {
      for (int r = c + 1; r < k; r++) {
        double f = m[r][c] / m[c][c];
        for (int j = c; j <= k; j++) {
          m[r][j] -= f * m[c][j];
        }
      }
    }
    double[] x = new double[k];
    for (int r = k - 1; r >= 0; r--) {
      double v = m[r][k];
      for (int j = r + 1; j < k; j++) {
        v -= m[r][j] * x[j];
      }
      x[r] = v / m[r][r];
    }
    return x;
  }
}
