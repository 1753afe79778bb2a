package dev.varia.lang.objective;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.dist.Families;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.Program;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.adev.Estimator;
import dev.varia.inference.objective.Objective;
import dev.varia.inference.objective.Objectives;
import dev.varia.lang.Compilation;
import dev.varia.lang.testing.Ppl;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A two-particle IWELBO written in a .ppl file, translated to the objective IR, has the same
 * expectation as the library's IWELBO(2) (means of seeded estimates within 4 standard errors).
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
    Program prog = c.program().get();
    ParamStore params = new ParamStore();
    Map<String, GenerativeFunction> fns =
        Map.of(
            "p", GenerativeFunction.compile(prog, "m", Map.of(), Families.standard(), params),
            "q", GenerativeFunction.compile(prog, "q", Map.of(), Families.standard(), params));
    double[] a = values(Estimator.of(mine, fns), 1);
    double[] b = values(Estimator.of(Objectives.iwelbo(2), fns), 2);
    double se = Math.sqrt(var(a) / a.length + var(b) / b.length);
    assertTrue(
        var(a) > 0 && Double.isFinite(mean(a)), "estimates vary: " + mean(a) + ", " + var(a));
    assertTrue(
        Math.abs(mean(a) - mean(b)) < 4 * se,
        "user " + mean(a) + " vs library " + mean(b) + " (se " + se + ")");
  }

  private static double[] values(Estimator e, long seed) {
    RandomStream rng = RandomStream.seeded(seed);
    double[] v = new double[4000];
    for (int i = 0; i < v.length; i++) {
      v[i] = e.value(rng);
    }
    return v;
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
