package dev.varia.inference.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.diagnostics.ParetoSmoothing;
import dev.varia.inference.objective.ConjugateModels;
import org.junit.jupiter.api.Test;

/**
 * A hierarchical guide u ~ N(0, 1), mu ~ N(m + s u, t) has the marginal N(m, sqrt(s^2 + t^2)) in
 * mu: its draws are weighted by an estimate of that marginal, so the weights are unbiased for the
 * evidence and Pareto k-hat judges the marginal, not the conditional q(mu | u).
 */
class GuideApproximationTest {
  private static GenerativeFunction hierarchical(double m, double s, double t) {
    GenFn q =
        Model.define(
            "h",
            b -> {
              var u = b.sample("u", Dist.normal(0, 1));
              b.sample("mu", Dist.normal(u.mul(s).add(m), t));
            });
    return GenerativeFunction.compile(
        Program.of(q), "h", java.util.Map.of(), Families.standard(), new ParamStore());
  }

  @Test
  void aHierarchicalGuidesWeightsAreUnbiasedForTheEvidence() {
    GenerativeFunction p = ConjugateModels.model(new ParamStore());
    double sd = ConjugateModels.posteriorSd();
    // the marginal is the exact posterior, split evenly between u and the conditional noise
    double half = sd / Math.sqrt(2);
    GuideApproximation exact =
        GuideApproximation.of(p, hierarchical(ConjugateModels.posteriorMean(), half, half));
    int n = 4000;
    double[] logW = new double[n];
    RandomStream rng = RandomStream.seeded(11);
    for (int i = 0; i < n; i++) {
      WeightedDraw d = exact.draw(rng);
      assertFalse(d.trace().choices().has(dev.varia.core.gen.Address.of("u")), "u is left out");
      logW[i] = d.logWeight();
    }
    double logZ = ConjugateModels.logEvidence();
    // w / Z has mean 1 (1 / q-hat is unbiased for 1 / q); its standard error from the draws
    double mean = 0;
    double sq = 0;
    for (double w : logW) {
      double r = Math.exp(w - logZ);
      mean += r;
      sq += r * r;
    }
    mean /= n;
    double se = Math.sqrt((sq / n - mean * mean) / n);
    assertEquals(1.0, mean, 4 * se, "mean of w / Z (se " + se + ")");
    // the conditional q(mu | u) has half the variance: weighting by it would give k-hat near 1
    double khat = ParetoSmoothing.smooth(logW).paretoK();
    assertTrue(khat < 0.5, "k-hat of the exact marginal: " + khat);
  }

  @Test
  void aGuideWithoutAuxiliaryChoicesIsWeightedByItsDensity() {
    GenerativeFunction p = ConjugateModels.model(new ParamStore());
    GenerativeFunction q =
        GenerativeFunction.compile(
            Program.of(
                Model.define(
                    "q",
                    b ->
                        b.sample(
                            "mu",
                            Dist.normal(
                                ConjugateModels.posteriorMean(), ConjugateModels.posteriorSd())))),
            "q",
            java.util.Map.of(),
            Families.standard(),
            new ParamStore());
    WeightedDraw d = GuideApproximation.of(p, q).draw(RandomStream.seeded(2));
    // the exact posterior as the guide: every weight is log Z
    assertEquals(ConjugateModels.logEvidence(), d.logWeight(), 1e-9);
    assertTrue(d.trace().choices().get("mu").map(Tensor::item).isPresent());
  }
}
