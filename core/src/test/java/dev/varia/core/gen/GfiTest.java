package dev.varia.core.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.exec.LocatedException;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.core.random.RandomStream;
import dev.varia.core.testing.Properties;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The identities of the Generative Function Interface, on random programs. */
class GfiTest {
  private static GenerativeFunction compile(Program p, String name) {
    return GenerativeFunction.compile(p, name, Map.of(), Families.standard(), new ParamStore());
  }

  private static double latentSum(Trace t) {
    return t.logDensities().values().stream().mapToDouble(Double::doubleValue).sum();
  }

  private static void close(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-10 * Math.max(1, Math.abs(expected)), what);
  }

  @Test
  void assessOfSimulatedChoicesEqualsTheScore() {
    Properties.forAll(
        11,
        200,
        RandomPrograms::generate,
        c -> {
          GenerativeFunction gf = compile(c.program(), c.main());
          Trace t = gf.simulate(RandomStream.seeded(5));
          GenerativeFunction.Assessed a = gf.assess(t.choices());
          close(t.score(), a.logDensity(), "assess vs score");
          assertEquals(t.returnValue(), a.returnValue());
        });
  }

  @Test
  void generateWithAllChoicesGivesTheLogJoint() {
    Properties.forAll(
        12,
        200,
        RandomPrograms::generate,
        c -> {
          GenerativeFunction gf = compile(c.program(), c.main());
          Trace t = gf.simulate(RandomStream.seeded(6));
          GenerativeFunction.Generated g = gf.generate(RandomStream.seeded(99), t.choices());
          close(t.score(), g.weight(), "weight vs log joint");
          assertEquals(t.choices(), g.trace().choices());
          close(t.score(), gf.project(t, Selection.all()), "project(all)");
        });
  }

  @Test
  void generateWithNoChoicesWeighsOnlyObservationsAndFactors() {
    Properties.forAll(
        13,
        200,
        RandomPrograms::generate,
        c -> {
          GenerativeFunction gf = compile(c.program(), c.main());
          GenerativeFunction.Generated g = gf.generate(RandomStream.seeded(7), ChoiceMap.empty());
          double obs = g.trace().score() - latentSum(g.trace());
          close(obs, g.weight(), "weight vs observations");
          if (!c.scored()) {
            assertEquals(0.0, g.weight(), "a program without observations has weight 0");
          }
          close(obs, gf.project(g.trace(), Selection.none()), "project(none)");
        });
  }

  @Test
  void sameSeedGivesTheSameTrace() {
    Properties.forAll(
        14,
        50,
        RandomPrograms::generate,
        c -> {
          GenerativeFunction gf = compile(c.program(), c.main());
          Trace a = gf.simulate(RandomStream.seeded(8));
          Trace b = gf.simulate(RandomStream.seeded(8));
          assertEquals(a.choices(), b.choices());
          assertEquals(a.score(), b.score());
        });
  }

  @Test
  void importanceSamplingEstimatesTheEvidenceOfAConjugateModel() {
    double s0 = 2.0;
    double[] y = {1.2, 0.4, 2.1, 1.7, 0.9};
    GenFn model =
        Model.define(
            "nn",
            m -> {
              Val mu = m.sample("mu", Dist.normal(0, s0));
              m.observe(m.data("y"), Dist.normal(mu, 1.0));
            });
    GenerativeFunction gf =
        GenerativeFunction.compile(
            Program.of(model),
            "nn",
            Map.of("y", Tensor.vector(y)),
            Families.standard(),
            new ParamStore());
    // closed form: y ~ N(0, I + s0^2 11^T)
    int n = y.length;
    double sum = 0;
    double sumSq = 0;
    for (double v : y) {
      sum += v;
      sumSq += v * v;
    }
    double c = s0 * s0 / (1 + n * s0 * s0);
    double quad = sumSq - c * sum * sum;
    double logZ = -0.5 * n * Math.log(2 * Math.PI) - 0.5 * Math.log(1 + n * s0 * s0) - 0.5 * quad;

    int draws = 20000;
    double[] w = new double[draws];
    RandomStream rng = RandomStream.seeded(21);
    for (int i = 0; i < draws; i++) {
      w[i] = Math.exp(gf.generate(rng.split(), ChoiceMap.empty()).weight() - logZ);
    }
    double mean = 0;
    for (double v : w) {
      mean += v;
    }
    mean /= draws;
    double var = 0;
    for (double v : w) {
      var += (v - mean) * (v - mean);
    }
    double se = Math.sqrt(var / (draws - 1) / draws);
    // mean of w / Z estimates 1; its standard error from the sample
    assertEquals(1.0, mean, 4 * se, "IS estimate / Z = " + mean + " (se " + se + ")");
    assertTrue(se < 0.05, "the test must be sharp: se " + se);
  }

  @Test
  void samplingAnAddressTwiceIsAnErrorWithItsLocation() {
    GenFn model =
        Model.define(
            "twice",
            m -> {
              m.sample("mu", Dist.normal(0, 1));
              m.sample("mu", Dist.normal(0, 1));
            });
    GenerativeFunction gf = compile(Program.of(model), "twice");
    LocatedException e =
        assertThrows(LocatedException.class, () -> gf.simulate(RandomStream.seeded(1)));
    assertTrue(e.getMessage().contains("mu is given a value twice"), e.getMessage());
    assertTrue(e.getMessage().startsWith("GfiTest.java:"), e.getMessage());
    assertTrue(e.span().line() > 0);
  }

  @Test
  void drawingAnElementTwiceIsAnError() {
    GenFn model =
        Model.define(
            "twice", m -> m.forRange("t", 0, 2, (b, t) -> b.sampleAt("x", 0, Dist.normal(0, 1))));
    LocatedException e =
        assertThrows(
            LocatedException.class,
            () -> compile(Program.of(model), "twice").simulate(RandomStream.seeded(1)));
    assertTrue(e.getMessage().contains("x[1] is given a value twice"), e.getMessage());
  }

  @Test
  void aConstraintThatIsNeverVisitedIsAnError() {
    GenFn model = Model.define("m", m -> m.sample("mu", Dist.normal(0, 1)));
    GenerativeFunction gf = compile(Program.of(model), "m");
    ChoiceMap c = ChoiceMap.builder().put("mu", 0.5).put("sigma", 1.0).build();
    LocatedException e =
        assertThrows(LocatedException.class, () -> gf.generate(RandomStream.seeded(1), c));
    assertTrue(
        e.getMessage().contains("sigma") && e.getMessage().contains("never"), e.getMessage());
    assertTrue(e.getMessage().startsWith("GfiTest.java:"), e.getMessage());
  }

  @Test
  void assessWithAMissingChoiceNamesTheAddressAndLocation() {
    GenFn model =
        Model.define(
            "m",
            m -> {
              Val mu = m.sample("mu", Dist.normal(0, 1));
              m.callAt("step", 2, "inner", mu);
            });
    GenFn inner = Model.define("inner", (b, a) -> b.sample("z", Dist.normal(a[0], 1)), "m");
    GenerativeFunction gf = compile(Program.of(java.util.List.of(model, inner)), "m");
    LocatedException e =
        assertThrows(
            LocatedException.class, () -> gf.assess(ChoiceMap.of("mu", Tensor.scalar(0.1))));
    assertTrue(e.getMessage().contains("no value is given for step[3].z"), e.getMessage());
    assertTrue(e.getMessage().startsWith("GfiTest.java:"), e.getMessage());
  }
}
