package dev.varia.inference.optim;

import static dev.varia.inference.optim.TestFunctions.frobenius;
import static dev.varia.inference.optim.TestFunctions.minus;
import static dev.varia.inference.optim.TestFunctions.norm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.random.RandomStream;
import dev.varia.core.testing.Properties;
import org.junit.jupiter.api.Test;

/** The three forms of the L-BFGS approximation agree, on random curvature pairs. */
class InverseHessianTest {
  private record Case(double gamma, double[][] s, double[][] y) {
    @Override
    public String toString() {
      return "d = " + s[0].length + ", pairs = " + s.length + ", gamma = " + gamma;
    }
  }

  /** Pairs (s, A s) for a random SPD A, so every pair has s'y > 0, as on a convex function. */
  private static Case randomCase(RandomStream rng) {
    int d = 1 + rng.nextInt(12);
    int k = 1 + rng.nextInt(6);
    double[] lambda = new double[d];
    for (int i = 0; i < d; i++) {
      lambda[i] = Math.exp(3 * (rng.uniform() - 0.5));
    }
    double[][] a = TestFunctions.fromEigen(TestFunctions.randomOrthogonal(d, rng), lambda);
    double[][] s = new double[k][d];
    double[][] y = new double[k][];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < d; j++) {
        s[i][j] = rng.normal();
      }
      y[i] = TestFunctions.multiply(a, s[i]);
    }
    double gamma = InverseHessian.dot(s[k - 1], y[k - 1]) / InverseHessian.dot(y[k - 1], y[k - 1]);
    return new Case(gamma, s, y);
  }

  @Test
  void compactDenseAndTwoLoopAgreeAndSatisfyTheNewestSecantEquation() {
    Properties.forAll(
        17,
        200,
        InverseHessianTest::randomCase,
        c -> {
          InverseHessian h = InverseHessian.fromPairs(c.gamma, c.s, c.y);
          double[][] dense = h.toDense();
          CompactInverseHessian compact = h.compact();
          assertEquals(2 * c.s.length, compact.rank());
          double scale = frobenius(dense);
          assertTrue(frobenius(minus(compact.toDense(), dense)) <= 1e-10 * scale, "compact");
          int k = c.s.length - 1;
          double[] hy = h.apply(c.y[k]);
          double[] r = new double[hy.length];
          for (int i = 0; i < r.length; i++) {
            r[i] = hy[i] - c.s[k][i];
          }
          assertTrue(norm(r) <= 1e-9 * norm(c.s[k]), "secant residual " + norm(r));
          assertTrue(Cholesky.isPositiveDefinite(dense), "positive definite");
        });
  }

  @Test
  void identityAndBadPairs() {
    InverseHessian id = InverseHessian.identity(3, 2.0);
    assertEquals(0, id.pairs());
    double[] v = id.apply(new double[] {1, -1, 3});
    assertEquals(6.0, v[2], 0.0);
    assertEquals(0, id.compact().rank());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            InverseHessian.fromPairs(
                1, new double[][] {{1, 0}}, new double[][] {{-1, 0}})); // s'y < 0
  }
}
