package dev.varia.inference.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.varia.core.gen.GenerativeFunction;
import dev.varia.inference.mode.GaussianApproximation;
import dev.varia.inference.results.FitReport;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Automatic guides recover the exact posterior of a conjugate linear-Gaussian model: the full-rank
 * guide its mean and covariance, the mean-field guide its mean and the known mean-field variances
 * {@code 1 / P_ii} (the optimum of KL(q || p) over independent normals for a Gaussian p with
 * precision P), the low-rank guide of full rank the whole covariance. Each fit starts from the
 * mode, and also (the harder case) from N(0, I).
 *
 * <p>Tolerances: five fits with different seeds give a mean and a standard error of each fitted
 * quantity; the mean must be within 4 standard errors of the exact value plus a floor of 2% of the
 * posterior scale (the bias of averaging log-scale parameters, and rounding, are far below it).
 */
class AutoGuideRecoveryTest {
  private static final int SEEDS = 5;

  static Stream<Arguments> fits() {
    return Stream.of(
        Arguments.of(GuideKind.FULL_RANK, true),
        Arguments.of(GuideKind.FULL_RANK, false),
        Arguments.of(GuideKind.MEAN_FIELD, true),
        Arguments.of(GuideKind.MEAN_FIELD, false),
        Arguments.of(GuideKind.LOW_RANK, true));
  }

  @ParameterizedTest(name = "{0}, mode start {1}")
  @MethodSource("fits")
  void recoversTheExactPosterior(GuideKind kind, boolean modeStart) {
    GenerativeFunction model = LinearGaussian.model();
    double[] exactMean = LinearGaussian.mean();
    double[][] exactCov = LinearGaussian.covariance();
    double[][] precision = LinearGaussian.precision();
    int d = exactMean.length;
    double[][] means = new double[SEEDS][];
    double[][][] covs = new double[SEEDS][][];
    for (int s = 0; s < SEEDS; s++) {
      FitReport r =
          AutoFit.of(model)
              .guide(kind)
              .modeStart(modeStart)
              .seed(100 + s)
              .draws(100)
              .objectiveEstimates(10)
              .importanceResampling(false)
              .guideOptions(new GuideOptions(d, 0, 0))
              .run();
      GaussianApproximation q = ((AutoGuide) r.approximation()).currentApproximation();
      means[s] = q.mean();
      covs[s] = q.covariance();
    }
    for (int i = 0; i < d; i++) {
      double sd = Math.sqrt(exactCov[i][i]);
      double[] m = new double[SEEDS];
      for (int s = 0; s < SEEDS; s++) {
        m[s] = means[s][i];
      }
      assertClose(exactMean[i], m, 0.02 * sd, "mean of beta[" + (i + 1) + "]");
      for (int j = 0; j <= i; j++) {
        double expected;
        if (kind == GuideKind.MEAN_FIELD) {
          expected = i == j ? 1 / precision[i][i] : 0;
        } else {
          expected = exactCov[i][j];
        }
        double[] c = new double[SEEDS];
        for (int s = 0; s < SEEDS; s++) {
          c[s] = covs[s][i][j];
        }
        double scale = Math.sqrt(exactCov[i][i] * exactCov[j][j]);
        assertClose(expected, c, 0.02 * scale, "covariance (" + (i + 1) + ", " + (j + 1) + ")");
      }
    }
  }

  /** Mean of {@code values} within 4 standard errors (plus {@code floor}) of {@code expected}. */
  private static void assertClose(double expected, double[] values, double floor, String what) {
    int n = values.length;
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= n;
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double se = Math.sqrt(ss / (n - 1) / n);
    assertEquals(expected, mean, 4 * se + floor, what + " (se " + se + ")");
  }
}
