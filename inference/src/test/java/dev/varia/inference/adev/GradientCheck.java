package dev.varia.inference.adev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.ad.Tape;
import dev.varia.core.random.RandomStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an estimator many times and compares the mean gradient (and value) with exact values within
 * 4 standard errors.
 */
final class GradientCheck {
  /** Per parameter key: the samples' mean, standard error and variance. */
  record Stats(Map<String, double[]> grads, double valueMean, double valueSe) {
    double mean(String key) {
      return grads.get(key)[0];
    }

    double se(String key) {
      return grads.get(key)[1];
    }

    double variance(String key) {
      return grads.get(key)[2];
    }
  }

  private GradientCheck() {}

  static Stats run(Estimator est, int n, long seed) {
    Tape tape = new Tape();
    RandomStream rng = RandomStream.seeded(seed);
    Map<String, double[]> sums = new LinkedHashMap<>();
    double vs = 0;
    double vss = 0;
    for (int i = 0; i < n; i++) {
      tape.reset();
      Estimator.Estimate e = est.estimate(tape, rng.split());
      tape.backward(e.value());
      double v = e.value().get(0);
      vs += v;
      vss += v * v;
      for (ParamBinding.Bound b : e.params().trainable()) {
        double g = b.leaf().gradAt(0);
        double[] s = sums.computeIfAbsent(b.key(), k -> new double[2]);
        s[0] += g;
        s[1] += g * g;
      }
      est.state().endStep();
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    sums.forEach(
        (k, s) -> {
          double mean = s[0] / n;
          double var = Math.max(0, (s[1] - n * mean * mean) / (n - 1));
          out.put(k, new double[] {mean, Math.sqrt(var / n), var});
        });
    double vm = vs / n;
    double vvar = Math.max(0, (vss - n * vm * vm) / (n - 1));
    return new Stats(out, vm, Math.sqrt(vvar / n));
  }

  /** Asserts the mean gradient of each key is within 4 SE of the exact value. */
  static void assertUnbiased(Stats s, Map<String, Double> exact, String what) {
    assertUnbiased(s, exact, what, 1e-12);
  }

  /**
   * As {@link #assertUnbiased(Stats, Map, String)}, allowing {@code referenceError} more when the
   * exact value is itself approximate (a finite difference or a quadrature).
   */
  static void assertUnbiased(
      Stats s, Map<String, Double> exact, String what, double referenceError) {
    for (Map.Entry<String, Double> e : exact.entrySet()) {
      double[] g = s.grads().get(e.getKey());
      assertTrue(g != null, what + ": no gradient for " + e.getKey() + " in " + s.grads().keySet());
      double tol = 4 * g[1] + referenceError;
      assertEquals(
          e.getValue(),
          g[0],
          tol,
          what
              + ": d/d"
              + e.getKey()
              + " mean "
              + g[0]
              + " (se "
              + g[1]
              + ") vs exact "
              + e.getValue());
    }
  }

  static List<String> keys(Stats s) {
    return List.copyOf(s.grads().keySet());
  }
}
