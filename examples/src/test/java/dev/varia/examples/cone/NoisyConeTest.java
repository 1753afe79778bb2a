package dev.varia.examples.cone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The noisy cone: every fitted bound stays below the log evidence (computed by quadrature), and the
 * bounds order as the theory says: IWELBO(5) above the ELBO for the mean-field guide, and for the
 * ring family with its angle marginalised, IWHVI(5) above HVI and DIWHVI(5, 5) above both and above
 * every mean-field bound. Small settings (2,000 steps per fit).
 */
class NoisyConeTest {
  /**
   * log p(z = 5) = log of the integral over s = x^2 + y^2 of (1/200) exp(-s/200) N(5; s, 0.1 +
   * s/100) (the prior on s is exponential with mean 200), by the trapezoid rule.
   */
  static double logEvidence() {
    double h = 1e-3;
    double sum = 0;
    for (double s = 0; s < 400; s += h) {
      double a = f(s);
      double b = f(s + h);
      sum += 0.5 * h * (a + b);
    }
    return Math.log(sum);
  }

  private static double f(double s) {
    double sd = 0.1 + s / 100;
    double z = (5 - s) / sd;
    return Math.exp(-s / 200) / 200 * Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
  }

  @Test
  void theBoundsOrderAsTheTheorySays() {
    double logZ = logEvidence();
    assertEquals(-5.3232, logZ, 1e-3);
    int steps = Boolean.getBoolean("varia.examples.full") ? 5000 : 2000;
    List<NoisyCone.Row> rows = NoisyCone.run(steps, steps, 1);
    for (NoisyCone.Row r : rows) {
      assertTrue(r.value() < logZ + 3 * r.se(), r + " exceeds log evidence " + logZ);
    }
    NoisyCone.Row elbo = rows.get(0);
    NoisyCone.Row iwelbo = rows.get(1);
    NoisyCone.Row hvi = rows.get(2);
    NoisyCone.Row iwhvi = rows.get(3);
    NoisyCone.Row diwhvi = rows.get(4);
    above(iwelbo, elbo);
    above(iwhvi, hvi);
    above(diwhvi, iwhvi);
    above(diwhvi, iwelbo);
  }

  private static void above(NoisyCone.Row hi, NoisyCone.Row lo) {
    double margin = 3 * Math.hypot(hi.se(), lo.se());
    assertTrue(hi.value() - lo.value() > margin, hi + " should be above " + lo);
  }
}
