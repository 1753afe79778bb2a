package dev.varia.inference.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.ad.Tape;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.Strategy;
import dev.varia.core.model.Val;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.adev.Estimator;
import dev.varia.inference.adev.ParamBinding;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A user-written objective is a peer of the library's: a hand-written 2-particle IWELBO has the
 * same expectation and the same expected gradient as {@code Objectives.iwelbo(2)}.
 */
class UserObjectiveTest {
  /** IWELBO(2) written out by hand, without the particle loop. */
  static Objective handWrittenIwelbo2() {
    return ObjectiveBuilder.define(
        "my_iwelbo2",
        ObjectiveBuilder.MODEL_AND_GUIDE,
        o -> {
          ObjectiveBuilder.Trace z1 = o.sim("q");
          ObjectiveBuilder.Trace z2 = o.sim("q");
          Val w1 = o.density("p", z1).sub(o.logq(z1));
          Val w2 = o.density("p", z2).sub(o.logq(z2));
          return Val.concat(w1, w2).logMeanExp();
        });
  }

  private static double[][] moments(Objective obj, long seed, int n) {
    ParamStore store = new ParamStore();
    GenerativeFunction p = ConjugateModels.model(store);
    GenerativeFunction q = ConjugateModels.guide(store, 0.3, 0.8, Strategy.REPARAM);
    Estimator est = Estimator.of(obj, Map.of("p", p, "q", q));
    Tape tape = new Tape();
    RandomStream rng = RandomStream.seeded(seed);
    Map<String, double[]> acc = new LinkedHashMap<>();
    acc.put("value", new double[2]);
    for (int i = 0; i < n; i++) {
      tape.reset();
      Estimator.Estimate e = est.estimate(tape, rng.split());
      tape.backward(e.value());
      add(acc, "value", e.value().get(0));
      for (ParamBinding.Bound b : e.params().trainable()) {
        add(acc, b.key(), b.leaf().gradAt(0));
      }
    }
    double[][] out = new double[acc.size()][];
    int k = 0;
    for (double[] s : acc.values()) {
      double mean = s[0] / n;
      double var = (s[1] - n * mean * mean) / (n - 1);
      out[k++] = new double[] {mean, Math.sqrt(var / n)};
    }
    return out;
  }

  private static void add(Map<String, double[]> acc, String key, double v) {
    double[] s = acc.computeIfAbsent(key, x -> new double[2]);
    s[0] += v;
    s[1] += v * v;
  }

  @Test
  void handWrittenIwelboMatchesTheLibrary() {
    double[][] lib = moments(Objectives.iwelbo(2), 1, 8000);
    double[][] mine = moments(handWrittenIwelbo2(), 2, 8000);
    String[] names = {"value", "d/dm", "d/d log s"};
    assertEquals(3, lib.length);
    for (int i = 0; i < lib.length; i++) {
      double se = Math.hypot(lib[i][1], mine[i][1]);
      assertEquals(
          lib[i][0],
          mine[i][0],
          4 * se,
          names[i] + ": library " + lib[i][0] + " vs hand-written " + mine[i][0]);
      assertTrue(se < 0.05 * Math.max(1, Math.abs(lib[i][0])), names[i] + " too noisy: se " + se);
    }
  }

  @Test
  void iwelboIsAtMostTheLogEvidenceAndRisesWithK() {
    double logZ = ConjugateModels.logEvidence();
    double prev = Double.NEGATIVE_INFINITY;
    for (int k : new int[] {1, 4, 16}) {
      double[][] m = moments(Objectives.iwelbo(k), 10 + k, 3000);
      assertTrue(
          m[0][0] <= logZ + 4 * m[0][1], "IWELBO(" + k + ") mean " + m[0][0] + " > log Z " + logZ);
      assertTrue(
          m[0][0] > prev - 4 * m[0][1],
          "IWELBO(" + k + ") did not rise: " + m[0][0] + " after " + prev);
      prev = m[0][0];
    }
  }
}
