package dev.varia.core.dist.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.constraint.Constraint;

/**
 * Membership of values in a {@link Constraint}, per event: scalar constraints judge each element,
 * vector constraints (simplex, ordered) each row, matrix constraints (Cholesky factors) the whole
 * matrix. Bounds are closed (a value on a bound is inside) and sums and norms are compared with a
 * relative tolerance of {@link Check#SUM_TOLERANCE} times the length.
 */
public final class Supports {
  private Supports() {}

  /** The rank of one event of the constraint: 0 (scalar), 1 (vector) or 2 (matrix). */
  public static int eventRank(Constraint c) {
    if (c instanceof Constraint.Simplex
        || c instanceof Constraint.Ordered
        || c instanceof Constraint.PositiveOrdered) {
      return 1;
    }
    if (c instanceof Constraint.CorrCholesky || c instanceof Constraint.CovCholesky) {
      return 2;
    }
    return 0;
  }

  /**
   * For each event of {@code x} (the leading dimensions before the event), true if it lies in
   * {@code c}.
   */
  public static boolean[] contains(Constraint c, Node x) {
    double[] v = Check.values(x);
    Shape s = x.shape();
    switch (eventRank(c)) {
      case 0:
        return scalar(c, v, s);
      case 1:
        {
          int k = s.cols();
          boolean[] in = new boolean[s.rows()];
          for (int r = 0; r < in.length; r++) {
            in[r] = vectorIn(c, v, r * k, k);
          }
          return in;
        }
      default:
        return new boolean[] {s.isSquare() && choleskyIn(c, v, s.rows())};
    }
  }

  private static boolean[] scalar(Constraint c, double[] v, Shape s) {
    boolean[] in = new boolean[v.length];
    if (c instanceof Constraint.GreaterThan g) {
      double[] lo = bound(g.lower(), s);
      for (int i = 0; i < v.length; i++) {
        in[i] = v[i] >= lo[i] && v[i] < Double.POSITIVE_INFINITY;
      }
      return in;
    }
    if (c instanceof Constraint.LessThan l) {
      double[] hi = bound(l.upper(), s);
      for (int i = 0; i < v.length; i++) {
        in[i] = v[i] <= hi[i] && v[i] > Double.NEGATIVE_INFINITY;
      }
      return in;
    }
    if (c instanceof Constraint.Interval iv) {
      double[] lo = bound(iv.lower(), s);
      double[] hi = bound(iv.upper(), s);
      for (int i = 0; i < v.length; i++) {
        in[i] = v[i] >= lo[i] && v[i] <= hi[i];
      }
      return in;
    }
    if (c instanceof Constraint.Point p) {
      double[] at = bound(p.at(), s);
      for (int i = 0; i < v.length; i++) {
        in[i] = v[i] == at[i];
      }
      return in;
    }
    for (int i = 0; i < v.length; i++) {
      in[i] = scalarIn(c, v[i]);
    }
    return in;
  }

  private static boolean scalarIn(Constraint c, double x) {
    if (c instanceof Constraint.Real) {
      return Double.isFinite(x);
    }
    if (c instanceof Constraint.Positive) {
      return x >= 0 && x < Double.POSITIVE_INFINITY;
    }
    if (c instanceof Constraint.UnitInterval) {
      return x >= 0 && x <= 1;
    }
    if (c instanceof Constraint.IntegerRange r) {
      return DistMath.isIntegerIn(x, r.lower(), r.upper());
    }
    throw new IllegalArgumentException("not a scalar constraint: " + c.describe());
  }

  /** True if {@code v[off..off+k)} lies in the vector constraint c. */
  public static boolean vectorIn(Constraint c, double[] v, int off, int k) {
    if (c instanceof Constraint.Simplex) {
      double sum = 0;
      for (int j = 0; j < k; j++) {
        double x = v[off + j];
        if (!(x >= 0 && x <= 1)) {
          return false;
        }
        sum += x;
      }
      return Math.abs(sum - 1) <= Check.SUM_TOLERANCE * Math.max(1, k);
    }
    boolean positive = c instanceof Constraint.PositiveOrdered;
    for (int j = 0; j < k; j++) {
      double x = v[off + j];
      if (!Double.isFinite(x) || (j == 0 && positive && !(x > 0))) {
        return false;
      }
      if (j > 0 && !(x > v[off + j - 1])) {
        return false;
      }
    }
    return true;
  }

  /**
   * True if the k x k row-major matrix is lower triangular with a positive diagonal and, for a
   * correlation Cholesky factor, rows of unit norm.
   */
  public static boolean choleskyIn(Constraint c, double[] v, int k) {
    boolean corr = c instanceof Constraint.CorrCholesky;
    for (int i = 0; i < k; i++) {
      double norm = 0;
      for (int j = 0; j < k; j++) {
        double x = v[i * k + j];
        if (j > i ? x != 0 : !Double.isFinite(x)) {
          return false;
        }
        norm += x * x;
      }
      if (!(v[i * k + i] > 0)) {
        return false;
      }
      if (corr && !(Math.abs(norm - 1) <= Check.SUM_TOLERANCE * Math.max(1, k))) {
        return false;
      }
    }
    return true;
  }

  private static double[] bound(Node b, Shape s) {
    double[] v = Check.values(b);
    Broadcast.Index idx = Broadcast.Index.of(b.shape(), Shape.broadcast("support", b.shape(), s));
    double[] out = new double[s.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v[idx.at(i)];
    }
    return out;
  }
}
