package dev.varia.inference.optim;

import static dev.varia.inference.optim.TestFunctions.frobenius;
import static dev.varia.inference.optim.TestFunctions.fromEigen;
import static dev.varia.inference.optim.TestFunctions.minus;
import static dev.varia.inference.optim.TestFunctions.multiply;
import static dev.varia.inference.optim.TestFunctions.norm;
import static dev.varia.inference.optim.TestFunctions.quadratic;
import static dev.varia.inference.optim.TestFunctions.randomOrthogonal;
import static dev.varia.inference.optim.TestFunctions.rosenbrockStart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.VariaException;
import dev.varia.core.random.RandomStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** L-BFGS on problems with known minima; error bounds from the gradient tolerance. */
class LbfgsTest {
  /** A random SPD matrix with eigenvalues {@code lambda}, its inverse, and a random b. */
  private record Quadratic(double[][] a, double[][] inverse, double[] b, double[] solution) {
    static Quadratic random(double[] lambda, long seed) {
      RandomStream rng = RandomStream.seeded(seed);
      double[][] q = randomOrthogonal(lambda.length, rng);
      double[] inv = new double[lambda.length];
      for (int i = 0; i < lambda.length; i++) {
        inv[i] = 1 / lambda[i];
      }
      double[][] a = fromEigen(q, lambda);
      double[][] ainv = fromEigen(q, inv);
      double[] b = new double[lambda.length];
      for (int i = 0; i < b.length; i++) {
        b[i] = rng.normal();
      }
      return new Quadratic(a, ainv, b, multiply(ainv, b));
    }
  }

  private static double[] spread(int d, double ratio) {
    double[] lambda = new double[d];
    for (int i = 0; i < d; i++) {
      lambda[i] = Math.pow(ratio, i / (double) (d - 1));
    }
    return lambda;
  }

  /**
   * |x - x*| <= |A^-1| |g| <= sqrt(d) gtol / lambda_min for a quadratic stopped on the gradient
   * tolerance (max-norm gtol), plus rounding in the gradient itself.
   */
  private static void assertNear(double[] expected, double[] actual, double bound) {
    double[] diff = new double[expected.length];
    for (int i = 0; i < diff.length; i++) {
      diff[i] = actual[i] - expected[i];
    }
    assertTrue(
        norm(diff) <= bound,
        "distance " + norm(diff) + " > " + bound + ": " + Arrays.toString(actual));
  }

  @Test
  void findsTheMinimumOfAQuadratic() {
    Quadratic p = Quadratic.random(spread(8, 100), 1);
    double gtol = 1e-10;
    LbfgsResult r =
        Lbfgs.builder()
            .gradientTolerance(gtol)
            .relativeFunctionTolerance(0)
            .build()
            .minimize(quadratic(p.a, p.b), new double[8]);
    assertEquals(LbfgsResult.Reason.GRADIENT_TOLERANCE, r.reason());
    assertNear(p.solution, r.point(), Math.sqrt(8) * gtol / 1.0 + 1e-13);
    double fmin = 0; // at the minimum f = -b.x/2
    for (int i = 0; i < 8; i++) {
      fmin -= 0.5 * p.b[i] * p.solution[i];
    }
    assertEquals(fmin, r.value(), 1e-12 * Math.abs(fmin));
  }

  @Test
  void inverseHessianAfterDStepsOnAQuadraticIsTheTrueInverse() {
    // With exact line searches BFGS builds A^-1 in d steps (quadratic termination; Nocedal and
    // Wright Thm 6.4 / 7.x). Moré–Thuente's cubic interpolation is exact on a quadratic, and a
    // curvature constant of 1e-7 makes every accepted step exact to ~1e-7 of the slope, so the
    // directions are conjugate to that order and H matches A^-1 to ~gtol * cond(A) * d.
    int d = 6;
    double cond = 100;
    Quadratic p = Quadratic.random(spread(d, cond), 2);
    LbfgsResult r =
        Lbfgs.builder()
            .memory(d)
            .wolfe(1e-8, 1e-7)
            .gradientTolerance(0)
            .relativeFunctionTolerance(0)
            .maxIterations(d)
            .build()
            .minimize(quadratic(p.a, p.b), new double[d]);
    assertEquals(d, r.iterations());
    assertEquals(d, r.inverseHessian().pairs());
    double[][] h = r.inverseHessian().toDense();
    double rel = frobenius(minus(h, p.inverse)) / frobenius(p.inverse);
    assertTrue(rel < 1e-7 * cond * d, "relative error " + rel);
    System.out.printf("L-BFGS inverse Hessian after d = %d steps: relative error %.2e%n", d, rel);
    // the same matrix in compact form and through the two-loop recursion
    double[][] compact = r.inverseHessian().compact().toDense();
    assertTrue(frobenius(minus(compact, h)) < 1e-12 * frobenius(h));
  }

