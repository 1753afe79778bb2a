package dev.varia.examples.ppl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.varia.core.ad.Tensor;
import dev.varia.core.gen.ChoiceMap;
import dev.varia.core.gen.ParamStore;
import dev.varia.examples.data.MixtureData;
import dev.varia.examples.testing.Examples;
import dev.varia.inference.diagnostics.PosteriorSummary;
import dev.varia.lang.run.FitOutcome;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/mixture.ppl}: the model's log density, with every label summed out, matches the
 * mixture density computed by hand; its fit, as declared, lands on the parameters that generated
 * the data.
 */
class MixtureExampleTest {
  @Test
  void theLogDensitySumsTheLabelsOut() {
    PplProgram p = Examples.program("mixture");
    double theta = 0.4;
    double[] mu = {-1.5, 2.5};
    double[] sigma = {0.8, 1.2};
    ChoiceMap choices =
        ChoiceMap.builder()
            .put("theta", theta)
            .put("mu", Tensor.vector(mu))
            .put("sigma", Tensor.vector(sigma))
            .build();
    double got = p.function("mixture", new ParamStore()).assess(choices).logDensity();
    double expected = BetaDistribution.of(2, 2).logDensity(theta);
    for (int k = 0; k < 2; k++) {
      expected += NormalDistribution.of(0, 5).logDensity(mu[k]);
      expected += Math.log(2) + NormalDistribution.of(0, 2).logDensity(sigma[k]); // half-normal
    }
    for (double y : MixtureData.example().y()) {
      expected +=
          Math.log(
              theta * NormalDistribution.of(mu[0], sigma[0]).density(y)
                  + (1 - theta) * NormalDistribution.of(mu[1], sigma[1]).density(y));
    }
    assertEquals(expected, got, 1e-9 * Math.abs(expected));
  }

  @Test
  void theFitFindsTheGeneratingParameters() {
    FitOutcome s = Examples.program("mixture").run();
    near(s.summary("theta"), MixtureData.THETA);
    for (int k = 0; k < 2; k++) {
      near(s.summary("mu[" + (k + 1) + "]"), MixtureData.MU[k]);
      near(s.summary("sigma[" + (k + 1) + "]"), MixtureData.SIGMA[k]);
    }
  }

  private static void near(PosteriorSummary s, double truth) {
    assertEquals(truth, s.mean(), 3 * s.sd(), s.name());
  }
}
