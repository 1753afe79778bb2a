package dev.varia.inference.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.random.RandomStream;
import dev.varia.inference.diagnostics.EvidenceEstimate;
import dev.varia.inference.diagnostics.ParetoKAdvice;
import dev.varia.inference.diagnostics.PsisResult;
import dev.varia.inference.mode.GaussianApproximation;
import dev.varia.inference.mode.LatentLayout;
import dev.varia.inference.results.Draws;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Pareto k-hat of a fitted guide and the importance-sampling evidence, on the conjugate
 * linear-Gaussian model whose posterior N(m, C) and evidence are known. A guide N(m, c^2 C) with c
 * > 1 has bounded importance ratios (true k below 0); with c < 1 the ratios are Pareto-tailed with
 * k = 1 - c^2 (for c = 0.3, 0.91). k-hat is judged over five independent sets of 4000 draws: all
 * must fall on the right side of 0.5 and 0.7 (its sampling sd here is about 0.05).
 */
class DiagnosticsTest {
  private static AutoGuide scaled(double c) {
    LatentLayout layout = LatentLayout.of(LinearGaussian.model());
    double[][] cov = LinearGaussian.covariance();
    for (double[] row : cov) {
      for (int j = 0; j < row.length; j++) {
        row[j] *= c * c;
      }
    }
    return new AutoMultivariateNormal(
        layout, GaussianApproximation.fromCovariance(LinearGaussian.mean(), cov));
  }

  private static double[] khats(AutoGuide g) {
    double[] k = new double[5];
    for (int s = 0; s < k.length; s++) {
      k[s] = Draws.of(g, 4000, RandomStream.seeded(40 + s)).psis().paretoK();
    }
    return k;
  }

  @Test
  void kHatIsSmallForAGoodGuideAndLargeForATooNarrowOne() {
    double[] good = khats(scaled(1.3));
    double[] bad = khats(scaled(0.3));
    for (double k : good) {
      assertTrue(k < 0.5, "good guide: " + Arrays.toString(good));
    }
    for (double k : bad) {
      assertTrue(k > 0.7, "too narrow a guide: " + Arrays.toString(bad));
    }
    PsisResult p = Draws.of(scaled(0.3), 4000, RandomStream.seeded(1)).psis();
    assertTrue(p.advice() == ParetoKAdvice.BAD || p.advice() == ParetoKAdvice.VERY_BAD);
    assertTrue(p.describe().contains("richer guide"), p.describe());
  }

  @Test
  void theEvidenceEstimateMatchesTheClosedForm() {
    double exact = LinearGaussian.logEvidence();
    for (int s = 0; s < 5; s++) {
      EvidenceEstimate e = Draws.of(scaled(1.3), 4000, RandomStream.seeded(50 + s)).evidence();
      assertEquals(exact, e.logEvidence(), 4 * e.standardError(), "seed " + s + ": " + e);
      assertTrue(e.standardError() > 0 && e.standardError() < 0.05, e.toString());
    }
  }
}