  @Test
  void defaultApproximationIsSymmetricPositiveDefiniteAndSatisfiesTheSecantEquation() {
    Quadratic p = Quadratic.random(spread(10, 1e3), 3);
    List<LbfgsIterate> path = new ArrayList<>();
    Lbfgs.builder()
        .memory(5)
        .onIteration(path::add)
        .build()
        .minimize(quadratic(p.a, p.b), new double[10]);
    assertTrue(path.size() > 6);
    LbfgsIterate last = path.get(path.size() - 1);
    LbfgsIterate before = path.get(path.size() - 2);
    InverseHessian h = last.inverseHessian();
    assertEquals(5, h.pairs());
    double[] s = new double[10];
    double[] y = new double[10];
    for (int i = 0; i < 10; i++) {
      s[i] = last.point()[i] - before.point()[i];
      y[i] = last.gradient()[i] - before.gradient()[i];
    }
    double[] hy = h.apply(y);
    double[] diff = new double[10];
    for (int i = 0; i < 10; i++) {
      diff[i] = hy[i] - s[i];
    }
    // H_{k+1} y_k = s_k exactly in exact arithmetic; rounding is ~cond(H) eps relative
    assertTrue(norm(diff) <= 1e-10 * norm(s), "secant residual " + norm(diff));
    double[][] dense = h.toDense();
    assertTrue(Cholesky.isPositiveDefinite(dense));
    double[][] compact = h.compact().toDense();
    assertTrue(frobenius(minus(compact, dense)) < 1e-12 * frobenius(dense));
    double[] v = new double[10];
    Arrays.fill(v, 1);
    double[] hv = h.apply(v);
    double[] cv = h.compact().apply(v);
    for (int i = 0; i < 10; i++) {
      assertEquals(hv[i], cv[i], 1e-12 * norm(hv));
    }
  }

