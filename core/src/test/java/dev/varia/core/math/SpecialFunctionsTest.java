package dev.varia.core.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.apache.commons.numbers.gamma.Trigamma;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The scalar special functions behind the AD engine: values against commons-statistics, closed
 * forms, identities and asymptotic expansions, with attention to the tails where naive formulas
 * overflow, underflow or cancel.
 */
class SpecialFunctionsTest {
  private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);
  private static final double EULER_GAMMA = 0.5772156649015329;

  /** |actual - expected| <= tol * |expected| (relative), or exact equality. */
  private static void assertRel(double expected, double actual, double tol, String what) {
    assertTrue(
        expected == actual || Math.abs(actual - expected) <= tol * Math.abs(expected),
        what + ": expected " + expected + ", got " + actual + " (relative tolerance " + tol + ")");
  }

  // ---------------------------------------------------------------- normal distribution

  /**
   * Relative accuracy of a value computed from erfc(t) with t = |x| / sqrt 2: the argument carries
   * a relative rounding error of about eps, which erfc amplifies by 2 t^2 = x^2 (d log erfc / d log
   * t is about -2 t^2 in the tail). Both commons-statistics and the engine are limited by it, so
   * the two agree to about (1 + x^2) eps; 4e-16 allows for a couple of further roundings.
   */
  private static double erfcTol(double x) {
    return 4e-16 * (1 + x * x);
  }

  @Test
  void normalPdfAndCdfMatchCommonsStatistics() {
    for (double x = -37; x <= 8; x += 0.0625) {
      // both are 0.5 erfc(-x / sqrt 2) and exp(-x^2/2) / sqrt(2 pi), up to rounding
      assertRel(
          NORMAL.cumulativeProbability(x), SpecialFunctions.normalCdf(x), erfcTol(x), "cdf " + x);
      assertRel(NORMAL.density(x), SpecialFunctions.normalPdf(x), 1e-13, "pdf " + x);
    }
    assertEquals(0.5, SpecialFunctions.normalCdf(0));
    assertEquals(0.0, SpecialFunctions.normalCdf(Double.NEGATIVE_INFINITY));
    assertEquals(1.0, SpecialFunctions.normalCdf(Double.POSITIVE_INFINITY));
  }

  @Test
  void normalLogCdfMatchesLogOfCdfWhereThatIsAccurate() {
    for (double x = -37; x <= 0; x += 0.0625) {
      // Phi(x) itself is accurate to ~1e-15 relative down to -37, so log Phi(x) is too
      assertRel(
          Math.log(NORMAL.cumulativeProbability(x)),
          SpecialFunctions.normalLogCdf(x),
          1e-13,
          "log cdf " + x);
    }
    for (double x = 0; x <= 30; x += 0.125) {
      // upper tail: log Phi = log1p(-Q) with Q the survival probability, accurate to 1e-15
      // relative even when Q is 1e-200 (a naive log(cdf) would give 0)
      assertRel(
          Math.log1p(-NORMAL.survivalProbability(x)),
          SpecialFunctions.normalLogCdf(x),
          erfcTol(x),
          "log cdf " + x);
    }
    // continuity across the switch between the two formulas at x = -1
    double below = SpecialFunctions.normalLogCdf(Math.nextDown(-1.0));
    double at = SpecialFunctions.normalLogCdf(-1.0);
    double above = SpecialFunctions.normalLogCdf(Math.nextUp(-1.0));
    assertRel(at, below, 1e-14, "left of -1");
    assertRel(at, above, 1e-14, "right of -1");
  }

  /**
   * log Phi(x) = -x^2/2 - log(-x) - log(2 pi)/2 + log(1 - 1/x^2 + 3/x^4 - 15/x^6 + 105/x^8 - ...):
   * at x = -40 the first omitted term, 945/x^10, is below 1e-13.
   */
  static double asymptoticLogCdf(double x) {
    double u = 1 / (x * x);
    double series = u * (-1 + u * (3 + u * (-15 + u * 105)));
    return -0.5 * x * x - Math.log(-x) - 0.5 * Math.log(2 * Math.PI) + Math.log1p(series);
  }

  /** d/dx log Phi(x) = phi(x) / Phi(x) = -x / (1 - 1/x^2 + 3/x^4 - 15/x^6 + 105/x^8 - ...). */
  static double asymptoticLogCdfDerivative(double x) {
    double u = 1 / (x * x);
    return -x / (1 + u * (-1 + u * (3 + u * (-15 + u * 105))));
  }

  @Test
  void normalLogCdfFarInTheLowerTailMatchesTheAsymptoticExpansion() {
    for (double x : new double[] {-40, -45, -60, -100, -1e3, -1e5, -1e8}) {
      double v = SpecialFunctions.normalLogCdf(x);
      assertTrue(Double.isFinite(v), "finite at " + x);
      assertRel(asymptoticLogCdf(x), v, 1e-14, "log cdf " + x);
      assertRel(
          asymptoticLogCdfDerivative(x),
          SpecialFunctions.normalLogCdfDerivative(x),
          1e-13,
          "derivative " + x);
    }
  }

  @Test
  void normalLogCdfDerivativeIsTheInverseMillsRatio() {
    for (double x = -30; x <= 30; x += 0.125) {
      // the reference's cdf is limited by erfc's conditioning; the engine uses erfcx, which is not
      assertRel(
          NORMAL.density(x) / NORMAL.cumulativeProbability(x),
          SpecialFunctions.normalLogCdfDerivative(x),
          erfcTol(x),
          "phi / Phi at " + x);
    }
    // the two branches meet at 0 with the value phi(0) / (1/2) = sqrt(2 / pi)
    assertRel(Math.sqrt(2 / Math.PI), SpecialFunctions.normalLogCdfDerivative(0), 1e-15, "at 0");
    assertRel(
        Math.sqrt(2 / Math.PI),
        SpecialFunctions.normalLogCdfDerivative(Double.MIN_VALUE),
        1e-15,
        "just above 0");
  }

  // ---------------------------------------------------------------- logistic family

  @Test
  void sigmoidSoftplusAndLogSigmoidInTheBulkAndTheTails() {
    for (double x = -30; x <= 30; x += 0.25) {
      assertRel(1 / (1 + Math.exp(-x)), SpecialFunctions.sigmoid(x), 1e-15, "sigmoid " + x);
      // two rounded values and their rounded sum: within two ulps of 1
      assertEquals(
          1.0,
          SpecialFunctions.sigmoid(x) + SpecialFunctions.sigmoid(-x),
          4.5e-16,
          "symmetry " + x);
      assertRel(Math.log1p(Math.exp(x)), SpecialFunctions.log1pExp(x), 1e-15, "softplus " + x);
      assertRel(
          -Math.log1p(Math.exp(-x)), SpecialFunctions.logSigmoid(x), 1e-15, "logSigmoid " + x);
    }
    assertEquals(0.5, SpecialFunctions.sigmoid(0));
    assertEquals(1.0, SpecialFunctions.sigmoid(1000));
    assertEquals(0.0, SpecialFunctions.sigmoid(-1000));
    assertEquals(1000.0, SpecialFunctions.log1pExp(1000));
    assertEquals(0.0, SpecialFunctions.log1pExp(-1000));
    assertEquals(Math.exp(-700), SpecialFunctions.log1pExp(-700), 1e-16 * Math.exp(-700));
    assertEquals(-1000.0, SpecialFunctions.logSigmoid(-1000));
    assertEquals(-Math.exp(-700), SpecialFunctions.logSigmoid(700), 1e-16 * Math.exp(-700));
  }

  @Test
  void log1mExpLogAddExpAndLogSumExp() {
    for (double x = -30; x < 0; x += 0.0625) {
      assertRel(log1mExpBySeries(x), SpecialFunctions.log1mExp(x), 1e-15, "log1mExp " + x);
    }
    // near 0: log(1 - exp(x)) ~ log(-x), which the naive formula cannot resolve
    assertRel(Math.log(1e-20), SpecialFunctions.log1mExp(-1e-20), 1e-15, "log1mExp(-1e-20)");
    assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.log1mExp(0));
    assertEquals(-Math.exp(-50), SpecialFunctions.log1mExp(-50), 1e-15 * Math.exp(-50));

    assertRel(Math.log(Math.exp(1) + Math.exp(2)), SpecialFunctions.logAddExp(1, 2), 1e-15, "");
    assertRel(1000 + Math.log(2), SpecialFunctions.logAddExp(1000, 1000), 1e-15, "huge");
    assertRel(-1000 + Math.log(2), SpecialFunctions.logAddExp(-1000, -1000), 1e-15, "tiny");
    assertEquals(3.0, SpecialFunctions.logAddExp(Double.NEGATIVE_INFINITY, 3));
    assertEquals(3.0, SpecialFunctions.logAddExp(3, Double.NEGATIVE_INFINITY));

    double[] v = {1000, 999, 1000, -5};
    double expected = 1000 + Math.log(2 + Math.exp(-1) + Math.exp(-1005));
    assertRel(expected, SpecialFunctions.logSumExp(v, 0, 4), 1e-15, "logSumExp");
    assertRel(999, SpecialFunctions.logSumExp(v, 1, 2), 1e-15, "sub-range");
    assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.logSumExp(v, 2, 2), "empty range");
    double[] inf = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.logSumExp(inf, 0, 2));
    double[] nan = {Double.NaN, Double.POSITIVE_INFINITY};
    assertTrue(Double.isNaN(SpecialFunctions.logSumExp(nan, 0, 2)));
  }

  /**
   * log(1 - e^x) by series, independent of the implementation's log/expm1/log1p: for x <= -1/2,
   * -sum_k e^(kx) / k (ratio at most 0.61); above, log(-x) + log1p(x/2 + x^2/6 + x^3/24 + ...),
   * from (1 - e^x) / (-x) = sum_k (-x)^k... with alternating terms x^k / (k + 1)!.
   */
  static double log1mExpBySeries(double x) {
    if (x <= -0.5) {
      double y = Math.exp(x);
      double term = y;
      double s = 0;
      for (int k = 1; k < 200; k++) {
        s += term / k;
        term *= y;
      }
      return -s;
    }
    // (1 - e^x) / (-x) = 1 + x/2! + x^2/3! + ... ; log of it by log1p of the tail
    double tail = 0;
    double term = 1;
    for (int k = 1; k < 30; k++) {
      term *= x / (k + 1);
      tail += term;
    }
    return Math.log(-x) + Math.log1p(tail);
  }

  // ---------------------------------------------------------------- gamma family

  @Test
  void lgammaClosedFormsPolesAndNegativeArguments() {
    assertEquals(0.0, SpecialFunctions.lgamma(1), 1e-16);
    assertEquals(0.0, SpecialFunctions.lgamma(2), 1e-16);
    assertRel(0.5 * Math.log(Math.PI), SpecialFunctions.lgamma(0.5), 1e-15, "lgamma(1/2)");
    assertRel(Math.log(362880), SpecialFunctions.lgamma(10), 1e-15, "lgamma(10) = log 9!");
    for (double x : new double[] {0, -0.0, -1, -2, -10, -1e20}) {
      assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.lgamma(x), "pole at " + x);
    }
    assertTrue(Double.isNaN(SpecialFunctions.lgamma(Double.NaN)));
    // log|Gamma(x)| for negative non-integers, by the reflection formula
    for (double x = -5.9; x < 0; x += 0.25) {
      double reflected =
          Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - SpecialFunctions.lgamma(1 - x);
      assertRel(reflected, SpecialFunctions.lgamma(x), 1e-13, "lgamma " + x);
    }
  }

  @Test
  void digammaAndTrigammaClosedFormsAndRecurrences() {
    // commons-numbers' digamma is good to a few ulp (2.6e-15 relative at 1)
    assertRel(-EULER_GAMMA, SpecialFunctions.digamma(1), 1e-14, "psi(1)");
    assertRel(-EULER_GAMMA - 2 * Math.log(2), SpecialFunctions.digamma(0.5), 1e-14, "psi(1/2)");
    // commons-numbers' trigamma (recurrence to x >= 49, then an asymptotic series) is good to
    // about 4e-14 relative (measured at 1)
    assertRel(Math.PI * Math.PI / 6, SpecialFunctions.trigamma(1), 1e-13, "psi'(1)");
    assertRel(Math.PI * Math.PI / 2, SpecialFunctions.trigamma(0.5), 1e-13, "psi'(1/2)");
    // recurrences psi(x + 1) = psi(x) + 1/x and psi'(x + 1) = psi'(x) - 1/x^2, on both sides of 0
    for (int k = 0; k < 50; k++) {
      double x = -6.7 + 0.3 * k;
      if (Math.abs(x - Math.rint(x)) < 0.05) {
        continue; // too near a pole for a 1e-12 comparison
      }
      assertRel(
          SpecialFunctions.digamma(x) + 1 / x,
          SpecialFunctions.digamma(x + 1),
          1e-12,
          "psi recurrence " + x);
      assertRel(
          SpecialFunctions.trigamma(x) - 1 / (x * x),
          SpecialFunctions.trigamma(x + 1),
          1e-12,
          "psi' recurrence " + x);
    }
  }

  @Test
  void trigammaForNegativeArgumentsIsAccurateFastAndInfiniteAtPoles() {
    for (double x = -7.9; x < 0; x += 0.2) {
      // commons-numbers is accurate (if slow) for moderate negative x
      assertRel(Trigamma.value(x), SpecialFunctions.trigamma(x), 1e-13, "trigamma " + x);
    }
    for (double x : new double[] {0, -0.0, -1, -3, -1e6, -1e20, -1e300}) {
      assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.trigamma(x), "pole at " + x);
    }
    assertTrue(Double.isNaN(SpecialFunctions.trigamma(Double.NEGATIVE_INFINITY)));
    assertTrue(Double.isNaN(SpecialFunctions.trigamma(Double.NaN)));
    // commons-numbers 1.3 alone takes seconds at -1e9 and never returns below -1e15
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          for (double x : new double[] {-1e9 - 0.5, -1e12 - 0.5, -4503599627370495.5}) {
            double t = SpecialFunctions.trigamma(x);
            // psi'(x) = pi^2 / sin^2(pi x) - psi'(1 - x), and sin^2 = 1 at half-integers
            assertRel(Math.PI * Math.PI - 1 / (0.5 - x), t, 1e-12, "trigamma " + x);
          }
        });
  }
}
