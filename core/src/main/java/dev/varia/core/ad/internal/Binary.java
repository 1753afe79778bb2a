package dev.varia.core.ad.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;

/**
 * Elementwise functions of two tensors with broadcasting. Both operands are seen as row-major
 * matrices (a scalar is 1x1, a vector of length n is 1xn); a dimension of 1 stretches to the other
 * operand's. Same-shape and scalar operands take dedicated loops; other broadcasts a strided one.
 */
public final class Binary extends Node {
  /** The elementwise binary functions. */
  public enum Op {
    ADD("add"),
    SUB("sub"),
    MUL("mul"),
    DIV("div"),
    POW("pow"),
    MAX("maximum"),
    MIN("minimum");

    private final String label;

    Op(String label) {
      this.label = label;
    }
  }

  private final Op op;
  private final Node a;
  private final Node b;

  private Binary(Tape tape, Shape shape, Op op, Node a, Node b) {
    super(tape, shape, needsGrad(a, b));
    this.op = op;
    this.a = a;
    this.b = b;
    double[] av = valueOf(a);
    double[] bv = valueOf(b);
    double[] y = out();
    if (av.length == y.length && bv.length == y.length) {
      sameShape(op, av, bv, y);
    } else if (bv.length == 1 && av.length == y.length) {
      scalarRight(op, av, bv[0], y);
    } else if (av.length == 1 && bv.length == y.length) {
      scalarLeft(op, av[0], bv, y);
    } else {
      Strides s = new Strides(a.shape(), b.shape(), shape);
      for (int r = 0, k = 0; r < s.rows; r++) {
        int ia = r * s.aRow;
        int ib = r * s.bRow;
        for (int c = 0; c < s.cols; c++, k++) {
          y[k] = apply(op, av[ia + c * s.aCol], bv[ib + c * s.bCol]);
        }
      }
    }
  }

  /** Records {@code op(a, b)}. */
  public static Node of(Op op, Node a, Node b) {
    Tape tape = tapeOf(a, b);
    Shape shape = Shape.broadcast(op.label, a.shape(), b.shape());
    return new Binary(tape, shape, op, a, b);
  }

  /** Strides of both operands in the 2-D row-major view of the output. */
  private static final class Strides {
    final int rows;
    final int cols;
    final int aRow;
    final int aCol;
    final int bRow;
    final int bCol;

    Strides(Shape a, Shape b, Shape out) {
      rows = out.rows();
      cols = out.cols();
      aRow = a.rows() == rows ? a.cols() : 0;
      aCol = a.cols() == cols ? 1 : 0;
      bRow = b.rows() == rows ? b.cols() : 0;
      bCol = b.cols() == cols ? 1 : 0;
    }
  }

  private static double apply(Op op, double x, double y) {
    switch (op) {
      case ADD:
        return x + y;
      case SUB:
        return x - y;
      case MUL:
        return x * y;
      case DIV:
        return x / y;
      case POW:
        return Math.pow(x, y);
      case MAX:
        return x >= y || x != x ? x : y; // a NaN in either operand gives NaN
      case MIN:
        return x <= y || x != x ? x : y; // a NaN in either operand gives NaN
      default:
        throw new AssertionError(op);
    }
  }

  /** d op / d x at (x, y) with value v. */
  private static double partialA(Op op, double x, double y, double v) {
    switch (op) {
      case ADD:
      case SUB:
        return 1.0;
      case MUL:
        return y;
      case DIV:
        return 1.0 / y;
      case POW:
        return y == 0 ? 0.0 : y * Math.pow(x, y - 1);
      case MAX:
        return x >= y ? 1.0 : 0.0;
      case MIN:
        return x <= y ? 1.0 : 0.0;
      default:
        throw new AssertionError(op);
    }
  }

  /** d op / d y at (x, y) with value v. */
  private static double partialB(Op op, double x, double y, double v) {
    switch (op) {
      case ADD:
        return 1.0;
      case SUB:
        return -1.0;
      case MUL:
        return x;
      case DIV:
        return -v / y;
      case POW:
        return v == 0 ? 0.0 : v * Math.log(x);
      case MAX:
        return y > x ? 1.0 : 0.0;
      case MIN:
        return y < x ? 1.0 : 0.0;
      default:
        throw new AssertionError(op);
    }
  }

  private static void sameShape(Op op, double[] a, double[] b, double[] y) {
    int n = y.length;
    switch (op) {
      case ADD:
        for (int i = 0; i < n; i++) {
          y[i] = a[i] + b[i];
        }
        break;
      case SUB:
        for (int i = 0; i < n; i++) {
          y[i] = a[i] - b[i];
        }
        break;
      case MUL:
        for (int i = 0; i < n; i++) {
          y[i] = a[i] * b[i];
        }
        break;
      case DIV:
        for (int i = 0; i < n; i++) {
          y[i] = a[i] / b[i];
        }
        break;
      default:
        for (int i = 0; i < n; i++) {
          y[i] = apply(op, a[i], b[i]);
        }
    }
  }

