package dev.varia.core.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.BijectorCases.Case;
import dev.varia.core.random.RandomStream;
import dev.varia.core.testing.GradCheck;
import dev.varia.core.testing.Properties;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties every bijector must have, checked at seeded random points: round trips in both
 * directions, values inside the constraint, log |det J| against a finite-difference Jacobian, and
 * reverse-mode gradients against finite differences.
 *
 * <p>Tolerances. Round trips: each map is a short chain (at most ~3K operations) of functions whose
 * condition numbers at the drawn points (unconstrained draws N(0, 1.5^2), so |u| < 9 in practice)
 * are below ~1e4 (e.g. sigmoid's inverse near 1 - 1e-4); with unit roundoff 1.1e-16 the error stays
 * below ~1e-11 relative to max(1, |value|). Jacobians: fourth-order central differences with step
 * 1e-3 have truncation error ~h^4 |f^(5)| / 30 ~ 1e-13 and rounding error ~1e-16 / 1e-3 = 1e-13 per
 * entry; log |det J| moves by at most m cond(J) times that (m <= 6, cond(J) < 1e3 at these points),
 * so 1e-8 absolute leaves a wide margin. Gradients: GradCheck's central differences with step 1e-6
 * are good to ~1e-9 on these O(1-10) values; tolerance 1e-6.
 */
class BijectorPropertiesTest {
  private static final double ROUND_TRIP = 1e-11;
  private static final double LOG_DET = 1e-8;
  private static final int CASES = 40;

  static List<Case> cases() {
    return BijectorCases.all();
  }

  private static Tensor drawUnconstrained(Case c, RandomStream r) {
    return Tensor.wrap(
        BijectorCases.fill(c.unconstrained().size(), () -> 1.5 * r.normal()), c.unconstrained());
  }

  private static Shape constrainedShape(Case c) {
    return c.bijector().apply(new Tape()).constrainedShape(c.unconstrained());
  }

  private static Tensor drawInside(Case c, RandomStream r) {
    return Tensor.wrap(c.insidePoint().apply(r), constrainedShape(c));
  }

  static double[] forward(Case c, double[] u) {
    Tape t = new Tape();
    return c.bijector().apply(t).forward(t.constant(u, c.unconstrained())).detach().toArray();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void inverseUndoesForwardAndForwardLandsInside(Case c) {
    Properties.forAll(
        101,
        CASES,
        r -> drawUnconstrained(c, r),
        u -> {
          Tape t = new Tape();
          Bijector b = c.bijector().apply(t);
          Node x = b.forward(t.constant(u));
          assertEquals(b.constrainedShape(u.shape()), x.shape());
          assertTrue(
              c.constraint().apply(t).contains(x),
              "forward value " + x.detach() + " is not in " + c.constraint().apply(t).describe());
          assertClose(u, b.inverse(x).detach(), ROUND_TRIP, "inverse(forward(u))");
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void forwardUndoesInverse(Case c) {
    Properties.forAll(
        202,
        CASES,
        r -> drawInside(c, r),
        x -> {
          Tape t = new Tape();
          Bijector b = c.bijector().apply(t);
          Node u = b.inverse(t.constant(x));
          assertEquals(c.unconstrained(), u.shape());
          assertClose(x, b.forward(u).detach(), ROUND_TRIP, "forward(inverse(x))");
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void logDetMatchesAFiniteDifferenceJacobian(Case c) {
    Properties.forAll(
        303,
        10,
        r -> drawUnconstrained(c, r),
        u -> {
          double expected = logAbsDet(jacobian(c, u.toArray()));
          Tape t = new Tape();
          Bijector b = c.bijector().apply(t);
          double logDet = b.logAbsDetJacobian(t.constant(u)).item();
          assertEquals(expected, logDet, LOG_DET, "log |det J|");
          Bijector.Transformed both = b.forwardWithLogDet(t.constant(u));
          assertEquals(logDet, both.logDet().item(), 1e-14 * Math.max(1, Math.abs(logDet)));
          assertClose(b.forward(t.constant(u)).detach(), both.value().detach(), 0, "value");
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gradientsMatchFiniteDifferences(Case c) {
    RandomStream r = RandomStream.seeded(404).fork(c.name().hashCode());
    for (int rep = 0; rep < 3; rep++) {
      Tensor u = drawUnconstrained(c, r);
      Tensor x = drawInside(c, r);
      GradCheck.check(in -> c.bijector().apply(in[0].tape()).forward(in[0]), 1e-6, 1e-6, u);
      GradCheck.check(
          in -> c.bijector().apply(in[0].tape()).logAbsDetJacobian(in[0]), 1e-6, 1e-6, u);
      GradCheck.check(in -> c.bijector().apply(in[0].tape()).inverse(in[0]), 1e-6, 1e-6, x);
    }
  }

  /**
   * d(free coordinates of forward(u)) / du by fourth-order central differences (m x m, row-major).
   */
  private static double[] jacobian(Case c, double[] u) {
    int m = u.length;
    int[] free = c.free();
    assertEquals(m, free.length, "free coordinates must match the unconstrained dimension");
    double h = 1e-3;
    double[] j = new double[m * m];
    for (int col = 0; col < m; col++) {
      double[][] f = new double[4][];
      double[] steps = {2 * h, h, -h, -2 * h};
      for (int s = 0; s < 4; s++) {
        double[] v = u.clone();
        v[col] += steps[s];
        f[s] = forward(c, v);
      }
      for (int row = 0; row < m; row++) {
        int k = free[row];
        j[row * m + col] = (-f[0][k] + 8 * f[1][k] - 8 * f[2][k] + f[3][k]) / (12 * h);
      }
    }
    return j;
  }

  /** log |det A| by Gaussian elimination with partial pivoting. */
  static double logAbsDet(double[] a) {
    int n = (int) Math.round(Math.sqrt(a.length));
    double[] m = a.clone();
    double logDet = 0;
    for (int p = 0; p < n; p++) {
      int best = p;
      for (int i = p + 1; i < n; i++) {
        if (Math.abs(m[i * n + p]) > Math.abs(m[best * n + p])) {
          best = i;
        }
      }
      if (best != p) {
        for (int j = 0; j < n; j++) {
          double tmp = m[p * n + j];
          m[p * n + j] = m[best * n + j];
          m[best * n + j] = tmp;
        }
      }
      double pivot = m[p * n + p];
      logDet += Math.log(Math.abs(pivot));
      for (int i = p + 1; i < n; i++) {
        double f = m[i * n + p] / pivot;
        for (int j = p; j < n; j++) {
          m[i * n + j] -= f * m[p * n + j];
        }
      }
    }
    return logDet;
  }

  private static void assertClose(Tensor expected, Tensor actual, double rel, String what) {
    assertEquals(expected.shape(), actual.shape(), what + ": shape");
    for (int i = 0; i < expected.size(); i++) {
      double e = expected.get(i);
      double a = actual.get(i);
      assertTrue(
          Math.abs(e - a) <= rel * Math.max(1, Math.abs(e)),
          what
              + ": element "
              + i
              + " is "
              + a
              + ", expected "
              + e
              + " (difference "
              + (a - e)
              + "); expected "
              + expected
              + ", got "
              + actual);
    }
  }
}