  @Test
  void rosenbrock2d() {
    double gtol = 1e-8;
    LbfgsResult r =
        Lbfgs.defaults().minimize(TestFunctions::extendedRosenbrock, rosenbrockStart(2));
    assertEquals(LbfgsResult.Reason.GRADIENT_TOLERANCE, r.reason());
    // Hessian at (1,1) is [[802,-400],[-400,200]]: smallest eigenvalue 0.3994
    assertNear(new double[] {1, 1}, r.point(), Math.sqrt(2) * gtol / 0.3994 + 1e-12);
    System.out.printf(
        "L-BFGS Rosenbrock 2-D: %d iterations, %d evaluations%n", r.iterations(), r.evaluations());
    assertTrue(r.evaluations() < 200, "evaluations " + r.evaluations());
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 100})
  void extendedRosenbrock(int d) {
    double gtol = 1e-8;
    LbfgsResult r =
        Lbfgs.defaults().minimize(TestFunctions::extendedRosenbrock, rosenbrockStart(d));
    assertEquals(LbfgsResult.Reason.GRADIENT_TOLERANCE, r.reason());
    double[] ones = new double[d];
    Arrays.fill(ones, 1);
    assertNear(ones, r.point(), Math.sqrt(d) * gtol / 0.3994 + 1e-12);
    System.out.printf(
        "L-BFGS extended Rosenbrock d=%d: %d iterations, %d evaluations%n",
        d, r.iterations(), r.evaluations());
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.9, 0.1})
  void badlyScaledQuadratic(double curvatureConstant) {
    // curvatures from 1 to 1e6 in a random rotation. The gradient Ax - b is computed with
    // rounding error ~ eps sum_j |A_ij x_j| ~ 1e-10 here, so 1e-6 is a tolerance L-BFGS can meet
    // with room to spare; |x - x*| <= sqrt(d) gtol / lambda_min.
    Quadratic p = Quadratic.random(spread(10, 1e6), 4);
    double gtol = 1e-6;
    LbfgsResult r =
        Lbfgs.builder()
            .wolfe(1e-4, curvatureConstant)
            .gradientTolerance(gtol)
            .relativeFunctionTolerance(0)
            .maxIterations(5000)
            .build()
            .minimize(quadratic(p.a, p.b), new double[10]);
    assertEquals(LbfgsResult.Reason.GRADIENT_TOLERANCE, r.reason());
    assertNear(p.solution, r.point(), Math.sqrt(10) * gtol / 1.0);
    System.out.printf(
        "L-BFGS quadratic, curvature ratio 1e6, d = 10, Wolfe curvature constant %.1f:"
            + " %d iterations, %d evaluations%n",
        curvatureConstant, r.iterations(), r.evaluations());
  }

  @Test
  void badlyScaledAxisAlignedQuadraticWithDefaults() {
    double[] lambda = spread(10, 1e6);
    double[][] a = new double[10][10];
    double[] b = new double[10];
    double[] solution = new double[10];
    for (int i = 0; i < 10; i++) {
      a[i][i] = lambda[i];
      b[i] = 1;
      solution[i] = 1 / lambda[i];
    }
    LbfgsResult r = Lbfgs.defaults().minimize(quadratic(a, b), new double[10]);
    assertTrue(r.converged(), r.reason().toString());
    // Read as a log density, coordinate i has standard deviation 1/sqrt(lambda_i). The default
    // stopping rules (gradient 1e-8 or relative change of f 2.2e-12, Stan's) guarantee no bound
    // in x, so check what the mode finder is for: the mode to a small fraction of a standard
    // deviation (1e-3 here) in every coordinate, the stiff ones included.
    double worst = 0;
    for (int i = 0; i < 10; i++) {
      double sdUnits = Math.abs(r.point()[i] - solution[i]) * Math.sqrt(lambda[i]);
      worst = Math.max(worst, sdUnits);
      assertTrue(sdUnits < 1e-3, "x" + i + " is " + sdUnits + " sd from the mode");
    }
    System.out.printf(
        "L-BFGS diagonal quadratic, curvature ratio 1e6, defaults: %s after %d evaluations,"
            + " largest error %.2g sd%n",
        r.reason(), r.evaluations(), worst);
  }

  @Test
  void badlyScaledCoordinates() {
    // f = (1e3 x - 1)^2 + (1e-3 y - 1)^2 : minimum at (1e-3, 1e3), curvatures 2e6 and 2e-6
    DifferentiableFunction f =
        (x, g) -> {
          double u = 1e3 * x[0] - 1;
          double v = 1e-3 * x[1] - 1;
          g[0] = 2e3 * u;
          g[1] = 2e-3 * v;
          return u * u + v * v;
        };
    double gtol = 1e-10;
    LbfgsResult r =
        Lbfgs.builder()
            .gradientTolerance(gtol)
            .relativeFunctionTolerance(0)
            .build()
            .minimize(f, new double[] {0, 0});
    assertEquals(LbfgsResult.Reason.GRADIENT_TOLERANCE, r.reason());
    // |x - x*|_i <= gtol / curvature_i
    assertEquals(1e-3, r.point()[0], gtol / 2e6 + 1e-18);
    assertEquals(1e3, r.point()[1], gtol / 2e-6 + 1e-12);
  }

  /** (x1 - 1)^2 + 4 (x2 - 1)^2, undefined (NaN or +inf) where any coordinate exceeds 1.2. */
  private static final class Fenced implements DifferentiableFunction {
    final double outside;
    int outsideEvaluations;
    int evaluations;

    Fenced(double outside) {
      this.outside = outside;
    }

    @Override
    public double valueAndGradient(double[] x, double[] g) {
      evaluations++;
      if (x[0] > 1.2 || x[1] > 1.2) {
        outsideEvaluations++;
        g[0] = outside;
        g[1] = outside;
        return outside;
      }
      g[0] = 2 * (x[0] - 1);
      g[1] = 8 * (x[1] - 1);
      return (x[0] - 1) * (x[0] - 1) + 4 * (x[1] - 1) * (x[1] - 1);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY})
  void backtracksOutOfRegionsWhereTheFunctionIsUndefined(double outside) {
    // from (0.5, 0.5) the first trial (unit step along -g) lands at x2 = 1.47: undefined
    Fenced f = new Fenced(outside);
    double gtol = 1e-9;
    LbfgsResult r =
        Lbfgs.builder().gradientTolerance(gtol).build().minimize(f, new double[] {0.5, 0.5});
    assertTrue(f.outsideEvaluations > 0, "the test must visit the undefined region");
    assertEquals(LbfgsResult.Reason.GRADIENT_TOLERANCE, r.reason());
    assertNear(new double[] {1, 1}, r.point(), Math.sqrt(2) * gtol / 2);
    assertEquals(f.evaluations, r.evaluations(), "every evaluation is counted");
  }

  @Test
  void logBarrierReturningNaNForNegativeArguments() {
    // f = sum (x_i - log x_i), NaN for x_i < 0 (Math.log), minimum at 1, curvature 1/x^2 = 1
    DifferentiableFunction f =
        (x, g) -> {
          double v = 0;
          for (int i = 0; i < x.length; i++) {
            v += x[i] - Math.log(x[i]);
            g[i] = 1 - 1 / x[i];
          }
          return v;
        };
    int[] nan = {0};
    DifferentiableFunction counted =
        (x, g) -> {
          double v = f.valueAndGradient(x, g);
          if (Double.isNaN(v)) {
            nan[0]++;
          }
          return v;
        };
    double gtol = 1e-9;
    LbfgsResult r =
        Lbfgs.builder()
            .gradientTolerance(gtol)
            .build()
            .minimize(counted, new double[] {3, 0.05, 8});
    assertEquals(LbfgsResult.Reason.GRADIENT_TOLERANCE, r.reason());
    assertNear(new double[] {1, 1, 1}, r.point(), Math.sqrt(3) * gtol * 1.01);
    System.out.printf(
        "L-BFGS log barrier: %d evaluations, %d of them NaN%n", r.evaluations(), nan[0]);
  }

  @Test
  void maximisesAConcaveFunctionAndReturnsTheCovariance() {
    // log density of N(mu, Sigma) up to a constant: the mode is mu, (-Hess)^-1 = Sigma
    int d = 4;
    Quadratic p = Quadratic.random(new double[] {0.5, 1, 2, 4}, 5);
    double[] mu = p.solution;
    DifferentiableFunction logDensity =
        (x, g) -> {
          double[] diff = new double[d];
          for (int i = 0; i < d; i++) {
            diff[i] = x[i] - mu[i];
          }
          double[] ad = multiply(p.a, diff);
          double v = 0;
          for (int i = 0; i < d; i++) {
            g[i] = -ad[i];
            v -= 0.5 * diff[i] * ad[i];
          }
          return v;
        };
    LbfgsResult r =
        Lbfgs.builder()
            .memory(d)
            .wolfe(1e-8, 1e-7)
            .gradientTolerance(1e-12)
            .build()
            .maximize(logDensity, new double[d]);
    assertTrue(r.converged());
    assertNear(mu, r.point(), Math.sqrt(d) * 1e-12 / 0.5 + 1e-14);
    assertTrue(r.value() <= 0 && r.value() > -1e-20, "value of the objective, not its negative");
    double[][] cov = r.inverseHessian().toDense();
    double rel = frobenius(minus(cov, p.inverse)) / frobenius(p.inverse);
    assertTrue(rel < 1e-7 * 8 * d, "relative error " + rel);
  }

  @Test
  void stopsAtTheLimits() {
    LbfgsResult it =
        Lbfgs.builder()
            .maxIterations(3)
            .build()
            .minimize(TestFunctions::extendedRosenbrock, rosenbrockStart(2));
    assertEquals(LbfgsResult.Reason.MAX_ITERATIONS, it.reason());
    assertEquals(3, it.iterations());
    assertTrue(!it.converged());
    LbfgsResult ev =
        Lbfgs.builder()
            .maxEvaluations(10)
            .build()
            .minimize(TestFunctions::extendedRosenbrock, rosenbrockStart(2));
    assertEquals(LbfgsResult.Reason.MAX_EVALUATIONS, ev.reason());
    assertTrue(ev.evaluations() <= 10);
  }

  @Test
  void aWrongGradientMakesTheLineSearchFail() {
    // the "gradient" points uphill: no step along its negative decreases f
    DifferentiableFunction wrong =
        (x, g) -> {
          g[0] = -2 * (x[0] - 1);
          return (x[0] - 1) * (x[0] - 1);
        };
    LbfgsResult r = Lbfgs.defaults().minimize(wrong, new double[] {3});
    assertEquals(LbfgsResult.Reason.LINE_SEARCH_FAILED, r.reason());
    assertEquals(3.0, r.point()[0], 0.0, "keeps the best point");
  }

  @Test
  void refusesAnUndefinedStart() {
    VariaException e =
        assertThrows(
            VariaException.class,
            () -> Lbfgs.defaults().minimize((x, g) -> Math.log(x[0]), new double[] {-1}));
    assertTrue(e.getMessage().contains("starting point"), e.getMessage());
  }

  @Test
  void pathValuesDecreaseAndStartAtIterationZero() {
    List<LbfgsIterate> path = new ArrayList<>();
    LbfgsResult r =
        Lbfgs.builder()
            .onIteration(path::add)
            .build()
            .minimize(TestFunctions::extendedRosenbrock, rosenbrockStart(2));
    assertEquals(0, path.get(0).iteration());
    assertEquals(r.iterations() + 1, path.size());
    for (int i = 1; i < path.size(); i++) {
      assertTrue(path.get(i).value() < path.get(i - 1).value());
    }
  }
}
