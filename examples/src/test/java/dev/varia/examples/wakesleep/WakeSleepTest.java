package dev.varia.examples.wakesleep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.examples.data.ClusterData;
import dev.varia.examples.testing.Examples;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/wake_sleep.ppl} fitted by alternating wake phases learns the model's parameters:
 * they land on the maximum-likelihood estimate (computed here by EM, which sums the labels out
 * exactly) and near the parameters that generated the data, and the learned classifier labels the
 * points about as well as the Bayes classifier with the true parameters.
 */
class WakeSleepTest {
  @Test
  void wakeSleepRecoversTheMixture() {
    ClusterData data = ClusterData.example();
    WakeSleep.Learned l =
        WakeSleep.fit(Examples.file("wake_sleep.ppl"), Examples.file("wake_sleep.csv"), 1000, 1);
    double[][] mle = em(data.y());
    for (int k = 0; k < 3; k++) {
      assertEquals(mle[0][k], l.weights()[k], 0.02, "weights[" + k + "] vs EM");
      assertEquals(mle[1][k], l.mu()[k], 0.08, "mu[" + k + "] vs EM");
      assertEquals(ClusterData.WEIGHTS[k], l.weights()[k], 0.05, "weights[" + k + "]");
      assertEquals(ClusterData.MU[k], l.mu()[k], 0.3, "mu[" + k + "]");
    }
    assertEquals(mle[2][0], l.sigma(), 0.03, "sigma vs EM");
    assertEquals(ClusterData.SIGMA, l.sigma(), 0.1, "sigma");
    double bayes = bayesAccuracy(data);
    double got = l.accuracy(data.y(), data.labels());
    assertTrue(got > bayes - 0.02, "classifier accuracy " + got + " vs Bayes " + bayes);
  }

  /** Maximum likelihood by EM: {weights, means, {sd}}, started where the model's params start. */
  private static double[][] em(double[] y) {
    double[] w = {1.0 / 3, 1.0 / 3, 1.0 / 3};
    double[] mu = {-1, 0, 1};
    double s = 1;
    for (int it = 0; it < 500; it++) {
      double[] nk = new double[3];
      double[] sy = new double[3];
      double[][] r = new double[y.length][3];
      for (int n = 0; n < y.length; n++) {
        double total = 0;
        for (int k = 0; k < 3; k++) {
          r[n][k] = w[k] * Math.exp(-0.5 * Math.pow((y[n] - mu[k]) / s, 2));
          total += r[n][k];
        }
        for (int k = 0; k < 3; k++) {
          r[n][k] /= total;
          nk[k] += r[n][k];
          sy[k] += r[n][k] * y[n];
        }
      }
      double ss = 0;
      for (int k = 0; k < 3; k++) {
        w[k] = nk[k] / y.length;
        mu[k] = sy[k] / nk[k];
      }
      for (int n = 0; n < y.length; n++) {
        for (int k = 0; k < 3; k++) {
          ss += r[n][k] * (y[n] - mu[k]) * (y[n] - mu[k]);
        }
      }
      s = Math.sqrt(ss / y.length);
    }
    return new double[][] {w, mu, {s}};
  }

  private static double bayesAccuracy(ClusterData d) {
    int right = 0;
    for (int n = 0; n < d.y().length; n++) {
      int best = 0;
      double bestLp = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < 3; k++) {
        double z = (d.y()[n] - ClusterData.MU[k]) / ClusterData.SIGMA;
        double lp = Math.log(ClusterData.WEIGHTS[k]) - 0.5 * z * z;
        if (lp > bestLp) {
          bestLp = lp;
          best = k;
        }
      }
      right += best + 1 == d.labels()[n] ? 1 : 0;
    }
    return (double) right / d.y().length;
  }
}
