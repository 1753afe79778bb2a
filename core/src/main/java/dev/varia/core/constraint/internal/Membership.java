package dev.varia.core.constraint.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Constraint;

/**
 * Whether a value lies in a {@link Constraint}, and if not, a message naming the first offending
 * element (1-based, Stan-style: {@code y[3]}, {@code L[2,1]}).
 *
 * <p>Sums and norms are compared with the tolerance Stan uses for its constraint checks, 1e-8. With
 * {@code closed}, the boundary points of bounds count as inside (Stan's checks of declared data
 * constraints are inclusive: 0 is a valid {@code real<lower=0>}); otherwise the sets are the open
 * ones the constraints describe.
 */
public final class Membership {
  /** Stan's CONSTRAINT_TOLERANCE. */
  public static final double TOLERANCE = 1e-8;

  private Membership() {}

  /** Null if {@code value} lies in {@code c}, else what is wrong, naming the value {@code name}. */
  public static String violation(Constraint c, Tensor value, String name, boolean closed) {
    Shape s = value.shape();
    if (c instanceof Constraint.Real) {
      return firstNaN(value, name);
    } else if (c instanceof Constraint.Positive) {
      return below(value, name, null, 0.0, closed, "positive");
    } else if (c instanceof Constraint.GreaterThan g) {
      return boundShape(g.lower(), s, name, c) != null
          ? boundShape(g.lower(), s, name, c)
          : below(value, name, g.lower(), 0.0, closed, c.describe());
    } else if (c instanceof Constraint.LessThan l) {
      return boundShape(l.upper(), s, name, c) != null
          ? boundShape(l.upper(), s, name, c)
          : above(value, name, l.upper(), 0.0, closed, c.describe());
    } else if (c instanceof Constraint.Interval iv) {
      String shape = boundShape(iv.lower(), s, name, c);
      if (shape == null) {
        shape = boundShape(iv.upper(), s, name, c);
      }
      if (shape != null) {
        return shape;
      }
      String what = "in " + c.describe();
      String lo = below(value, name, iv.lower(), 0.0, closed, what);
      return lo != null ? lo : above(value, name, iv.upper(), 0.0, closed, what);
    } else if (c instanceof Constraint.UnitInterval) {
      String what = "in the unit interval (0, 1)";
      String lo = below(value, name, null, 0.0, closed, what);
      return lo != null ? lo : above(value, name, null, 1.0, closed, what);
    } else if (c instanceof Constraint.Simplex) {
      return simplex(value, name, closed);
    } else if (c instanceof Constraint.Ordered) {
      return ordered(value, name, false, closed);
    } else if (c instanceof Constraint.PositiveOrdered) {
      return ordered(value, name, true, closed);
    } else if (c instanceof Constraint.CorrCholesky) {
      return cholesky(value, name, true);
    } else if (c instanceof Constraint.CovCholesky) {
      return cholesky(value, name, false);
    } else if (c instanceof Constraint.IntegerRange r) {
      return integers(value, name, r);
    } else if (c instanceof Constraint.Point p) {
      return point(value, name, p.at(), c);
    }
    throw new IllegalStateException("unknown constraint " + c);
  }

  private static String firstNaN(Tensor v, String name) {
    for (int i = 0; i < v.size(); i++) {
      if (Double.isNaN(v.get(i))) {
        return element(name, v.shape(), i) + " is NaN";
      }
    }
    return null;
  }

  private static String boundShape(Node bound, Shape value, String name, Constraint c) {
    Shape joint;
    try {
      joint = Shape.broadcast("bound", bound.shape(), value);
    } catch (RuntimeException e) {
      joint = null;
    }
    if (joint == null || !joint.equals(value)) {
      return "the bound of "
          + c.describe()
          + " has shape "
          + bound.shape()
          + ", which does not fit "
          + name
          + " of shape "
          + value;
    }
    return null;
  }

  /** The first element below the lower bound (or at it, unless closed). */
  private static String below(
      Tensor v, String name, Node bound, double constant, boolean closed, String what) {
    for (int i = 0; i < v.size(); i++) {
      double lo = bound == null ? constant : Broadcast.at(bound, v.shape(), i);
      double x = v.get(i);
      if (!(closed ? x >= lo : x > lo)) {
        return element(name, v.shape(), i) + " = " + x + " is not " + what;
      }
    }
    return null;
  }

  /** The first element above the upper bound (or at it, unless closed). */
  private static String above(
      Tensor v, String name, Node bound, double constant, boolean closed, String what) {
    for (int i = 0; i < v.size(); i++) {
      double hi = bound == null ? constant : Broadcast.at(bound, v.shape(), i);
      double x = v.get(i);
      if (!(closed ? x <= hi : x < hi)) {
        return element(name, v.shape(), i) + " = " + x + " is not " + what;
      }
    }
    return null;
  }

