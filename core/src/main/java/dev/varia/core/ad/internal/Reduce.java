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
    LOG_SUM_EXP,
    /** Sum of the squares: {@code x.square().sum()} as one entry, without the squared buffer. */
    SUM_SQUARES
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
    if (columnwise()) {
      sumColumns(op, xv, y, len, groups);
      return;
    }
    for (int g = 0; g < groups; g++) {
      y[g] = reduce(op, xv, g * groupStride, elemStride, len);
    }
  }

  /**
   * True for a sum, mean or sum of squares down the rows of a matrix (axis 0): done row by row,
   * which reads the matrix in storage order and vectorises, instead of one strided walk per column.
   * The additions into each column's total happen in the same order, so the values are the same.
   */
  private boolean columnwise() {
    return elemStride > 1
        && groupStride == 1
        && (op == Op.SUM || op == Op.MEAN || op == Op.SUM_SQUARES);
  }

  private static void sumColumns(Op op, double[] x, double[] y, int rows, int cols) {
    java.util.Arrays.fill(y, 0, cols, 0.0);
    for (int i = 0; i < rows; i++) {
      int off = i * cols;
      if (op == Op.SUM_SQUARES) {
        for (int j = 0; j < cols; j++) {
          y[j] += x[off + j] * x[off + j];
        }
      } else {
        for (int j = 0; j < cols; j++) {
          y[j] += x[off + j];
        }
      }
    }
    if (op == Op.MEAN) {
      for (int j = 0; j < cols; j++) {
        y[j] /= rows;
      }
    }
  }

  /** The backward pass of {@link #columnwise()} reductions, row by row. */
  private void backColumns(double[] g) {
    double[] xv = valueOf(x);
    double[] gx = gradToOverwrite(x);
    boolean assign = gx != null;
    if (!assign) {
      gx = gradOf(x);
      if (gx == null) {
        return;
      }
    }
    int cols = groups;
    for (int i = 0; i < len; i++) {
      int off = i * cols;
      switch (op) {
        case SUM:
          if (assign) {
            System.arraycopy(g, 0, gx, off, cols);
          } else {
            for (int j = 0; j < cols; j++) {
              gx[off + j] += g[j];
            }
          }
          break;
        case MEAN:
          if (assign) {
            for (int j = 0; j < cols; j++) {
              gx[off + j] = g[j] / len;
            }
          } else {
            for (int j = 0; j < cols; j++) {
              gx[off + j] += g[j] / len;
            }
          }
          break;
        default:
          if (assign) {
            for (int j = 0; j < cols; j++) {
              gx[off + j] = 2 * g[j] * xv[off + j];
            }
          } else {
            for (int j = 0; j < cols; j++) {
              gx[off + j] += 2 * g[j] * xv[off + j];
            }
          }
      }
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
      case SUM_SQUARES:
        return sumSquares(x, start, stride, len);
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
    if (stride == 1) {
      return VectorKernels.sum(x, start, len);
    }
    double s = 0;
    for (int i = 0, k = start; i < len; i++, k += stride) {
      s += x[k];
    }
    return s;
  }

  /** As {@link #sum} of the squares, in the same order (so equal to squaring, then summing). */
  private static double sumSquares(double[] x, int start, int stride, int len) {
    if (stride == 1) {
      return VectorKernels.sumSquares(x, start, len);
    }
    double s = 0;
    for (int i = 0, k = start; i < len; i++, k += stride) {
      s += x[k] * x[k];
    }
    return s;
  }

  @Override
  protected void backward() {
    double[] g = outGrad();
    if (columnwise()) {
      backColumns(g);
      return;
    }
    if (op == Op.SUM || op == Op.MEAN) {
      double[] gx = gradToOverwrite(x);
      if (gx != null) {
        // the groups cover every element once: write the broadcast gradient
        for (int grp = 0; grp < groups; grp++) {
          double gy = op == Op.SUM ? g[grp] : g[grp] / len;
          if (elemStride == 1) {
            int start = grp * groupStride;
            java.util.Arrays.fill(gx, start, start + len, gy);
          } else {
            for (int i = 0, k = grp * groupStride; i < len; i++, k += elemStride) {
              gx[k] = gy;
            }
          }
        }
        return;
      }
    }
    if (op == Op.SUM_SQUARES) {
      backSumSquares(g);
      return;
    }
    double[] gx = gradOf(x);
    if (gx == null) {
      return;
    }
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

  /** d sum(x^2) / dx = 2 x, written into an untouched buffer or added. */
  private void backSumSquares(double[] g) {
    double[] xv = valueOf(x);
    double[] gx = gradToOverwrite(x);
    boolean assign = gx != null;
    if (!assign) {
      gx = gradOf(x);
      if (gx == null) {
        return;
      }
    }
    for (int grp = 0; grp < groups; grp++) {
      double g2 = 2 * g[grp];
      int start = grp * groupStride;
      if (elemStride == 1) {
        int end = start + len;
        if (assign) {
          for (int k = start; k < end; k++) {
            gx[k] = g2 * xv[k];
          }
        } else {
          for (int k = start; k < end; k++) {
            gx[k] += g2 * xv[k];
          }
        }
      } else if (assign) {
        for (int i = 0, k = start; i < len; i++, k += elemStride) {
          gx[k] = g2 * xv[k];
        }
      } else {
        for (int i = 0, k = start; i < len; i++, k += elemStride) {
          gx[k] += g2 * xv[k];
        }
      }
    }
  }
}
