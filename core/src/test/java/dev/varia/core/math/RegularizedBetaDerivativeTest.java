package dev.varia.core.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.numbers.gamma.RegularizedBeta;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link RegularizedBetaDerivative} against Ridders-extrapolated finite differences of
 * commons-numbers' I and 1 - I in each shape, values computed with mpmath at 45 digits, and the
 * closed forms at a = 1 and b = 1. Tolerances as in {@link RegularizedGammaDerivativeTest}.
 */
class RegularizedBetaDerivativeTest {
  static final double REQUIRED = RegularizedGammaDerivativeTest.REQUIRED;
  static final double REFERENCE_ERROR = RegularizedGammaDerivativeTest.REFERENCE_ERROR;
  static final double AGAINST_HIGH_PRECISION =
      RegularizedGammaDerivativeTest.AGAINST_HIGH_PRECISION;

  static final double[] SHAPES = {0.01, 0.1, 0.5, 1, 2.5, 10, 100, 1000};

  /** Grid points are quantiles of Beta(a, b). */
  static final double[] PROBABILITIES = {
    1e-12, 1e-8, 1e-4, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1 - 1e-4, 1 - 1e-8, 1 - 1e-12
  };

  @Test
  void matchesFiniteDifferencesOverAWideGrid() {
    double worst = 0;
    String worstAt = "";
    int points = 0;
    for (double a : SHAPES) {
      for (double b : SHAPES) {
        BetaDistribution d = BetaDistribution.of(a, b);
        for (double q : PROBABILITIES) {
          double x =
              q < 0.5 ? d.inverseCumulativeProbability(q) : d.inverseSurvivalProbability(1 - q);
          if (x == 0 || x == 1) {
            continue; // the quantile is not representable (e.g. a = 0.01: x ~ 1e-1200)
          }
          for (boolean wrtA : new boolean[] {true, false}) {
            ShapeDerivativeReference.Estimate ref = reference(x, a, b, wrtA);
            double mine =
                wrtA
                    ? RegularizedBetaDerivative.dA(x, a, b)
                    : RegularizedBetaDerivative.dB(x, a, b);
            String at =
                (wrtA ? "dI/da" : "dI/db")
                    + " at x = "
                    + x
                    + ", a = "
                    + a
                    + ", b = "
                    + b
                    + " (quantile "
                    + q
                    + ")";
            assertTrue(
                ref.error() <= REFERENCE_ERROR * Math.abs(ref.value()),
                "finite-difference reference not accurate enough for " + at + ": " + ref);
            double rel = Math.abs(mine - ref.value()) / Math.abs(ref.value());
            assertTrue(
                rel <= REQUIRED, mine + " vs " + ref.value() + " (rel " + rel + ") for " + at);
            if (rel > worst) {
              worst = rel;
              worstAt = at;
            }
            points++;
          }
        }
      }
    }
    System.out.printf(
        "RegularizedBetaDerivative vs finite differences: %d points, worst relative difference"
            + " %.2e for %s%n",
        points, worst, worstAt);
  }

  /**
   * Ridders' extrapolation of I (lower half) or -(1 - I) (upper half) in the chosen shape θ, from a
   * step below the scale on which I varies in θ: θ for small θ, sqrt(θ) for large θ, and 1/|log u|
   * with u = x for a and u = 1 - x for b (I ~ x^a near 0, 1 - I ~ (1 - x)^b near 1).
   */
  private static ShapeDerivativeReference.Estimate reference(
      double x, double a, double b, boolean wrtA) {
    boolean lower = RegularizedBeta.value(x, a, b) < 0.5;
    double theta = wrtA ? a : b;
    double u = wrtA ? x : 1 - x;
    double scale =
        Math.min(Math.min(theta, Math.max(1, Math.sqrt(theta))), 1 / Math.abs(Math.log(u)));
    return ShapeDerivativeReference.ridders(
        s -> {
          double aa = wrtA ? s : a;
          double bb = wrtA ? b : s;
          return lower ? RegularizedBeta.value(x, aa, bb) : -RegularizedBeta.complement(x, aa, bb);
        },
        theta,
        0.1 * scale);
  }

