package dev.varia.inference.mode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.guide.LinearGaussian;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** L-BFGS mode search on models whose modes are known in closed form. */
class ModeFinderTest {
  /** lambda ~ Gamma(2, 1), y_i ~ Poisson(lambda): the posterior is Gamma(2 + sum y, 1 + n). */
  static GenerativeFunction gammaPoisson() {
    GenFn m =
        Model.define(
            "gp",
            b -> {
              Val lambda = b.sample("lambda", Dist.gamma(2, 1));
              b.observe(b.data("y"), Dist.poisson(lambda));
            });
    return GenerativeFunction.compile(
        Program.of(m),
        "gp",
        Map.of("y", Tensor.vector(3, 1, 4, 1, 5)),
        Families.standard(),
        new ParamStore());
  }

  @Test
  void theModeOfAConjugateGaussianIsThePosteriorMean() {
    LatentLayout layout = LatentLayout.of(LinearGaussian.model());
    ModeSearch s = ModeFinder.defaults().find(layout, RandomStream.seeded(1));
    double[] mean = LinearGaussian.mean();
    double[][] cov = LinearGaussian.covariance();
    for (int i = 0; i < mean.length; i++) {
      // L-BFGS stops at a gradient of 1e-8 or a relative change of 2e-12: far below 1e-6 sd
      assertEquals(mean[i], s.best().point()[i], 1e-6 * Math.sqrt(cov[i][i]));
    }
    assertEquals(1, s.distinct().size());
    assertEquals(8, s.modes().size());
  }

  @Test
  void theUnconstrainedModeIncludesTheJacobianAndTheMapDoesNot() {
    LatentLayout layout = LatentLayout.of(gammaPoisson());
    double shape = 2 + 14;
    double rate = 1 + 5;
    // density of z = log lambda: lambda^shape exp(-rate lambda), mode shape / rate
    ModeSearch withJacobian = ModeFinder.defaults().find(layout, RandomStream.seeded(2));
    assertEquals(shape / rate, Math.exp(withJacobian.best().point()[0]), 1e-7);
    // density of lambda: lambda^(shape - 1) exp(-rate lambda), mode (shape - 1) / rate
    ModeSearch map =
        ModeFinder.builder().jacobian(false).build().find(layout, RandomStream.seeded(2));
    assertEquals((shape - 1) / rate, Math.exp(map.best().point()[0]), 1e-7);
  }

  @Test
  void severalStartsFindTheHigherOfTwoModes() {
    // a flat latent with a two-bump factor: bumps at -1.5 (weight 0.3) and 1.5 (weight 0.7)
    GenFn m =
        Model.define(
            "bimodal",
            b -> {
              Val x = b.sample("x", Dist.flat());
              Val left = x.add(1.5).square().mul(-8).add(Math.log(0.3));
              Val right = x.sub(1.5).square().mul(-8).add(Math.log(0.7));
              b.factor(Val.concat(left, right).logSumExp());
            });
    GenerativeFunction g =
        GenerativeFunction.compile(Program.of(m), "bimodal", Map.of(), Families.standard(), null);
    ModeSearch s = ModeFinder.defaults().find(LatentLayout.of(g), RandomStream.seeded(3));
    assertEquals(2, s.distinct().size(), "both bumps are found from 8 starts in (-2, 2)");
    assertEquals(1.5, s.best().point()[0], 1e-3);
    assertTrue(s.distinct().get(1).point()[0] < -1);
  }
}
