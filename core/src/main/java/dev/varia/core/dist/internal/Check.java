package dev.varia.core.dist.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.ShapeException;
import dev.varia.core.dist.InvalidParameterException;
import java.util.function.DoublePredicate;

/**
 * Parameter validation for distribution factories: each check raises an {@link
 * InvalidParameterException} naming the distribution, the parameter, the first offending value and,
 * for a batch, its position.
 */
public final class Check {
  /**
   * Tolerance for sums that must equal 1 (simplexes, absolute) and for symmetry (relative): Stan's
   * constraint tolerance.
   */
  public static final double SUM_TOLERANCE = 1e-8;

  private Check() {}

  /** A copy of a node's value. */
  public static double[] values(Node n) {
    double[] v = new double[n.size()];
    n.copyValueInto(v, 0);
    return v;
  }

  /** Every element is finite and strictly positive. */
  public static void positive(String dist, String param, Node p) {
    all(dist, param, p, v -> v > 0 && v < Double.POSITIVE_INFINITY, "must be positive and finite");
  }

  /** Every element is finite. */
  public static void finite(String dist, String param, Node p) {
    all(dist, param, p, Double::isFinite, "must be finite");
  }

  /** No element is NaN or +infinity (-infinity is allowed: a probability of 0). */
  public static void belowInfinity(String dist, String param, Node p) {
    all(dist, param, p, v -> v < Double.POSITIVE_INFINITY, "must not be NaN or +infinity");
  }

  /** No element is NaN. */
  public static void notNaN(String dist, String param, Node p) {
    all(dist, param, p, v -> !Double.isNaN(v), "must not be NaN");
  }

  /** Every element is in [0, 1]. */
  public static void probability(String dist, String param, Node p) {
    all(dist, param, p, v -> v >= 0 && v <= 1, "must be a probability in [0, 1]");
  }

  /** Every element is in (0, 1]. */
  public static void successProbability(String dist, String param, Node p) {
    all(dist, param, p, v -> v > 0 && v <= 1, "must be a probability in (0, 1]");
  }

  /** Every element is finite and >= 0. */
  public static void nonNegative(String dist, String param, Node p) {
    all(dist, param, p, v -> v >= 0 && v < Double.POSITIVE_INFINITY, "must be >= 0 and finite");
  }

  /** Every element is a non-negative integer (stored as a double) below 2^31. */
  public static void count(String dist, String param, Node p) {
    all(
        dist,
        param,
        p,
        v -> v >= 0 && v <= Integer.MAX_VALUE && v == Math.rint(v),
        "must be a non-negative integer");
  }

  /** Every element satisfies {@code ok}; otherwise the first that does not is reported. */
  public static void all(
      String dist, String param, Node p, DoublePredicate ok, String requirement) {
    double[] v = values(p);
    for (int i = 0; i < v.length; i++) {
      if (!ok.test(v[i])) {
        throw invalid(dist, param, v[i], requirement + at(p.shape(), i));
      }
    }
  }

  /** {@code upper > lower} elementwise (broadcasting). */
  public static void ordered(
      String dist, String lowerName, Node lower, String upperName, Node upper) {
    Shape s =
        Broadcast.batchShape(
            dist, new String[] {lowerName, upperName}, new Shape[] {lower.shape(), upper.shape()});
    double[] lo = values(lower);
    double[] hi = values(upper);
    Broadcast.Index il = Broadcast.Index.of(lower.shape(), s);
    Broadcast.Index ih = Broadcast.Index.of(upper.shape(), s);
    for (int k = 0; k < s.size(); k++) {
      double a = lo[il.at(k)];
      double b = hi[ih.at(k)];
      if (!(b > a)) {
        throw invalid(
            dist, upperName, b, "must be greater than " + lowerName + " = " + a + at(s, k));
      }
    }
  }

