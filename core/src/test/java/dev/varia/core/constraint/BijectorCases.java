package dev.varia.core.constraint;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.random.RandomStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The bijectors under test, each with its constraint, an unconstrained shape, a generator of points
 * inside the constraint (drawn independently of the bijector), and the free coordinates of a
 * constrained value (those whose Jacobian with respect to the unconstrained values is square).
 */
final class BijectorCases {
  private BijectorCases() {}

  /** A test case; {@code constraint} builds its (tape-valued) bounds on the given tape. */
  record Case(
      String name,
      Function<Tape, Constraint> constraint,
      Function<Tape, Bijector> bijector,
      Shape unconstrained,
      Function<RandomStream, double[]> insidePoint,
      int[] free) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> all() {
    return List.of(
        elementwise("real", t -> new Constraint.Real(), 3, r -> 3 * r.normal()),
        new Case(
            "positive (exp), matrix",
            t -> new Constraint.Positive(),
            t -> Bijectors.of(new Constraint.Positive()),
            Shape.matrix(2, 3),
            r -> fill(6, () -> Math.exp(2 * r.normal())),
            range(6)),
        new Case(
            "positive (softplus)",
            t -> new Constraint.Positive(),
            t -> Bijectors.softplus(),
            Shape.vector(4),
            r -> fill(4, () -> Math.exp(2 * r.normal())),
            range(4)),
        elementwisePoint(
            "greater than a vector bound",
            t -> new Constraint.GreaterThan(vec(t, -1, 0.5, 2)),
            3,
            (r, i) -> new double[] {-1, 0.5, 2}[i] + Math.exp(2 * r.normal())),
        new Case(
            "greater than a scalar bound, matrix",
            t -> new Constraint.GreaterThan(t.constant(1.5)),
            t -> Bijectors.of(new Constraint.GreaterThan(t.constant(1.5))),
            Shape.matrix(2, 2),
            r -> fill(4, () -> 1.5 + Math.exp(2 * r.normal())),
            range(4)),
        elementwise(
            "less than",
            t -> new Constraint.LessThan(t.constant(-2)),
            3,
            r -> -2 - Math.exp(2 * r.normal())),
        elementwisePoint(
            "interval, vector and scalar bounds",
            t -> new Constraint.Interval(vec(t, -1, 0, 3), t.constant(5)),
            3,
            (r, i) -> {
              double lo = new double[] {-1, 0, 3}[i];
              return lo + (5 - lo) * r.uniform();
            }),
        new Case(
            "interval, matrix with row and column bounds",
            t -> intervalRowsCols(t),
            t -> Bijectors.of(intervalRowsCols(t)),
            Shape.matrix(2, 3),
            r -> {
              double[] x = new double[6];
              for (int i = 0; i < 6; i++) {
                double lo = LOWER_COLS[i % 3];
                double hi = UPPER_ROWS[i / 3];
                x[i] = lo + (hi - lo) * r.uniform();
              }
              return x;
            },
            range(6)),
        elementwise("unit interval", t -> new Constraint.UnitInterval(), 4, RandomStream::uniform),
        simplex(2),
        simplex(4),
        new Case(
            "simplex rows, matrix",
            t -> new Constraint.Simplex(),
            t -> Bijectors.of(new Constraint.Simplex()),
            Shape.matrix(2, 2),
            r -> concat(dirichlet(r, 3), dirichlet(r, 3)),
            new int[] {0, 1, 3, 4}),
        new Case(
            "ordered",
            t -> new Constraint.Ordered(),
            t -> Bijectors.of(new Constraint.Ordered()),
            Shape.vector(4),
            r -> sorted(fill(4, () -> 3 * r.normal())),
            range(4)),
        new Case(
            "ordered rows, matrix",
            t -> new Constraint.Ordered(),
            t -> Bijectors.of(new Constraint.Ordered()),
            Shape.matrix(2, 3),
            r ->
                concat(
                    sorted(fill(3, () -> 3 * r.normal())), sorted(fill(3, () -> 3 * r.normal()))),
            range(6)),
        new Case(
            "positive ordered",
            t -> new Constraint.PositiveOrdered(),
            t -> Bijectors.of(new Constraint.PositiveOrdered()),
            Shape.vector(4),
            r -> sorted(fill(4, () -> Math.exp(2 * r.normal()))),
            range(4)),
        corrCholesky(2),
        corrCholesky(3),
        corrCholesky(4),
        covCholesky(1),
        covCholesky(3));
  }

