package dev.varia.examples.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.varia.core.ad.Tensor;
import dev.varia.core.gen.ChoiceMap;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.Trace;
import dev.varia.core.random.RandomStream;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.CauchyDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class JavaModelsTest {
  @Test
  void coinScoresMatchTheBetaBernoulliJoint() {
    GenerativeFunction coin = Coin.compiled();
    int heads = 0;
    for (double f : Coin.FLIPS) {
      heads += (int) f;
    }
    int tails = Coin.FLIPS.length - heads;
    for (double p : new double[] {0.1, 0.5, 0.77}) {
      double expected =
          BetaDistribution.of(1, 1).logDensity(p) + heads * Math.log(p) + tails * Math.log1p(-p);
      assertEquals(expected, coin.assess(ChoiceMap.of("p", Tensor.scalar(p))).logDensity(), 1e-12);
    }
    Trace t = coin.simulate(RandomStream.seeded(3));
    double p = t.choice("p").item();
    assertEquals(
        BetaDistribution.of(1, 1).logDensity(p) + heads * Math.log(p) + tails * Math.log1p(-p),
        t.score(),
        1e-12);
  }

  @Test
  void eightSchoolsReportsThetaAndScoresTheJoint() {
    GenerativeFunction gf = EightSchools.compiled();
    Trace t = gf.simulate(RandomStream.seeded(4));
    double mu = t.choice("mu").item();
    double tau = t.choice("tau").item();
    Tensor eta = t.choice("eta");
    Tensor theta = t.reported("theta").orElseThrow();
    double expected =
        NormalDistribution.of(0, 5).logDensity(mu)
            + Math.log(2)
            + CauchyDistribution.of(0, 5).logDensity(tau);
    for (int j = 0; j < 8; j++) {
      assertEquals(mu + tau * eta.get(j), theta.get(j), 1e-12);
      expected += NormalDistribution.of(0, 1).logDensity(eta.get(j));
      expected +=
          NormalDistribution.of(theta.get(j), EightSchools.SIGMA[j]).logDensity(EightSchools.Y[j]);
    }
    assertEquals(expected, t.score(), 1e-9);
    assertEquals(expected, gf.assess(t.choices()).logDensity(), 1e-9);
  }
}
