package dev.varia.inference.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.gen.Selection;
import dev.varia.core.ir.Domain;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.ir.Strategy;
import dev.varia.core.math.SpecialFunctions;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.adev.Estimator;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * marginal and normalize as stochastic probabilities (ADEV.md section 5): density estimates are
 * unbiased for the density, reciprocal estimates for the reciprocal density, checked against closed
 * forms or quadrature within 4 standard errors; and the objectives built on them are lower bounds
 * that rise with their particle counts.
 */
class StochasticFamiliesTest {
  private static final Selection KEEP_X = Selection.of("x");

  private static GenerativeFunction compile(GenFn fn, ParamStore store) {
    return GenerativeFunction.compile(
        Program.of(fn), fn.name(), Map.of(), Families.standard(), store);
  }

  /** u ~ N(0, 1), x ~ N(u, 1): the marginal of x is N(0, sqrt 2). */
  private static GenerativeFunction hierarchical() {
    return compile(
        Model.define(
            "q",
            m -> {
              Val u = m.sample("u", Dist.normal(0, 1), Strategy.REPARAM);
              m.sample("x", Dist.normal(u, 1), Strategy.REPARAM);
            }),
        new ParamStore());
  }

  /** A function whose only choice is x = at (to score a fixed point). */
  private static GenerativeFunction point(String site, double at) {
    return compile(
        Model.define("point", m -> m.sample(site, dev.varia.core.model.DistSpec.of("delta", at))),
        new ParamStore());
  }

  private static double[] meanAndSe(Estimator est, int n, long seed) {
    RandomStream rng = RandomStream.seeded(seed);
    double s = 0;
    double ss = 0;
    for (int i = 0; i < n; i++) {
      double v = est.value(rng.split());
      s += v;
      ss += v * v;
    }
    double mean = s / n;
    return new double[] {mean, Math.sqrt((ss / n - mean * mean) / n)};
  }

  private static double logNormal(double x, double m, double sd) {
    double z = (x - m) / sd;
    return -0.5 * z * z - Math.log(sd) - SpecialFunctions.HALF_LOG_TWO_PI;
  }

  @Test
  void marginalDensityEstimateIsUnbiased() {
    double x0 = 0.7;
    for (int n : new int[] {1, 4}) {
      Objective o =
          ObjectiveBuilder.defineEstimator(
              "marginal_density",
              Map.of("q", Role.GUIDE, "point", Role.GUIDE),
              b -> b.densityMarginal("q", KEEP_X, n, b.sim("point")).exp());
      Estimator est = Estimator.of(o, Map.of("q", hierarchical(), "point", point("x", x0)));
      double[] m = meanAndSe(est, 20000, 3 + n);
      double exact = Math.exp(logNormal(x0, 0, Math.sqrt(2)));
      assertEquals(exact, m[0], 4 * m[1], "N = " + n + ": mean " + m[0] + " se " + m[1]);
    }
  }

  @Test
  void marginalReciprocalEstimateIsUnbiased() {
    // E[g(x) / w] = integral of g = 1 when E[1/w | x] = 1/q(x), for g the N(0, 1) density
    for (int n : new int[] {1, 4}) {
      Objective o =
          ObjectiveBuilder.defineEstimator(
              "marginal_reciprocal",
              Map.of("q", Role.GUIDE),
              b -> {
                ObjectiveBuilder.Trace z = b.simMarginal("q", KEEP_X, n);
                Val x = b.choice(z, "x");
                Val logg = x.square().mul(-0.5).sub(SpecialFunctions.HALF_LOG_TWO_PI);
                return logg.sub(b.logq(z)).exp();
              });
      double[] m = meanAndSe(Estimator.of(o, Map.of("q", hierarchical())), 20000, 30 + n);
      assertEquals(1.0, m[0], 4 * m[1], "N = " + n + ": mean " + m[0] + " se " + m[1]);
      assertTrue(m[1] < 0.05, "too noisy: " + m[1]);
    }
  }

  /** The guide N(m0, s0) for the conjugate model, fixed. */
  private static GenerativeFunction wideGuide(ParamStore store) {
    return ConjugateModels.guide(store, 0.5, 1.0, Strategy.REPARAM);
  }

  /**
   * The density of the SIR(2) distribution at x: q(x) E_{x2 ~ q}[2 w(x) / (w(x) + w(x2))], by
   * quadrature over x2.
   */
  private static double sir2Density(double x) {
    double qm = 0.5;
    double qs = 1.0;
    Function<Double, Double> w =
        v -> {
          double lp = logNormal(v, 0, ConjugateModels.S0);
          for (double y : ConjugateModels.Y) {
            lp += logNormal(y, v, 1);
          }
          return Math.exp(lp - logNormal(v, qm, qs));
        };
    double wx = w.apply(x);
    double sum = 0;
    int grid = 20000;
    double lo = qm - 10 * qs;
    double h = 20 * qs / grid;
    for (int i = 0; i <= grid; i++) {
      double v = lo + i * h;
      double f = Math.exp(logNormal(v, qm, qs)) * 2 * wx / (wx + w.apply(v));
      sum += (i == 0 || i == grid ? 0.5 : 1) * f;
    }
    return Math.exp(logNormal(x, qm, qs)) * sum * h;
  }

