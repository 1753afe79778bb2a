package dev.varia.inference.optim;

import dev.varia.core.random.RandomStream;

/** Smooth test functions with known minima, and small dense linear algebra for the tests. */
final class TestFunctions {
  private TestFunctions() {}

  /** {@code f(x) = 1/2 x'Ax - b'x}, gradient {@code Ax - b}. */
  static DifferentiableFunction quadratic(double[][] a, double[] b) {
    return (x, g) -> {
      double f = 0;
      for (int i = 0; i < x.length; i++) {
        double ax = 0;
        for (int j = 0; j < x.length; j++) {
          ax += a[i][j] * x[j];
        }
        g[i] = ax - b[i];
        f += 0.5 * x[i] * ax - b[i] * x[i];
      }
      return f;
    };
  }

  /**
   * The 2-D Rosenbrock function {@code 100 (y - x^2)^2 + (1 - x)^2} summed over the pairs (x_1,
   * x_2), (x_3, x_4), ...: the "extended Rosenbrock" of Moré, Garbow and Hillstrom (ACM TOMS 1981,
   * problem 21), minimum 0 at (1, ..., 1).
   */
  static double extendedRosenbrock(double[] x, double[] g) {
    double f = 0;
    for (int i = 0; i < x.length; i += 2) {
      double t = x[i + 1] - x[i] * x[i];
      double u = 1 - x[i];
      f += 100 * t * t + u * u;
      g[i] = -400 * x[i] * t - 2 * u;
      g[i + 1] = 200 * t;
    }
    return f;
  }

  /** The standard start (-1.2, 1, -1.2, 1, ...). */
  static double[] rosenbrockStart(int d) {
    double[] x = new double[d];
    for (int i = 0; i < d; i++) {
      x[i] = i % 2 == 0 ? -1.2 : 1.0;
    }
    return x;
  }

  /** A uniformly random orthogonal matrix (Gram-Schmidt on Gaussian columns). */
  static double[][] randomOrthogonal(int d, RandomStream rng) {
    double[][] q = new double[d][d];
    for (int col = 0; col < d; col++) {
      double[] v = new double[d];
      for (int i = 0; i < d; i++) {
        v[i] = rng.normal();
      }
      for (int prev = 0; prev < col; prev++) {
        double dot = 0;
        for (int i = 0; i < d; i++) {
          dot += v[i] * q[i][prev];
        }
        for (int i = 0; i < d; i++) {
          v[i] -= dot * q[i][prev];
        }
      }
      double norm = 0;
      for (double vi : v) {
        norm += vi * vi;
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < d; i++) {
        q[i][col] = v[i] / norm;
      }
    }
    return q;
  }

  /** {@code Q diag(lambda) Q'}. */
  static double[][] fromEigen(double[][] q, double[] lambda) {
    int d = lambda.length;
    double[][] a = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s += q[i][k] * lambda[k] * q[j][k];
        }
        a[i][j] = s;
      }
    }
    return a;
  }

  static double[] multiply(double[][] a, double[] x) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < x.length; j++) {
        y[i] += a[i][j] * x[j];
      }
    }
    return y;
  }

  static double frobenius(double[][] a) {
    double s = 0;
    for (double[] row : a) {
      for (double v : row) {
        s += v * v;
      }
    }
    return Math.sqrt(s);
  }

  static double[][] minus(double[][] a, double[][] b) {
    double[][] c = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        c[i][j] = a[i][j] - b[i][j];
      }
    }
    return c;
  }

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
