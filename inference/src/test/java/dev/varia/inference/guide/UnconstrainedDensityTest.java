package dev.varia.inference.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.gen.Trace;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.mode.GaussianApproximation;
import dev.varia.inference.mode.LatentLayout;
import dev.varia.inference.mode.LogJoint;
import dev.varia.inference.objective.Objectives;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The model on the unconstrained scale: each site is transformed through the bijector of the
 * support met at that site in the run, with its log-Jacobian. GARCH's case: a1 flat on (0, 1), b1
 * flat on (0, 1 - a1) (flat, so no -log(1 - a1) normalising term, but the transform's log-Jacobian
 * includes log(1 - a1)), s flat on (0, inf) (flat in s, so log s is added on log s).
 */
class UnconstrainedDensityTest {
  private static final double[] Y = {0.9, 0.6, 1.1};

  static GenerativeFunction model() {
    GenFn m =
        Model.define(
            "dependent",
            b -> {
              Val a1 = b.sample("a1", Dist.flatInterval(0, 1));
              Val b1 = b.sample("b1", Dist.flatInterval(0, Val.of(1).sub(a1)));
              Val s = b.sample("s", Dist.flatLower(0));
              b.observe(b.data("y"), Dist.normal(a1.add(b1), s));
            });
    return GenerativeFunction.compile(
        Program.of(m),
        "dependent",
        Map.of("y", Tensor.vector(Y)),
        Families.standard(),
        new ParamStore());
  }

  private static double sigmoid(double u) {
    return 1 / (1 + Math.exp(-u));
  }

  /** log p(T(z), y) + log |J| computed by hand. */
  private static double byHand(double[] z, boolean jacobian) {
    double a1 = sigmoid(z[0]);
    double t = sigmoid(z[1]);
    double b1 = (1 - a1) * t;
    double s = Math.exp(z[2]);
    double lp = 0;
    for (double y : Y) {
      double r = (y - a1 - b1) / s;
      lp += -0.5 * r * r - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
    }
    if (jacobian) {
      lp += Math.log(a1 * (1 - a1)) + Math.log((1 - a1) * t * (1 - t)) + z[2];
    }
    return lp;
  }

  @Test
  void theLogJointOnTheUnconstrainedScaleHasEveryJacobianTerm() {
    LatentLayout layout = LatentLayout.of(model());
    assertEquals(3, layout.dimension());
    LogJoint with = LogJoint.of(layout, true);
    LogJoint without = LogJoint.of(layout, false);
    RandomStream rng = RandomStream.seeded(9);
    double[] g = new double[3];
    for (int k = 0; k < 5; k++) {
      double[] z = {rng.normal(), rng.normal(), 0.5 * rng.normal()};
      assertEquals(byHand(z, true), with.valueAndGradient(z, g), 1e-12);
      assertEquals(byHand(z, false), without.value(z), 1e-12);
      for (int i = 0; i < 3; i++) {
        double h = 1e-6;
        double[] zp = z.clone();
        double[] zm = z.clone();
        zp[i] += h;
        zm[i] -= h;
        double fd = (byHand(zp, true) - byHand(zm, true)) / (2 * h);
        assertEquals(fd, g[i], 1e-6 * (1 + Math.abs(fd)), "gradient " + i);
      }
    }
  }

  @Test
  void theObjectivesDensityReadsAnAutomaticGuidesTraceTheSameWay() {
    LatentLayout layout = LatentLayout.of(model());
    double[] z = {0.3, -0.7, -0.2};
    // a point-mass guide at z: its ELBO is exactly log p(T(z), y) + log |J| (log q = 0)
    AutoGuide delta = new AutoDelta(layout, GaussianApproximation.isotropic(z, 1.0));
    double elbo = delta.estimator(Objectives.elbo()).value(RandomStream.seeded(1));
    assertEquals(byHand(z, true), elbo, 1e-12);
    // and its draws are the model's trace at the constrained point
    Trace t = delta.draw(RandomStream.seeded(2)).trace();
    assertEquals(sigmoid(z[0]), t.choice("a1").item(), 1e-15);
    assertEquals((1 - sigmoid(z[0])) * sigmoid(z[1]), t.choice("b1").item(), 1e-15);
    assertEquals(Math.exp(z[2]), t.choice("s").item(), 1e-15);
  }

  @Test
  void aDiscreteLatentIsAClearErrorWithAdvice() {
    GenFn m =
        Model.define(
            "coin",
            b -> {
              Val c = b.sample("c", Dist.bernoulli(0.3));
              b.observe(b.data("y"), Dist.normal(c, 1));
            });
    GenerativeFunction g =
        GenerativeFunction.compile(
            Program.of(m), "coin", Map.of("y", Tensor.scalar(0.4)), Families.standard(), null);
    VariaException e = assertThrows(VariaException.class, () -> LatentLayout.of(g));
    assertTrue(e.getMessage().contains("site c is discrete"), e.getMessage());
    assertTrue(e.getMessage().contains("marginalize"), e.getMessage());
  }

  @Test
  void aGuideForAnotherModelIsRefused() {
    LatentLayout layout = LatentLayout.of(model());
    GenFn other =
        Model.define(
            "other",
            b -> {
              Val a = b.sample("a", Dist.normal(0, 1), 2);
              b.observe(b.data("y"), Dist.normal(a.sum(), 1));
            });
    GenerativeFunction g =
        GenerativeFunction.compile(
            Program.of(other), "other", Map.of("y", Tensor.scalar(1)), Families.standard(), null);
    AutoGuide delta = new AutoDelta(layout, GaussianApproximation.isotropic(new double[3], 1.0));
    java.util.Map<String, GenerativeFunction> fns = java.util.Map.of("p", g, "q", delta.function());
    dev.varia.inference.adev.Estimator est =
        dev.varia.inference.adev.Estimator.of(Objectives.elbo(), fns);
    VariaException e = assertThrows(VariaException.class, () -> est.value(RandomStream.seeded(1)));
    assertTrue(e.getMessage().contains("the model used 2 of the guide's 3"), e.getMessage());
  }
}