  static final double[] LOWER_COLS = {-1, 0, 0.5};
  static final double[] UPPER_ROWS = {1, 4};

  private static Constraint intervalRowsCols(Tape t) {
    return new Constraint.Interval(
        t.constant(Tensor.of(LOWER_COLS, 3)), t.constant(Tensor.of(UPPER_ROWS, 2, 1)));
  }

  private static Case elementwise(
      String name,
      Function<Tape, Constraint> c,
      int n,
      java.util.function.ToDoubleFunction<RandomStream> draw) {
    return new Case(
        name,
        c,
        t -> Bijectors.of(c.apply(t)),
        Shape.vector(n),
        r -> fill(n, () -> draw.applyAsDouble(r)),
        range(n));
  }

  private interface IndexedDraw {
    double draw(RandomStream r, int i);
  }

  private static Case elementwisePoint(
      String name, Function<Tape, Constraint> c, int n, IndexedDraw draw) {
    return new Case(
        name,
        c,
        t -> Bijectors.of(c.apply(t)),
        Shape.vector(n),
        r -> {
          double[] x = new double[n];
          for (int i = 0; i < n; i++) {
            x[i] = draw.draw(r, i);
          }
          return x;
        },
        range(n));
  }

  private static Case simplex(int k) {
    return new Case(
        "simplex K=" + k,
        t -> new Constraint.Simplex(),
        t -> Bijectors.of(new Constraint.Simplex()),
        Shape.vector(k - 1),
        r -> dirichlet(r, k),
        range(k - 1));
  }

  private static Case corrCholesky(int k) {
    int[] free = new int[k * (k - 1) / 2];
    int f = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < i; j++) {
        free[f++] = i * k + j;
      }
    }
    return new Case(
        "correlation Cholesky K=" + k,
        t -> new Constraint.CorrCholesky(),
        t -> Bijectors.of(new Constraint.CorrCholesky()),
        Shape.vector(k * (k - 1) / 2),
        r -> randomCorrelationCholesky(r, k),
        free);
  }

  private static Case covCholesky(int k) {
    int[] free = new int[k * (k + 1) / 2];
    int f = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        free[f++] = i * k + j;
      }
    }
    return new Case(
        "covariance Cholesky K=" + k,
        t -> new Constraint.CovCholesky(),
        t -> Bijectors.of(new Constraint.CovCholesky()),
        Shape.vector(k * (k + 1) / 2),
        r -> {
          double[] l = new double[k * k];
          for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
              l[i * k + j] = r.normal();
            }
            l[i * k + i] = Math.exp(r.normal());
          }
          return l;
        },
        free);
  }

  /** The Cholesky factor of the correlation matrix of A A^T + I/2 with A standard normal. */
  static double[] randomCorrelationCholesky(RandomStream r, int k) {
    double[] a = fill(k * k, r::normal);
    double[] s = new double[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double v = i == j ? 0.5 : 0;
        for (int m = 0; m < k; m++) {
          v += a[i * k + m] * a[j * k + m];
        }
        s[i * k + j] = v;
      }
    }
    double[] c = new double[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        c[i * k + j] = s[i * k + j] / Math.sqrt(s[i * k + i] * s[j * k + j]);
      }
    }
    return cholesky(c, k);
  }

  static double[] cholesky(double[] c, int k) {
    double[] l = new double[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        double v = c[i * k + j];
        for (int m = 0; m < j; m++) {
          v -= l[i * k + m] * l[j * k + m];
        }
        l[i * k + j] = i == j ? Math.sqrt(v) : v / l[j * k + j];
      }
    }
    return l;
  }

  static double[] dirichlet(RandomStream r, int k) {
    double[] x = fill(k, () -> -Math.log(r.uniform()));
    double s = Arrays.stream(x).sum();
    for (int i = 0; i < k; i++) {
      x[i] /= s;
    }
    return x;
  }

  static Node vec(Tape t, double... v) {
    return t.constant(Tensor.vector(v));
  }

  static double[] fill(int n, java.util.function.DoubleSupplier s) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = s.getAsDouble();
    }
    return x;
  }

  static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  static double[] sorted(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s;
  }

  static double[] concat(double[] a, double[] b) {
    double[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
