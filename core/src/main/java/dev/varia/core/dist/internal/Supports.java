package dev.varia.core.dist.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Constraint;
import java.util.Arrays;
import java.util.Optional;

/**
 * Membership of values in a {@link Constraint} per event, for log densities: scalar constraints
 * judge each element (against bounds broadcast to the value), vector constraints (simplex, ordered)
 * each row and matrix constraints (Cholesky factors) the whole matrix, through {@link
 * Constraint#containsOrOnBoundary}. Bounds are closed: a value on a bound is inside.
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

  /** The tape of the constraint's bounds, if it has any. */
  public static Optional<Tape> boundTape(Constraint c) {
    Node n = null;
    if (c instanceof Constraint.GreaterThan g) {
      n = g.lower();
    } else if (c instanceof Constraint.LessThan l) {
      n = l.upper();
    } else if (c instanceof Constraint.Interval iv) {
      n = iv.lower();
    } else if (c instanceof Constraint.Point p) {
      n = p.at();
    }
    return Optional.ofNullable(n).map(Node::tape);
  }

  /** For each event of {@code x}, true if it lies in {@code c} (or on its boundary). */
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
            in[r] = rowIn(c, v, r * k, k);
          }
          return in;
        }
      default:
        return new boolean[] {c.containsOrOnBoundary(Tensor.wrap(v, s))};
    }
  }

  /** True if {@code v[off..off+k)} lies in the vector constraint c (or on its boundary). */
  public static boolean rowIn(Constraint c, double[] v, int off, int k) {
    return c.containsOrOnBoundary(
        Tensor.wrap(Arrays.copyOfRange(v, off, off + k), Shape.vector(k)));
  }

  private static boolean[] scalar(Constraint c, double[] v, Shape s) {
    boolean[] in = new boolean[v.length];
    double[] lo = null;
    double[] hi = null;
    if (c instanceof Constraint.GreaterThan g) {
      lo = bound(g.lower(), s);
    } else if (c instanceof Constraint.LessThan l) {
      hi = bound(l.upper(), s);
    } else if (c instanceof Constraint.Interval iv) {
      lo = bound(iv.lower(), s);
      hi = bound(iv.upper(), s);
    } else if (c instanceof Constraint.Point p) {
      double[] at = bound(p.at(), s);
      for (int i = 0; i < v.length; i++) {
        in[i] = v[i] == at[i];
      }
      return in;
    } else if (c instanceof Constraint.Positive) {
      lo = new double[v.length];
    } else if (c instanceof Constraint.UnitInterval) {
      lo = new double[v.length];
      hi = new double[v.length];
      Arrays.fill(hi, 1);
    } else if (c instanceof Constraint.IntegerRange r) {
      for (int i = 0; i < v.length; i++) {
        in[i] = DistMath.isIntegerIn(v[i], r.lower(), r.upper());
      }
      return in;
    }
    for (int i = 0; i < v.length; i++) {
      double x = v[i];
      in[i] = Double.isFinite(x) && (lo == null || x >= lo[i]) && (hi == null || x <= hi[i]);
    }
    return in;
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
