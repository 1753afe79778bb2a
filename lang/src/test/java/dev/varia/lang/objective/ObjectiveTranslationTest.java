package dev.varia.lang.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Tape;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.gen.Selection;
import dev.varia.core.ir.Program;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.adev.Estimator;
import dev.varia.inference.adev.ParamBinding;
import dev.varia.inference.objective.Objective;
import dev.varia.inference.objective.Objectives;
import dev.varia.lang.Compilation;
import dev.varia.lang.testing.Ppl;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Objectives written in a .ppl file, translated to the objective IR, have the same expectation and
 * the same expected gradient as the library's (means of seeded estimates within 4 standard errors):
 * IWELBO(2) with a particle loop, IWHVI(3) with {@code marginal}, wake-q with {@code normalize}.
 */
class ObjectiveTranslationTest {
  @Test
  void userIwelboMatchesTheLibrary() {
    Compilation c =
        Ppl.ok(
            Ppl.compile(
                """
                model m {
                  mu ~ normal(0, 1)
                  1.5 ~ normal(mu, 0.5)
                }
                guide q for m {
                  param loc: real = 0.3
                  param scale: real<lower=0> = 0.8
                  mu ~ normal(loc, scale)
                }
                objective my_iwelbo(p, q, K: int) = E {
                  w = for k in 1..K {
                    z ~ sim(q)
                    density(p, z) - z.logq
                  }
                  logmeanexp(w)
                }
                """));
    Objective mine =
        ObjectiveTranslation.translate(
            c.checked().get().objectives().get("my_iwelbo"), Map.of("K", 2.0));
    Map<String, GenerativeFunction> fns = functions(c, "q");
    Moments a = moments(Estimator.of(mine, fns), 1);
    Moments b = moments(Estimator.of(Objectives.iwelbo(2), fns), 2);
    assertTrue(a.value[1] > 0 && Double.isFinite(a.value[0]), "estimates vary");
    a.assertSameAs(b, "user iwelbo vs library");
  }

  /** A guide with an auxiliary choice u that the model lacks, and the hand-written families. */
  private static final String HIERARCHICAL =
      """
      model m {
        mu ~ normal(0, 1)
        1.5 ~ normal(mu, 0.5)
      }
      guide h for m {
        param loc: real = 0.3
        param s: real<lower=0> = 0.6
        param scale: real<lower=0> = 0.5
        u ~ normal(0, 1)
        mu ~ normal(loc + s * u, scale)
      }
      guide q0 for m {
        param loc: real = 0.3
        param scale: real<lower=0> = 0.8
        mu ~ normal(loc, scale)
      }
      objective my_iwhvi(p, q, N: int) = E {
        z ~ sim(marginal(q, N))
        density(p, z) - z.logq
      }
      objective my_wake_q(p, q, K: int) = E {
        family = normalize(p, q, K)
        x ~ sim(family)
        density(q, x)
      }
      fit m with h using my_iwhvi(N = 3)
      """;

  private static Map<String, GenerativeFunction> functions(Compilation c, String guide) {
    Program prog = c.program().get();
    ParamStore params = new ParamStore();
    return Map.of(
        "p", GenerativeFunction.compile(prog, "m", Map.of(), Families.standard(), params),
        "q", GenerativeFunction.compile(prog, guide, Map.of(), Families.standard(), params));
  }

  @Test
  void userIwhviWithMarginalMatchesTheLibrary() {
    Compilation c = Ppl.ok(Ppl.compile(HIERARCHICAL));
    Objective mine =
        ObjectiveTranslation.translate(
            c.checked().get().objectives().get("my_iwhvi"), Map.of("N", 3.0), Selection.of("mu"));
    Map<String, GenerativeFunction> fns = functions(c, "h");
    Moments a = moments(Estimator.of(mine, fns), 1);
    Moments b = moments(Estimator.of(Objectives.iwhvi(Selection.of("mu"), 3), fns), 2);
    a.assertSameAs(b, "user iwhvi vs library");
    // a lower bound on the log evidence, log N(1.5; 0, sqrt(1.25)), and above the ELBO of the
    // joint guide (the marginal's density is estimated, not ignored)
    double logZ = -0.5 * Math.log(2 * Math.PI * 1.25) - 1.5 * 1.5 / (2 * 1.25);
    assertTrue(a.value[0] < logZ + 4 * a.value[1], a.value[0] + " vs log Z " + logZ);
    // keeping u as well leaves a choice the model cannot score: the error points into the file
    Objective marginalisingNothing =
        ObjectiveTranslation.translate(
            c.checked().get().objectives().get("my_iwhvi"), Map.of("N", 3.0), Selection.all());
    VariaException e =
        assertThrows(
            VariaException.class, () -> moments(Estimator.of(marginalisingNothing, fns), 3));
    assertTrue(
        e.getMessage().contains("test.ppl:") && e.getMessage().contains(" u "), e::getMessage);
  }

  @Test
  void userWakeQWithNormalizeMatchesTheLibrary() {
    Compilation c = Ppl.ok(Ppl.compile(HIERARCHICAL));
    Objective mine =
        ObjectiveTranslation.translate(
            c.checked().get().objectives().get("my_wake_q"), Map.of("K", 4.0));
    Map<String, GenerativeFunction> fns = functions(c, "q0");
    Moments a = moments(Estimator.of(mine, fns), 4);
    Moments b = moments(Estimator.of(Objectives.wakeQ(4), fns), 5);
    a.assertSameAs(b, "user wake-q vs library");
  }

  /** Means and standard errors of the value and of each parameter's gradient. */
  private record Moments(double[] value, Map<String, double[]> grads) {
    void assertSameAs(Moments o, String what) {
      double se = Math.hypot(value[1], o.value[1]);
      assertTrue(
          Math.abs(value[0] - o.value[0]) < 4 * se,
          what + ": value " + value[0] + " vs " + o.value[0] + " (se " + se + ")");
      assertEquals(o.grads.keySet(), grads.keySet(), what);
      grads.forEach(
          (k, g) -> {
            double[] h = o.grads.get(k);
            double gse = Math.hypot(g[1], h[1]);
            assertTrue(gse > 0, what + ": gradient of " + k + " varies");
            assertTrue(
                Math.abs(g[0] - h[0]) < 4 * gse,
                what + ": d/d" + k + " " + g[0] + " vs " + h[0] + " (se " + gse + ")");
          });
    }
  }

  private static Moments moments(Estimator est, long seed) {
    int n = 4000;
    Tape tape = new Tape();
    RandomStream rng = RandomStream.seeded(seed);
    double[] v = new double[n];
    Map<String, double[]> g = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      tape.reset();
      Estimator.Estimate e = est.estimate(tape, rng.split());
      tape.backward(e.value());
      v[i] = e.value().get(0);
      for (ParamBinding.Bound p : e.params().trainable()) {
        g.computeIfAbsent(p.key(), k -> new double[n])[i] = p.leaf().gradAt(0);
      }
      est.state().endStep();
    }
    Map<String, double[]> out = new TreeMap<>();
    g.forEach((k, x) -> out.put(k, new double[] {mean(x), Math.sqrt(var(x) / n)}));
    return new Moments(new double[] {mean(v), Math.sqrt(var(v) / n)}, out);
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double var(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return s / (x.length - 1);
  }
}
