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
    if (y.length == 1 && av.length == 1 && bv.length == 1) {
      // scalars: the same expressions as the loops, without their set-up
      y[0] = apply(op, av[0], bv[0]);
    } else if (av.length == y.length && bv.length == y.length) {
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
    double[] g = outGrad();
    double[] av = valueOf(a);
    double[] bv = valueOf(b);
    double[] y = out();
    int n = y.length;
    // a's contribution is written before b's is asked for: a and b may be the same node.
    if (n == 1 && av.length == 1 && bv.length == 1) {
      backScalars(g[0], av[0], bv[0], y[0]);
    } else if (av.length == n && bv.length == n) {
      double[] ga = gradToOverwrite(a);
      if (ga != null) {
        backSameA(ga, true, g, av, bv, y);
      } else if ((ga = gradOf(a)) != null) {
        backSameA(ga, false, g, av, bv, y);
      }
      double[] gb = gradToOverwrite(b);
      if (gb != null) {
        backSameB(gb, true, g, av, bv, y);
      } else if ((gb = gradOf(b)) != null) {
        backSameB(gb, false, g, av, bv, y);
      }
    } else if (bv.length == 1 && av.length == n) {
      double b0 = bv[0];
      double[] ga = gradToOverwrite(a);
      if (ga != null) {
        backScalarRightA(ga, true, g, av, b0, y);
      } else if ((ga = gradOf(a)) != null) {
        backScalarRightA(ga, false, g, av, b0, y);
      }
      double[] gb = gradOf(b);
      if (gb != null) {
        gb[0] += backScalarRightB(g, av, b0, y);
      }
    } else if (av.length == 1 && bv.length == n) {
      double a0 = av[0];
      double[] ga = gradOf(a);
      if (ga != null) {
        double s;
        switch (op) {
          case ADD:
          case SUB:
            s = VectorKernels.sum(g, n);
            break;
          case MUL:
            s = VectorKernels.dot(g, bv, n);
            break;
          default:
            s = 0;
            for (int i = 0; i < n; i++) {
              s += g[i] * partialA(op, a0, bv[i], y[i]);
            }
        }
        ga[0] += s;
      }
      double[] gb = gradToOverwrite(b);
      boolean assign = gb != null;
      if (!assign) {
        gb = gradOf(b);
      }
      if (gb != null) {
        backScalarLeftB(gb, assign, g, a0, bv, y);
      }
    } else {
      double[] ga = gradOf(a);
      double[] gb = gradOf(b);
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

  /** Both gradients for one-element operands, by the formulas of the same-shape loops. */
  private void backScalars(double g, double x, double z, double v) {
    double[] ga = gradToOverwrite(a);
    boolean assign = ga != null;
    if (!assign) {
      ga = gradOf(a);
    }
    if (ga != null) {
      double d;
      switch (op) {
        case ADD:
        case SUB:
          d = g;
          break;
        case MUL:
          d = g * z;
          break;
        case DIV:
          d = g / z;
          break;
        default:
          d = g * partialA(op, x, z, v);
      }
      if (assign) {
        ga[0] = d;
      } else {
        ga[0] += d;
      }
    }
    double[] gb = gradToOverwrite(b);
    assign = gb != null;
    if (!assign) {
      gb = gradOf(b);
    }
    if (gb != null) {
      double d;
      switch (op) {
        case ADD:
          d = g;
          break;
        case SUB:
          d = -g;
          break;
        case MUL:
          d = g * x;
          break;
        default:
          d = g * partialB(op, x, z, v);
      }
      if (assign) {
        gb[0] = d;
      } else {
        gb[0] += d;
      }
    }
  }

  /**
   * Adds (or, with {@code assign}, writes into an untouched buffer) the gradient of a vector a
   * whose partner b is the scalar b0.
   */
  private void backScalarRightA(
      double[] ga, boolean assign, double[] g, double[] av, double b0, double[] y) {
    int n = g.length;
    switch (op) {
      case ADD:
      case SUB:
        if (assign) {
          System.arraycopy(g, 0, ga, 0, n);
        } else {
          for (int i = 0; i < n; i++) {
            ga[i] += g[i];
          }
        }
        return;
      case MUL:
      case DIV:
        // d(a * b0)/da = b0; d(a / b0)/da = 1 / b0 (computed once, as partialA does per element)
        double f = op == Op.MUL ? b0 : 1.0 / b0;
        if (assign) {
          for (int i = 0; i < n; i++) {
            ga[i] = g[i] * f;
          }
        } else {
          for (int i = 0; i < n; i++) {
            ga[i] += g[i] * f;
          }
        }
        return;
      default:
        if (assign) {
          java.util.Arrays.fill(ga, 0.0);
        }
        for (int i = 0; i < n; i++) {
          ga[i] += g[i] * partialA(op, av[i], b0, y[i]);
        }
    }
  }

  /** The gradient of the scalar b0 against a vector a: a sum over the elements. */
  private double backScalarRightB(double[] g, double[] av, double b0, double[] y) {
    int n = g.length;
    switch (op) {
      case ADD:
        return VectorKernels.sum(g, n);
      case SUB:
        return -VectorKernels.sum(g, n);
      case MUL:
        return VectorKernels.dot(g, av, n);
      case DIV:
        // sum(g * (-y / b0)) with the constant factor taken out of the sum
        return -VectorKernels.dot(g, y, n) / b0;
      default:
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += g[i] * partialB(op, av[i], b0, y[i]);
        }
        return s;
    }
  }

  /** The gradient of a vector b whose partner a is the scalar a0. */
  private void backScalarLeftB(
      double[] gb, boolean assign, double[] g, double a0, double[] bv, double[] y) {
    int n = g.length;
    switch (op) {
      case ADD:
        if (assign) {
          System.arraycopy(g, 0, gb, 0, n);
        } else {
          for (int i = 0; i < n; i++) {
            gb[i] += g[i];
          }
        }
        return;
      case SUB:
        if (assign) {
          for (int i = 0; i < n; i++) {
            gb[i] = -g[i];
          }
        } else {
          for (int i = 0; i < n; i++) {
            gb[i] -= g[i];
          }
        }
        return;
      case MUL:
        if (assign) {
          for (int i = 0; i < n; i++) {
            gb[i] = g[i] * a0;
          }
        } else {
          for (int i = 0; i < n; i++) {
            gb[i] += g[i] * a0;
          }
        }
        return;
      default:
        if (assign) {
          java.util.Arrays.fill(gb, 0.0);
        }
        for (int i = 0; i < n; i++) {
          gb[i] += g[i] * partialB(op, a0, bv[i], y[i]);
        }
    }
  }

  private void backSameA(
      double[] ga, boolean assign, double[] g, double[] av, double[] bv, double[] y) {
    int n = g.length;
    switch (op) {
      case ADD:
      case SUB:
        if (assign) {
          System.arraycopy(g, 0, ga, 0, n);
        } else {
          for (int i = 0; i < n; i++) {
            ga[i] += g[i];
          }
        }
        break;
      case MUL:
        if (assign) {
          for (int i = 0; i < n; i++) {
            ga[i] = g[i] * bv[i];
          }
        } else {
          for (int i = 0; i < n; i++) {
            ga[i] += g[i] * bv[i];
          }
        }
        break;
      case DIV:
        if (assign) {
          for (int i = 0; i < n; i++) {
            ga[i] = g[i] / bv[i];
          }
        } else {
          for (int i = 0; i < n; i++) {
            ga[i] += g[i] / bv[i];
          }
        }
        break;
      default:
        if (assign) {
          java.util.Arrays.fill(ga, 0.0);
        }
        for (int i = 0; i < n; i++) {
          ga[i] += g[i] * partialA(op, av[i], bv[i], y[i]);
        }
    }
  }

  private void backSameB(
      double[] gb, boolean assign, double[] g, double[] av, double[] bv, double[] y) {
    int n = g.length;
    switch (op) {
      case ADD:
        if (assign) {
          System.arraycopy(g, 0, gb, 0, n);
        } else {
          for (int i = 0; i < n; i++) {
            gb[i] += g[i];
          }
        }
        break;
      case SUB:
        if (assign) {
          for (int i = 0; i < n; i++) {
            gb[i] = -g[i];
          }
        } else {
          for (int i = 0; i < n; i++) {
            gb[i] -= g[i];
          }
        }
        break;
      case MUL:
        if (assign) {
          for (int i = 0; i < n; i++) {
            gb[i] = g[i] * av[i];
          }
        } else {
          for (int i = 0; i < n; i++) {
            gb[i] += g[i] * av[i];
          }
        }
        break;
      default:
        if (assign) {
          java.util.Arrays.fill(gb, 0.0);
        }
        for (int i = 0; i < n; i++) {
          gb[i] += g[i] * partialB(op, av[i], bv[i], y[i]);
        }
    }
  }
}