  private static String vectorShape(Tensor v, String name, String what) {
    Shape s = v.shape();
    if (s.isVector() || s.isMatrix()) {
      return null;
    }
    return name + " is a scalar, not " + what + " (a vector, or a matrix row by row)";
  }

  private static String simplex(Tensor v, String name, boolean closed) {
    String shape = vectorShape(v, name, "a simplex");
    if (shape != null) {
      return shape;
    }
    Shape s = v.shape();
    int cols = s.cols();
    for (int r = 0; r < s.rows(); r++) {
      double sum = 0;
      for (int c = 0; c < cols; c++) {
        int i = r * cols + c;
        double x = v.get(i);
        if (!(closed ? x >= 0 : x > 0)) {
          return element(name, s, i)
              + " = "
              + x
              + " is not a valid simplex element ("
              + (closed ? "negative" : "not positive")
              + ")";
        }
        sum += x;
      }
      if (!(Math.abs(sum - 1) <= TOLERANCE)) {
        return (s.isMatrix() ? "row " + (r + 1) + " of " + name : name)
            + " is not a simplex: its elements sum to "
            + sum;
      }
    }
    return null;
  }

  private static String ordered(Tensor v, String name, boolean positive, boolean closed) {
    String shape =
        vectorShape(v, name, positive ? "a positive ordered vector" : "an ordered vector");
    if (shape != null) {
      return shape;
    }
    Shape s = v.shape();
    int cols = s.cols();
    for (int r = 0; r < s.rows(); r++) {
      for (int c = 0; c < cols; c++) {
        int i = r * cols + c;
        double x = v.get(i);
        if (Double.isNaN(x)) {
          return element(name, s, i) + " is NaN";
        }
        if (c == 0 && positive && !(closed ? x >= 0 : x > 0)) {
          return element(name, s, i)
              + " = "
              + x
              + " is not positive ("
              + name
              + " must be a positive ordered vector)";
        }
        if (c > 0 && !(x > v.get(i - 1))) {
          return element(name, s, i)
              + " = "
              + x
              + " is not above "
              + element(name, s, i - 1)
              + " = "
              + v.get(i - 1)
              + " ("
              + name
              + " must be strictly increasing)";
        }
      }
    }
    return null;
  }

  private static String cholesky(Tensor v, String name, boolean correlation) {
    Shape s = v.shape();
    String what = correlation ? "a correlation matrix" : "a covariance matrix";
    if (!s.isSquare()) {
      return name
          + " of shape "
          + s
          + " is not a Cholesky factor of "
          + what
          + " (a square matrix)";
    }
    int k = s.rows();
    for (int r = 0; r < k; r++) {
      double norm2 = 0;
      for (int c = 0; c < k; c++) {
        int i = r * k + c;
        double x = v.get(i);
        if (c > r && x != 0) {
          return element(name, s, i)
              + " = "
              + x
              + " is above the diagonal of the Cholesky factor "
              + name
              + " (which must be lower triangular)";
        }
        if (c == r && !(x > 0)) {
          return element(name, s, i)
              + " = "
              + x
              + " is a diagonal element of the Cholesky factor "
              + name
              + " (which must be positive)";
        }
        if (Double.isNaN(x) || Double.isInfinite(x)) {
          return element(name, s, i) + " is " + x;
        }
        norm2 += x * x;
      }
      if (correlation && !(Math.abs(norm2 - 1) <= TOLERANCE)) {
        return "row "
            + (r + 1)
            + " of "
            + name
            + " has squared length "
            + norm2
            + ", not 1 ("
            + name
            + " must be the Cholesky factor of "
            + what
            + ")";
      }
    }
    return null;
  }

  private static String integers(Tensor v, String name, Constraint.IntegerRange r) {
    for (int i = 0; i < v.size(); i++) {
      double x = v.get(i);
      boolean unbounded = r.upper() == Integer.MAX_VALUE;
      if (!(x == Math.rint(x) && x >= r.lower() && (unbounded || x <= r.upper()))) {
        return element(name, v.shape(), i) + " = " + x + " is not in " + r.describe();
      }
    }
    return null;
  }

  private static String point(Tensor v, String name, Node at, Constraint c) {
    String shape = boundShape(at, v.shape(), name, c);
    if (shape != null) {
      return shape;
    }
    for (int i = 0; i < v.size(); i++) {
      double p = Broadcast.at(at, v.shape(), i);
      double x = v.get(i);
      if (!(Math.abs(x - p) <= TOLERANCE * Math.max(1, Math.abs(p)))) {
        return element(name, v.shape(), i) + " = " + x + " is not " + c.describe();
      }
    }
    return null;
  }

  /** {@code name}, {@code name[i]} or {@code name[i,j]}, 1-based. */
  static String element(String name, Shape s, int flat) {
    if (s.isScalar()) {
      return name;
    }
    if (s.isVector()) {
      return name + "[" + (flat + 1) + "]";
    }
    return name + "[" + (flat / s.cols() + 1) + "," + (flat % s.cols() + 1) + "]";
  }
}