  @Test
  void normalizeDensityEstimateIsUnbiasedForTheSirDistribution() {
    double mu0 = 0.9;
    Objective o =
        ObjectiveBuilder.defineEstimator(
            "normalize_density",
            Map.of("p", Role.MODEL, "q", Role.GUIDE, "point", Role.GUIDE),
            b -> b.densityNormalize("p", "q", 2, b.sim("point")).exp());
    ParamStore store = new ParamStore();
    Estimator est =
        Estimator.of(
            o,
            Map.of(
                "p",
                ConjugateModels.model(store),
                "q",
                wideGuide(store),
                "point",
                point("mu", mu0)));
    double[] m = meanAndSe(est, 20000, 41);
    double exact = sir2Density(mu0);
    assertEquals(exact, m[0], 4 * m[1], "mean " + m[0] + " se " + m[1] + " exact " + exact);
    // with K = 1 the SIR distribution is the guide itself and the estimate is exact
    Objective one =
        ObjectiveBuilder.defineEstimator(
            "normalize_density1",
            Map.of("p", Role.MODEL, "q", Role.GUIDE, "point", Role.GUIDE),
            b -> b.densityNormalize("p", "q", 1, b.sim("point")));
    double v =
        Estimator.of(
                one,
                Map.of(
                    "p",
                    ConjugateModels.model(store),
                    "q",
                    wideGuide(store),
                    "point",
                    point("mu", mu0)))
            .value(RandomStream.seeded(1));
    assertEquals(logNormal(mu0, 0.5, 1.0), v, 1e-12);
  }

  @Test
  void normalizeReciprocalEstimateIsUnbiased() {
    Objective o =
        ObjectiveBuilder.defineEstimator(
            "normalize_reciprocal",
            Map.of("p", Role.MODEL, "q", Role.GUIDE),
            b -> {
              ObjectiveBuilder.Trace z = b.simNormalize("p", "q", 4);
              Val x = b.choice(z, "mu");
              Val logg = x.square().mul(-0.5).sub(SpecialFunctions.HALF_LOG_TWO_PI);
              return logg.sub(b.logq(z)).exp();
            });
    ParamStore store = new ParamStore();
    Estimator est =
        Estimator.of(o, Map.of("p", ConjugateModels.model(store), "q", wideGuide(store)));
    double[] m = meanAndSe(est, 20000, 43);
    assertEquals(1.0, m[0], 4 * m[1], "mean " + m[0] + " se " + m[1]);
  }

  /**
   * u ~ N(0, 1), mu ~ N(m + a u, s): a hierarchical guide whose marginal is N(m, sqrt(a^2+s^2)).
   */
  private static GenerativeFunction hierarchicalGuide(ParamStore store) {
    return compile(
        Model.define(
            "qh",
            m -> {
              Val loc = m.param("m", Shape.SCALAR, Domain.real(), Tensor.scalar(0.9));
              Val a = m.param("a", Shape.SCALAR, Domain.real(), Tensor.scalar(0.6));
              Val s = m.param("s", Shape.SCALAR, Domain.positive(), Tensor.scalar(0.4));
              Val u = m.sample("u", Dist.normal(0, 1), Strategy.REPARAM);
              m.sample("mu", Dist.normal(loc.add(a.mul(u)), s), Strategy.REPARAM);
            }),
        store);
  }

  @Test
  void hierarchicalObjectivesAreLowerBoundsRisingWithTheirParticles() {
    ParamStore store = new ParamStore();
    Map<String, GenerativeFunction> fns =
        Map.of("p", ConjugateModels.model(store), "q", hierarchicalGuide(store));
    Selection keep = Selection.of("mu");
    double logZ = ConjugateModels.logEvidence();
    Objective[] chain = {
      Objectives.hvi(keep), Objectives.iwhvi(keep, 8), Objectives.diwhvi(keep, 8, 8)
    };
    double prev = Double.NEGATIVE_INFINITY;
    double prevSe = 0;
    for (Objective o : chain) {
      double[] m = meanAndSe(Estimator.of(o, fns), 4000, 50 + o.name().length());
      assertTrue(m[0] <= logZ + 4 * m[1], o.name() + " mean " + m[0] + " exceeds log Z " + logZ);
      assertTrue(
          m[0] > prev - 4 * Math.hypot(m[1], prevSe),
          o.name() + " mean " + m[0] + " did not rise above " + prev);
      prev = m[0];
      prevSe = m[1];
    }
    // and the exact ELBO of the marginal family lies between HVI and log Z
    assertTrue(prev < logZ + 4 * prevSe);
  }

  @Test
  void estimatesInTheWrongPositionAreRefused() {
    VariaException plus =
        assertThrows(
            VariaException.class,
            () ->
                ObjectiveBuilder.define(
                    "upward",
                    ObjectiveBuilder.MODEL_AND_GUIDE,
                    b -> {
                      ObjectiveBuilder.Trace z = b.simMarginal("q", KEEP_X, 2);
                      return b.density("p", z).add(b.logq(z));
                    }));
    assertTrue(plus.getMessage().contains("reciprocal-density estimate"), plus.getMessage());
    VariaException minus =
        assertThrows(
            VariaException.class,
            () ->
                ObjectiveBuilder.define(
                    "upward2",
                    ObjectiveBuilder.MODEL_AND_GUIDE,
                    b -> {
                      ObjectiveBuilder.Trace z = b.sim("q");
                      return b.densityMarginal("q", KEEP_X, 2, z).neg().add(b.density("p", z));
                    }));
    assertTrue(minus.getMessage().contains("density estimate"), minus.getMessage());
  }
}
