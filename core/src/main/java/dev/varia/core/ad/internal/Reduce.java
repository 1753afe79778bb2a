package dev.varia.core.ad.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.ShapeException;
import dev.varia.core.ad.Tape;

/**
 * Reductions: sum, mean, max, min and log-sum-exp, over all elements (giving a scalar) or along one
 * axis of a matrix (axis 0 reduces down the rows, giving one value per column; axis 1 across each
 * row). A vector reduced along axis 0 gives a scalar.
 */
public final class Reduce extends Node {
  /** The reductions. */
  public enum Op {
    SUM,
    MEAN,
    MAX,
    MIN,
    LOG_SUM_EXP
  }

  private final Op op;
  private final Node x;

  /** Number of groups, elements per group, and the strides that enumerate them. */
  private final int groups;

  private final int len;
  private final int groupStride;
  private final int elemStride;

  private Reduce(
      Tape tape, Shape shape, Op op, Node x, int groups, int len, int groupStride, int elemStride) {
    super(tape, shape, needsGrad(x));
    this.op = op;
    this.x = x;
    this.groups = groups;
    this.len = len;
    this.groupStride = groupStride;
    this.elemStride = elemStride;
    double[] xv = valueOf(x);
    double[] y = out();
    for (int g = 0; g < groups; g++) {
      y[g] = reduce(op, xv, g * groupStride, elemStride, len);
    }
  }

  /** Reduces all elements to a scalar. */
  public static Node all(Op op, Node x) {
    Tape tape = tapeOf(x);
    return new Reduce(tape, Shape.SCALAR, op, x, 1, x.size(), 0, 1);
  }

  /** Reduces along {@code axis}. */
  public static Node axis(Op op, Node x, int axis) {
    Tape tape = tapeOf(x);
    Shape s = x.shape();
    if (s.rank() == 1 && axis == 0) {
      return all(op, x);
    }
    if (s.rank() != 2 || axis < 0 || axis > 1) {
      throw new ShapeException(
          op.name().toLowerCase(java.util.Locale.ROOT)
              + ": cannot reduce a tensor of shape "
              + s
              + " along axis "
              + axis);
    }
    int m = s.rows();
    int n = s.cols();
    if (axis == 0) {
      return new Reduce(tape, Shape.vector(n), op, x, n, m, 1, n);
    }
    return new Reduce(tape, Shape.vector(m), op, x, m, n, n, 1);
  }

  private static double reduce(Op op, double[] x, int start, int stride, int len) {
    switch (op) {
      case SUM:
        return sum(x, start, stride, len);
      case MEAN:
        return sum(x, start, stride, len) / len;
      case MAX:
        {
          double m = Double.NEGATIVE_INFINITY;
          for (int i = 0, k = start; i < len; i++, k += stride) {
            if (x[k] > m || Double.isNaN(x[k])) {
              m = x[k];
              if (Double.isNaN(m)) {
                return m;
              }
            }
          }
          return m;
        }
      case MIN:
        {
          double m = Double.POSITIVE_INFINITY;
          for (int i = 0, k = start; i < len; i++, k += stride) {
            if (x[k] < m || Double.isNaN(x[k])) {
              m = x[k];
              if (Double.isNaN(m)) {
                return m;
              }
            }
          }
          return m;
        }
      case LOG_SUM_EXP:
        {
          double m = Double.NEGATIVE_INFINITY;
          for (int i = 0, k = start; i < len; i++, k += stride) {
            if (x[k] > m) {
              m = x[k];
            }
          }
          if (Double.isInfinite(m)) {
            return sumOrNan(x, start, stride, len, m); // NaN beside an infinity stays NaN
          }
          double s = 0;
          for (int i = 0, k = start; i < len; i++, k += stride) {
            s += Math.exp(x[k] - m);
          }
          return m + Math.log(s);
        }
      default:
        throw new AssertionError(op);
    }
  }

  private static double sumOrNan(double[] x, int start, int stride, int len, double m) {
    for (int i = 0, k = start; i < len; i++, k += stride) {
      if (Double.isNaN(x[k])) {
        return Double.NaN;
      }
    }
    return m;
  }

  private static double sum(double[] x, int start, int stride, int len) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    int k = start;
    if (stride == 1) {
      for (; i + 3 < len; i += 4, k += 4) {
        s0 += x[k];
        s1 += x[k + 1];
        s2 += x[k + 2];
        s3 += x[k + 3];
      }
    }
    for (; i < len; i++, k += stride) {
      s0 += x[k];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  protected void backward() {
    double[] gx = gradOf(x);
    if (gx == null) {
      return;
    }
    double[] g = outGrad();
    double[] xv = valueOf(x);
    double[] y = out();
    for (int grp = 0; grp < groups; grp++) {
      double gy = g[grp];
      int start = grp * groupStride;
      switch (op) {
        case SUM:
          for (int i = 0, k = start; i < len; i++, k += elemStride) {
            gx[k] += gy;
          }
          break;
        case MEAN:
          double gm = gy / len;
          for (int i = 0, k = start; i < len; i++, k += elemStride) {
            gx[k] += gm;
          }
          break;
        case MAX:
        case MIN:
          for (int i = 0, k = start; i < len; i++, k += elemStride) {
            if (xv[k] == y[grp]) {
              gx[k] += gy;
              break;
            }
          }
          break;
        case LOG_SUM_EXP:
          double lse = y[grp];
          if (lse == Double.NEGATIVE_INFINITY) {
            break;
          }
          for (int i = 0, k = start; i < len; i++, k += elemStride) {
            gx[k] += gy * Math.exp(xv[k] - lse);
          }
          break;
        default:
          throw new AssertionError(op);
      }
    }
  }
}
