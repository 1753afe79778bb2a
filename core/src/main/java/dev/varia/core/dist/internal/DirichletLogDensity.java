package dev.varia.core.dist.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.math.SpecialFunctions;

/**
 * The Dirichlet log density of simplex rows x under concentration rows alpha, per row or fused into
 * the sum: {@code lgamma(sum alpha) - sum lgamma(alpha) + sum (alpha - 1) log x}. Both are vectors
 * (K) or matrices of rows (a row vector broadcasts against a matrix). A row of x off the simplex
 * scores -infinity and passes no gradient. Gradients: {@code d/dalpha_j = psi(sum alpha) -
 * psi(alpha_j) + log x_j}, {@code d/dx_j = (alpha_j - 1) / x_j}.
 */
public final class DirichletLogDensity extends Node {
  private static final Constraint SIMPLEX = new Constraint.Simplex();

  private final Node x;
  private final Node alpha;
  private final int k;
  private final int[] xRow;
  private final int[] aRow;
  private final boolean[] inside;
  private final boolean sum;

  private DirichletLogDensity(Tape tape, Shape shape, Node x, Node alpha, int rows, boolean sum) {
    super(tape, shape, needsGrad(x, alpha));
    this.x = x;
    this.alpha = alpha;
    this.sum = sum;
    this.k = alpha.shape().cols();
    Shape rowShape = rows == 1 && shape.isScalar() ? Shape.SCALAR : Shape.vector(rows);
    Broadcast.Index ix = Broadcast.Index.of(rowsOf(x.shape()), rowShape);
    Broadcast.Index ia = Broadcast.Index.of(rowsOf(alpha.shape()), rowShape);
    double[] xv = valueOf(x);
    double[] av = valueOf(alpha);
    xRow = new int[rows];
    aRow = new int[rows];
    inside = new boolean[rows];
    double[] y = out();
    double total = 0;
    for (int r = 0; r < rows; r++) {
      int xr = ix.at(r) * k;
      int ar = ia.at(r) * k;
      xRow[r] = xr;
      aRow[r] = ar;
      inside[r] = Supports.rowIn(SIMPLEX, xv, xr, k);
      double lp;
      if (inside[r]) {
        double a0 = 0;
        lp = 0;
        for (int j = 0; j < k; j++) {
          double a = av[ar + j];
          a0 += a;
          lp += DistMath.multiplyLog(a - 1, xv[xr + j]) - SpecialFunctions.lgamma(a);
        }
        lp += SpecialFunctions.lgamma(a0);
      } else {
        lp = Double.NEGATIVE_INFINITY;
      }
      if (sum) {
        total += lp;
      } else {
        y[r] = lp;
      }
    }
    if (sum) {
      y[0] = total;
    }
  }

  private static Shape rowsOf(Shape s) {
    return s.isMatrix() ? Shape.vector(s.rows()) : Shape.SCALAR;
  }

  /** The log density per row (a scalar for a single row), or the sum with {@code sum}. */
  public static Node of(String dist, Node x, Node alpha, boolean sum) {
    Tape tape = tapeOf(x, alpha);
    if (x.shape().isScalar() || x.shape().cols() != alpha.shape().cols()) {
      throw new dev.varia.core.ad.ShapeException(
          dist
              + ": a value of shape "
              + x.shape()
              + " does not fit concentration of shape "
              + alpha.shape());
    }
    Shape rows = Broadcast.valueShape(dist, rowsOf(x.shape()), rowsOf(alpha.shape()));
    Shape shape = sum ? Shape.SCALAR : rows;
    return new DirichletLogDensity(tape, shape, x, alpha, rows.size(), sum);
  }

  @Override
  protected void backward() {
    double[] gx = gradOf(x);
    double[] ga = gradOf(alpha);
    double[] g = outGrad();
    double[] xv = valueOf(x);
    double[] av = valueOf(alpha);
    for (int r = 0; r < inside.length; r++) {
      double gr = g[sum ? 0 : r];
      if (!inside[r] || gr == 0) {
        continue;
      }
      int xr = xRow[r];
      int ar = aRow[r];
      if (ga != null) {
        double a0 = 0;
        for (int j = 0; j < k; j++) {
          a0 += av[ar + j];
        }
        double psi0 = SpecialFunctions.digamma(a0);
        for (int j = 0; j < k; j++) {
          ga[ar + j] += gr * (psi0 - SpecialFunctions.digamma(av[ar + j]) + Math.log(xv[xr + j]));
        }
      }
      if (gx != null) {
        for (int j = 0; j < k; j++) {
          gx[xr + j] += gr * (av[ar + j] - 1) / xv[xr + j];
        }
      }
    }
  }
}
