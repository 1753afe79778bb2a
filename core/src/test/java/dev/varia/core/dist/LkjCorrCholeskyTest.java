package dev.varia.core.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.random.RandomStream;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The LKJ distribution on Cholesky factors beyond K = 2 (which the contract test covers): the
 * density integrates to 1 over the free (strictly lower) elements, by Monte Carlo over the product
 * of unit balls they range over; and every correlation of R = L L^T drawn by the onion method has
 * the known marginal r = 2 B - 1, B ~ beta(eta - 1 + K/2, eta - 1 + K/2) (Lewandowski, Kurowicka
 * and Joe 2009).
 */
class LkjCorrCholeskyTest {

  /** A uniform point of the unit ball in R^m. */
  private static double[] inBall(RandomStream rng, int m) {
    while (true) {
      double[] u = new double[m];
      double n = 0;
      for (int j = 0; j < m; j++) {
        u[j] = 2 * rng.uniform() - 1;
        n += u[j] * u[j];
      }
      if (n < 1) {
        return u;
      }
    }
  }

  private static double ballVolume(int m) {
    return Math.pow(Math.PI, 0.5 * m)
        / Math.exp(org.apache.commons.numbers.gamma.LogGamma.value(0.5 * m + 1));
  }

  @ParameterizedTest(name = "K = {0}, eta = {1}")
  @CsvSource({"3, 0.7", "3, 1.5", "4, 1.5", "4, 3"})
  void densityIntegratesToOne(int k, double eta) {
    RandomStream rng = RandomStream.seeded(31 * k + (long) (10 * eta));
    int n = 40_000;
    double volume = 1;
    for (int m = 1; m < k; m++) {
      volume *= ballVolume(m);
    }
    Tape tape = new Tape();
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      double[] l = new double[k * k];
      l[0] = 1;
      for (int m = 1; m < k; m++) {
        double[] w = inBall(rng, m);
        double norm = 0;
        for (int j = 0; j < m; j++) {
          l[m * k + j] = w[j];
          norm += w[j] * w[j];
        }
        l[m * k + m] = Math.sqrt(1 - norm);
      }
      tape.reset();
      double lp =
          LkjCorrCholesky.of(tape, k, eta)
              .logDensity(tape.constant(Tensor.wrap(l, Shape.matrix(k, k))))
              .item();
      double f = volume * Math.exp(lp);
      sum += f;
      sumSq += f * f;
    }
    double mean = sum / n;
    double se = Math.sqrt((sumSq / n - mean * mean) / n);
    assertTrue(
        Math.abs(mean - 1) <= Stats.Z * se,
        "integral " + mean + " (SE " + se + ") for K = " + k + ", eta = " + eta);
  }

  @ParameterizedTest(name = "K = {0}, eta = {1}")
  @CsvSource({"3, 0.7", "3, 2", "4, 1.5"})
  void correlationsOfDrawsHaveTheKnownMarginal(int k, double eta) {
    Tape tape = new Tape();
    LkjCorrCholesky d = LkjCorrCholesky.of(tape, k, eta);
    RandomStream rng = RandomStream.seeded(7 * k + (long) (100 * eta));
    int n = 5000;
    int pairs = k * (k - 1) / 2;
    double[][] r = new double[pairs][n];
    for (int i = 0; i < n; i++) {
      Tensor l = d.sample(rng);
      assertEquals(Shape.matrix(k, k), l.shape());
      assertTrue(d.logDensity(tape.constant(l)).item() > Double.NEGATIVE_INFINITY, "in support");
      for (int a = 1, p = 0; a < k; a++) {
        for (int b = 0; b < a; b++, p++) {
          double s = 0;
          for (int j = 0; j <= b; j++) {
            s += l.get(a, j) * l.get(b, j);
          }
          r[p][i] = s;
        }
      }
    }
    double shape = eta - 1 + 0.5 * k;
    Ref1D ref = Ref1D.affine(BetaDistribution.of(shape, shape), -1, 2);
    for (int p = 0; p < pairs; p++) {
      String what = "K = " + k + ", eta = " + eta + ", correlation " + p;
      Stats.assertMean(r[p], 0, ref.variance(), what);
      Stats.assertVariance(r[p], ref.variance(), what);
      Stats.assertKs(r[p], ref::cdf, what);
    }
  }

  @ParameterizedTest(name = "K = {0}")
  @CsvSource({"1", "3"})
  void invalidFactorsScoreMinusInfinity(int k) {
    Tape tape = new Tape();
    LkjCorrCholesky d = LkjCorrCholesky.of(tape, k, 2);
    double[] eye = new double[k * k];
    for (int i = 0; i < k; i++) {
      eye[i * k + i] = 1;
    }
    double atIdentity = d.logDensity(tape.constant(Tensor.wrap(eye, Shape.matrix(k, k)))).item();
    if (k == 1) {
      assertEquals(0.0, atIdentity, 0.0, "K = 1: a point mass at [[1]]");
    } else {
      assertTrue(Double.isFinite(atIdentity));
    }
    double[] bad = eye.clone();
    bad[0] = -1;
    assertEquals(
        Double.NEGATIVE_INFINITY,
        d.logDensity(tape.constant(Tensor.wrap(bad, Shape.matrix(k, k)))).item());
    if (k > 1) {
      double[] upper = eye.clone();
      upper[1] = 0.1;
      assertEquals(
          Double.NEGATIVE_INFINITY,
          d.logDensity(tape.constant(Tensor.wrap(upper, Shape.matrix(k, k)))).item());
    }
  }
}
