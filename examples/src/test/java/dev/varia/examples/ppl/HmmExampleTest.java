package dev.varia.examples.ppl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.varia.core.ad.Tensor;
import dev.varia.core.gen.ChoiceMap;
import dev.varia.core.gen.ParamStore;
import dev.varia.examples.data.HmmData;
import dev.varia.examples.testing.Examples;
import dev.varia.inference.diagnostics.PosteriorSummary;
import dev.varia.lang.run.FitOutcome;
import java.util.Map;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/hmm.ppl}: the forward algorithm written in the model gives the log density that
 * brute force gives (the sum over all 2^T state paths of a short sequence); its fit, as declared,
 * lands on the parameters that generated the data.
 */
class HmmExampleTest {
  private static final double[] STAY = {0.7, 0.85};
  private static final double[] MU = {-0.5, 1.2};
  private static final double SIGMA = 0.9;

  @Test
  void theForwardAlgorithmSumsEveryStatePath() {
    double[] y = {0.3, -1.1, 0.8, 1.9, 1.4, -0.2, 0.0, 2.2};
    PplProgram p = Examples.program("hmm", Map.of("y", y));
    ChoiceMap choices =
        ChoiceMap.builder()
            .put("stay", Tensor.vector(STAY))
            .put("mu", Tensor.vector(MU))
            .put("sigma", SIGMA)
            .build();
    double got = p.function("hmm", new ParamStore()).assess(choices).logDensity();
    double prior = Math.log(2) + NormalDistribution.of(0, 2).logDensity(SIGMA);
    for (int k = 0; k < 2; k++) {
      prior += BetaDistribution.of(2, 2).logDensity(STAY[k]);
      prior += NormalDistribution.of(0, 5).logDensity(MU[k]);
    }
    assertEquals(prior + Math.log(bruteForceLikelihood(y)), got, 1e-10);
  }

  /** p(y) = sum over every path s of p(s) p(y | s). */
  private static double bruteForceLikelihood(double[] y) {
    int t = y.length;
    double total = 0;
    for (int path = 0; path < (1 << t); path++) {
      double p = 0.5;
      int prev = -1;
      for (int i = 0; i < t; i++) {
        int s = (path >> i) & 1;
        if (prev >= 0) {
          p *= s == prev ? STAY[prev] : 1 - STAY[prev];
        }
        p *= NormalDistribution.of(MU[s], SIGMA).density(y[i]);
        prev = s;
      }
      total += p;
    }
    return total;
  }

  @Test
  void theFitFindsTheGeneratingParameters() {
    FitOutcome s = Examples.program("hmm").run();
    for (int k = 0; k < 2; k++) {
      near(s.summary("stay[" + (k + 1) + "]"), HmmData.STAY[k]);
      near(s.summary("mu[" + (k + 1) + "]"), HmmData.MU[k]);
    }
    near(s.summary("sigma"), HmmData.SIGMA);
  }

  private static void near(PosteriorSummary s, double truth) {
    assertEquals(truth, s.mean(), 3 * s.sd(), s.name());
  }
}
