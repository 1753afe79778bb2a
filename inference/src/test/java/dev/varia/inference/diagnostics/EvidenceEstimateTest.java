package dev.varia.inference.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.random.RandomStream;
import org.junit.jupiter.api.Test;

/** The importance-sampling evidence estimate, its standard error, and Kish's ESS. */
class EvidenceEstimateTest {
  @Test
  void handComputed() {
    // weights 1, 2, 3, 4: Z-hat = 2.5; u = w / 4 = (.25, .5, .75, 1), mean .625,
    // sd = sqrt(0.3125 / 3); se = sd / (2 * .625); ESS = 10^2 / 30
    double[] lw = {Math.log(1), Math.log(2), Math.log(3), Math.log(4)};
    EvidenceEstimate e = EvidenceEstimate.of(lw);
    assertEquals(Math.log(2.5), e.logEvidence(), 1e-15);
    assertEquals(Math.sqrt(0.3125 / 3) / (2 * 0.625), e.standardError(), 1e-15);
    assertEquals(100.0 / 30, e.effectiveSampleSize(), 1e-13);
    assertEquals(4, e.draws());
    assertEquals(100.0 / 30, ImportanceWeights.effectiveSampleSize(lw), 1e-13);
  }

  @Test
  void hugeLogWeightsDoNotOverflowAndZeroWeightsAreAllowed() {
    double[] lw = {1000, 1000 + Math.log(3), Double.NEGATIVE_INFINITY};
    EvidenceEstimate e = EvidenceEstimate.of(lw);
    assertEquals(1000 + Math.log(4.0 / 3), e.logEvidence(), 1e-12);
    assertEquals(16.0 / 10, e.effectiveSampleSize(), 1e-12);
    assertThrows(
        IllegalArgumentException.class, () -> EvidenceEstimate.of(new double[] {0, Double.NaN}));
    assertThrows(
        IllegalArgumentException.class,
        () -> EvidenceEstimate.of(new double[] {0, Double.POSITIVE_INFINITY}));
  }

  /** Conjugate normal: theta ~ N(0, 1), y | theta ~ N(theta, 1), so p(y) = N(y; 0, 2). */
  private static double logNormal(double x, double mean, double sd) {
    double z = (x - mean) / sd;
    return -0.5 * z * z - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
  }

  private static double[] logWeights(RandomStream rng, int s, double y, double qm, double qs) {
    double[] lw = new double[s];
    for (int i = 0; i < s; i++) {
      double theta = qm + qs * rng.normal();
      lw[i] = logNormal(y, theta, 1) + logNormal(theta, 0, 1) - logNormal(theta, qm, qs);
    }
    return lw;
  }

  @Test
  void matchesTheClosedFormEvidenceWithinItsStandardError() {
    double y = 1.3;
    double exact = logNormal(y, 0, Math.sqrt(2));
    // a guide near the posterior N(0.65, 0.5) and a poorer, wider one
    double[][] guides = {{0.65, 0.75}, {0.2, 1.5}};
    for (double[] g : guides) {
      EvidenceEstimate e =
          EvidenceEstimate.of(logWeights(RandomStream.seeded(1), 4000, y, g[0], g[1]));
      System.out.printf(
          "evidence: guide N(%.2f, %.2f): log Z-hat %.5f +- %.5f (exact %.5f), ESS %.0f%n",
          g[0], g[1], e.logEvidence(), e.standardError(), exact, e.effectiveSampleSize());
      assertEquals(exact, e.logEvidence(), 4 * e.standardError());
    }
  }

  @Test
  void standardErrorMatchesTheSpreadOverReplicates() {
    // the sd of log Z-hat over R replicates estimates the true standard error with relative
    // standard error 1 / sqrt(2 (R - 1)) ~ 5% for R = 200; allow 4 of those plus the mean
    // reported se's own spread
    int r = 200;
    double y = 1.3;
    RandomStream root = RandomStream.seeded(2);
    double[] est = new double[r];
    double seSum = 0;
    for (int i = 0; i < r; i++) {
      EvidenceEstimate e = EvidenceEstimate.of(logWeights(root.fork(i), 1000, y, 0.2, 1.5));
      est[i] = e.logEvidence();
      seSum += e.standardError();
    }
    double mean = 0;
    for (double v : est) {
      mean += v;
    }
    mean /= r;
    double ss = 0;
    for (double v : est) {
      ss += (v - mean) * (v - mean);
    }
    double empirical = Math.sqrt(ss / (r - 1));
    double reported = seSum / r;
    System.out.printf(
        "evidence se: reported %.5f, spread over %d replicates %.5f%n", reported, r, empirical);
    assertEquals(1.0, reported / empirical, 4 / Math.sqrt(2.0 * (r - 1)));
    assertTrue(Math.abs(mean - logNormal(y, 0, Math.sqrt(2))) < 4 * empirical / Math.sqrt(r));
  }
}