  /**
   * {x, a, b, dI/da, dI/db} from mpmath 1.3 at 45 digits: {@code diff(lambda s: betainc(s, b, 0, x,
   * regularized=True), a)} and likewise in b.
   */
  static final double[][] HIGH_PRECISION = {
    {0.001, 0.01, 0.01, -2.655130436390276984431495e+1, 2.334287687098718002897342e+1},
    {0.5, 0.01, 0.01, -2.50040094276326995742367e+1, 2.50040094276326995742367e+1},
    {0.999, 0.01, 0.01, -2.334287687098718023163525e+1, 2.655130436390276966963939e+1},
    {1e-20, 0.1, 3.0, -5.158971564816244229629918e-1, 4.474713678647674667669084e-4},
    {0.3, 0.1, 3.0, -2.896400130219330960881213e-1, 1.601737352525287676445484e-2},
    {0.9, 0.1, 3.0, -4.671214636912335636899358e-4, 1.070529270159294297836374e-4},
    {0.2, 0.5, 0.5, -6.419756782692087106335091e-1, 3.875637692754404798478571e-1},
    {0.75, 0.5, 0.5, -4.30754596292600685458182e-1, 6.46131894438901028187273e-1},
    {0.05, 2.5, 40.0, -2.671374544221224644085019e-1, 1.442297195455427453626454e-2},
    {0.1, 2.5, 40.0, -1.218283377890895932125733e-1, 9.639293771645178885322247e-3},
    {0.3, 2.5, 40.0, -4.282894938796256110475135e-5, 7.309316638220092824292094e-6},
    {0.45, 100.0, 120.0, -2.940125593381524793400432e-2, 2.427074639614085451008543e-2},
    {0.4545, 100.0, 120.0, -2.952527145339445143829388e-2, 2.45953054002594960247104e-2},
    {0.5, 100.0, 120.0, -1.132318826706924215695431e-2, 1.033367407517878998630717e-2},
    {0.48, 1000.0, 1000.0, -1.836079056921504262163558e-3, 1.764063004894655992707293e-3},
    {0.5, 1000.0, 1000.0, -8.922479336000141699250183e-3, 8.922479336000141699250183e-3},
    {0.53, 1000.0, 1000.0, -2.352291264459955280710558e-4, 2.497871459200776485512037e-4},
    {0.999, 1000.0, 1.5, -4.151593587769561001090843e-4, 3.744937394045292140082541e-1},
    {0.9995, 1000.0, 0.5, -2.420312146702927126494409e-4, 6.470793326796624023519578e-1},
    {0.0001, 0.7, 900.0, -5.205114817068074345101663e-1, 1.450070107291373049916539e-4},
    {0.3, 7.0, 0.3, -2.964856870612790973411415e-5, 1.1684110729796196923062e-4},
    {0.99, 7.0, 0.3, -2.084904649105022455340629e-2, 1.244851863433160119776804},
  };

  @Test
  void matchesHighPrecisionValues() {
    double worst = 0;
    for (double[] c : HIGH_PRECISION) {
      double da = RegularizedBetaDerivative.dA(c[0], c[1], c[2]);
      double db = RegularizedBetaDerivative.dB(c[0], c[1], c[2]);
      String at = "x = " + c[0] + ", a = " + c[1] + ", b = " + c[2];
      assertEquals(c[3], da, AGAINST_HIGH_PRECISION * Math.abs(c[3]), "dI/da at " + at);
      assertEquals(c[4], db, AGAINST_HIGH_PRECISION * Math.abs(c[4]), "dI/db at " + at);
      worst = Math.max(worst, Math.abs(da - c[3]) / Math.abs(c[3]));
      worst = Math.max(worst, Math.abs(db - c[4]) / Math.abs(c[4]));
    }
    System.out.printf("RegularizedBetaDerivative vs mpmath: worst relative error %.2e%n", worst);
  }

  /**
   * I_x(a, 1) = x^a, so dI/da = x^a log x; I_x(1, b) = 1 - (1 - x)^b, so dI/db = -(1-x)^b log(1-x).
   */
  @Test
  void matchesClosedForms() {
    for (double x : new double[] {1e-30, 1e-5, 0.01, 0.2, 0.5, 0.8, 0.99, 1 - 1e-9}) {
      for (double s : new double[] {0.01, 0.3, 1, 2.5, 40, 700}) {
        double da = Math.pow(x, s) * Math.log(x);
        double db = -Math.pow(1 - x, s) * Math.log1p(-x);
        if (da != 0) {
          assertEquals(
              da, RegularizedBetaDerivative.dA(x, s, 1), 1e-12 * Math.abs(da), x + " " + s);
        }
        if (db != 0) {
          assertEquals(
              db, RegularizedBetaDerivative.dB(x, 1, s), 1e-12 * Math.abs(db), x + " " + s);
        }
      }
    }
  }

  /** I_x(a, b) = 1 - I_(1-x)(b, a): the derivatives swap roles and change sign. */
  @Test
  void respectsTheReflectionSymmetry() {
    for (double[] c : HIGH_PRECISION) {
      double x = c[0];
      double a = c[1];
      double b = c[2];
      double y = 1 - x;
      if (1 - y != x) {
        continue; // 1 - x not exact
      }
      double da = RegularizedBetaDerivative.dA(x, a, b);
      assertEquals(-da, RegularizedBetaDerivative.dB(y, b, a), 1e-12 * Math.abs(da));
    }
  }

  @Test
  void edgesAndArguments() {
    assertEquals(0.0, RegularizedBetaDerivative.dA(0, 2, 3));
    assertEquals(0.0, RegularizedBetaDerivative.dB(1, 2, 3));
    assertEquals(0.0, RegularizedBetaDerivative.dAOverDensity(1, 2, 3));
    assertTrue(Double.isNaN(RegularizedBetaDerivative.dA(Double.NaN, 2, 3)));
    assertTrue(Double.isNaN(RegularizedBetaDerivative.dB(0.5, 2, Double.NaN)));
    assertThrows(IllegalArgumentException.class, () -> RegularizedBetaDerivative.dA(0.5, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> RegularizedBetaDerivative.dB(1.5, 1, 1));
    for (double[] c : HIGH_PRECISION) {
      double p = RegularizedBeta.derivative(c[0], c[1], c[2]);
      assertEquals(
          c[3] / p,
          RegularizedBetaDerivative.dAOverDensity(c[0], c[1], c[2]),
          1e-12 * Math.abs(c[3] / p));
      assertEquals(
          c[4] / p,
          RegularizedBetaDerivative.dBOverDensity(c[0], c[1], c[2]),
          1e-12 * Math.abs(c[4] / p));
    }
  }
}