  private static void scalarRight(Op op, double[] a, double b, double[] y) {
    int n = y.length;
    switch (op) {
      case ADD:
        for (int i = 0; i < n; i++) {
          y[i] = a[i] + b;
        }
        break;
      case SUB:
        for (int i = 0; i < n; i++) {
          y[i] = a[i] - b;
        }
        break;
      case MUL:
        for (int i = 0; i < n; i++) {
          y[i] = a[i] * b;
        }
        break;
      case DIV:
        double inv = 1.0 / b;
        for (int i = 0; i < n; i++) {
          y[i] = a[i] * inv;
        }
        break;
      case POW:
        if (b == 2.0) {
          for (int i = 0; i < n; i++) {
            y[i] = a[i] * a[i];
          }
          break;
        }
        for (int i = 0; i < n; i++) {
          y[i] = Math.pow(a[i], b);
        }
        break;
      default:
        for (int i = 0; i < n; i++) {
          y[i] = apply(op, a[i], b);
        }
    }
  }

  private static void scalarLeft(Op op, double a, double[] b, double[] y) {
    int n = y.length;
    switch (op) {
      case ADD:
        for (int i = 0; i < n; i++) {
          y[i] = a + b[i];
        }
        break;
      case SUB:
        for (int i = 0; i < n; i++) {
          y[i] = a - b[i];
        }
        break;
      case MUL:
        for (int i = 0; i < n; i++) {
          y[i] = a * b[i];
        }
        break;
      default:
        for (int i = 0; i < n; i++) {
          y[i] = apply(op, a, b[i]);
        }
    }
  }

  @Override
  protected void backward() {
    double[] ga = gradOf(a);
    double[] gb = gradOf(b);
    double[] g = outGrad();
    double[] av = valueOf(a);
    double[] bv = valueOf(b);
    double[] y = out();
    int n = y.length;
    if (av.length == n && bv.length == n) {
      if (ga != null) {
        backSameA(ga, g, av, bv, y);
      }
      if (gb != null) {
        backSameB(gb, g, av, bv, y);
      }
    } else if (bv.length == 1 && av.length == n) {
      double b0 = bv[0];
      if (ga != null) {
        switch (op) {
          case ADD:
          case SUB:
            for (int i = 0; i < n; i++) {
              ga[i] += g[i];
            }
            break;
          case MUL:
            for (int i = 0; i < n; i++) {
              ga[i] += g[i] * b0;
            }
            break;
          default:
            for (int i = 0; i < n; i++) {
              ga[i] += g[i] * partialA(op, av[i], b0, y[i]);
            }
        }
      }
      if (gb != null) {
        double s = 0;
        switch (op) {
          case ADD:
            for (int i = 0; i < n; i++) {
              s += g[i];
            }
            break;
          case SUB:
            for (int i = 0; i < n; i++) {
              s -= g[i];
            }
            break;
          case MUL:
            for (int i = 0; i < n; i++) {
              s += g[i] * av[i];
            }
            break;
          default:
            for (int i = 0; i < n; i++) {
              s += g[i] * partialB(op, av[i], b0, y[i]);
            }
        }
        gb[0] += s;
      }
    } else if (av.length == 1 && bv.length == n) {
      double a0 = av[0];
      if (ga != null) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += g[i] * partialA(op, a0, bv[i], y[i]);
        }
        ga[0] += s;
      }
      if (gb != null) {
        for (int i = 0; i < n; i++) {
          gb[i] += g[i] * partialB(op, a0, bv[i], y[i]);
        }
      }
    } else {
      Strides s = new Strides(a.shape(), b.shape(), shape());
      for (int r = 0, k = 0; r < s.rows; r++) {
        int ia0 = r * s.aRow;
        int ib0 = r * s.bRow;
        for (int c = 0; c < s.cols; c++, k++) {
          int ia = ia0 + c * s.aCol;
          int ib = ib0 + c * s.bCol;
          if (ga != null) {
            ga[ia] += g[k] * partialA(op, av[ia], bv[ib], y[k]);
          }
          if (gb != null) {
            gb[ib] += g[k] * partialB(op, av[ia], bv[ib], y[k]);
          }
        }
      }
    }
  }

  private void backSameA(double[] ga, double[] g, double[] av, double[] bv, double[] y) {
    int n = g.length;
    switch (op) {
      case ADD:
      case SUB:
        for (int i = 0; i < n; i++) {
          ga[i] += g[i];
        }
        break;
      case MUL:
        for (int i = 0; i < n; i++) {
          ga[i] += g[i] * bv[i];
        }
        break;
      case DIV:
        for (int i = 0; i < n; i++) {
          ga[i] += g[i] / bv[i];
        }
        break;
      default:
        for (int i = 0; i < n; i++) {
          ga[i] += g[i] * partialA(op, av[i], bv[i], y[i]);
        }
    }
  }

  private void backSameB(double[] gb, double[] g, double[] av, double[] bv, double[] y) {
    int n = g.length;
    switch (op) {
      case ADD:
        for (int i = 0; i < n; i++) {
          gb[i] += g[i];
        }
        break;
      case SUB:
        for (int i = 0; i < n; i++) {
          gb[i] -= g[i];
        }
        break;
      case MUL:
        for (int i = 0; i < n; i++) {
          gb[i] += g[i] * av[i];
        }
        break;
      default:
        for (int i = 0; i < n; i++) {
          gb[i] += g[i] * partialB(op, av[i], bv[i], y[i]);
        }
    }
  }
}