  /**
   * A vector (or each row of a matrix) of non-negative elements summing to 1 within {@link
   * #SUM_TOLERANCE}.
   */
  public static void simplex(String dist, String param, Node p) {
    requireRank(dist, param, p.shape(), 1, 2);
    double[] v = values(p);
    int k = p.shape().cols();
    for (int r = 0; r < p.shape().rows(); r++) {
      double sum = 0;
      for (int j = 0; j < k; j++) {
        double x = v[r * k + j];
        if (!(x >= 0 && x <= 1)) {
          throw invalid(
              dist, param, x, "must be a simplex: elements in [0, 1]" + at(p.shape(), r * k + j));
        }
        sum += x;
      }
      if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) {
        String where = p.shape().isMatrix() ? " (row " + r + ", 0-based)" : "";
        throw invalid(
            dist, param, sum, "must be a simplex: its elements sum to this value" + where);
      }
    }
  }

  /** The rank of {@code s} is between {@code min} and {@code max}. */
  public static void requireRank(String dist, String param, Shape s, int min, int max) {
    if (s.rank() < min || s.rank() > max) {
      String want = min == max ? "rank " + min : "rank " + min + " to " + max;
      throw new ShapeException(
          dist + ": parameter " + param + " has shape " + s + ", expected a tensor of " + want);
    }
  }

  /** A square matrix. */
  public static void square(String dist, String param, Shape s) {
    if (!s.isSquare()) {
      throw new ShapeException(
          dist + ": parameter " + param + " has shape " + s + ", expected a square matrix");
    }
  }

  /**
   * A lower-triangular matrix with a positive, finite diagonal and finite entries (zeros above the
   * diagonal).
   */
  public static void lowerTriangular(String dist, String param, Node m) {
    double[] v = values(m);
    int n = m.shape().rows();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double x = v[i * n + j];
        if (j > i && x != 0) {
          throw invalid(
              dist,
              param,
              x,
              "must be lower triangular: nonzero above the diagonal" + at(m.shape(), i * n + j));
        }
        if (!Double.isFinite(x)) {
          throw invalid(dist, param, x, "must be finite" + at(m.shape(), i * n + j));
        }
      }
      if (!(v[i * n + i] > 0)) {
        throw invalid(
            dist, param, v[i * n + i], "must have a positive diagonal" + at(m.shape(), i * n + i));
      }
    }
  }

  /**
   * A symmetric (within {@link #SUM_TOLERANCE} relative) positive-definite matrix; the failing
   * Cholesky pivot is reported when it is not positive definite.
   */
  public static void symmetricPositiveDefinite(String dist, String param, Node m) {
    double[] a = values(m);
    int n = m.shape().rows();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double x = a[i * n + j];
        double y = a[j * n + i];
        if (!Double.isFinite(x)) {
          throw invalid(dist, param, x, "must be finite" + at(m.shape(), i * n + j));
        }
        if (!(Math.abs(x - y) <= SUM_TOLERANCE * Math.max(Math.abs(x), Math.abs(y)))) {
          throw invalid(
              dist,
              param,
              x,
              "must be symmetric: element ["
                  + j
                  + ", "
                  + i
                  + "] is "
                  + y
                  + at(m.shape(), i * n + j));
        }
      }
    }
    // Cholesky-Banachiewicz on a copy: a non-positive pivot means not positive definite
    double[] l = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i * n + j];
        for (int q = 0; q < j; q++) {
          s -= l[i * n + q] * l[j * n + q];
        }
        if (i == j) {
          if (!(s > 0)) {
            throw invalid(
                dist,
                param,
                s,
                "must be positive definite: Cholesky pivot " + i + " (0-based) is not positive");
          }
          l[i * n + i] = Math.sqrt(s);
        } else {
          l[i * n + j] = s / l[j * n + j];
        }
      }
    }
  }

  /** The exception for one offending value. */
  public static InvalidParameterException invalid(
      String dist, String param, double value, String requirement) {
    return new InvalidParameterException(dist, param, value, requirement);
  }

  /** " (element [i], 0-based)" / " (element [i, j], 0-based)" in a batch, "" for a scalar. */
  public static String at(Shape s, int flat) {
    if (s.size() <= 1) {
      return "";
    }
    if (s.isMatrix()) {
      return " (element [" + (flat / s.cols()) + ", " + (flat % s.cols()) + "], 0-based)";
    }
    return " (element [" + flat + "], 0-based)";
  }
}
