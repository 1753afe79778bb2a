package dev.varia.core.constraint.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.ShapeException;
import dev.varia.core.ad.Tape;
import dev.varia.core.constraint.Bijector;

/**
 * Stan's transform onto Cholesky factors of K x K covariance matrices (lower triangular, positive
 * diagonal): K(K + 1)/2 unconstrained values fill the lower triangle row by row, the diagonal ones
 * through exp. log |J|, of the map to the lower triangle, is the sum of the unconstrained diagonal
 * values.
 */
public final class CovCholeskyBijector implements Bijector {
  @Override
  public Node forward(Node u) {
    int k = dimension(u.shape());
    Tape tape = u.tape();
    Layout lay = new Layout(k);
    if (k == 1) {
      return u.exp().reshape(Shape.matrix(1, 1));
    }
    Node v = Node.concat(u.gather(lay.offInU), u.gather(lay.diagInU).exp(), tape.constant(0.0));
    return v.gather(lay.matrixFromV).reshape(Shape.matrix(k, k));
  }

  @Override
  public Node logAbsDetJacobian(Node u) {
    int k = dimension(u.shape());
    return u.gather(new Layout(k).diagInU).sum();
  }

  @Override
  public Node inverse(Node x) {
    Shape s = x.shape();
    if (!s.isSquare()) {
      throw new ShapeException(
          "a Cholesky factor of a covariance matrix is a square matrix, got shape " + s);
    }
    int k = s.rows();
    Layout lay = new Layout(k);
    Node flat = x.reshape(Shape.vector(k * k));
    Node logDiag = flat.gather(lay.diagInMatrix).log();
    if (k == 1) {
      return logDiag;
    }
    return Node.concat(flat.gather(lay.offInMatrix), logDiag).gather(lay.uFromParts);
  }

  @Override
  public Shape unconstrainedShape(Shape constrained) {
    if (!constrained.isSquare()) {
      throw new ShapeException(
          "a Cholesky factor of a covariance matrix is a square matrix, got shape " + constrained);
    }
    int k = constrained.rows();
    return Shape.vector(k * (k + 1) / 2);
  }

  @Override
  public Shape constrainedShape(Shape unconstrained) {
    int k = dimension(unconstrained);
    return Shape.matrix(k, k);
  }

  /** K from a vector of K(K + 1)/2 values. */
  private static int dimension(Shape s) {
    if (s.isVector() && s.cols() > 0) {
      int n = s.cols();
      int k = (int) Math.round((Math.sqrt(1 + 8.0 * n) - 1) / 2);
      if (k * (k + 1) / 2 == n) {
        return k;
      }
    }
    throw new ShapeException(
        "the covariance-Cholesky transform needs a vector of K(K+1)/2 values (1, 3, 6, 10, ...),"
            + " got shape "
            + s);
  }

  /**
   * Index maps between the unconstrained vector u (row-major lower triangle), the parts (strict
   * lower triangle, then diagonal, then a zero) and the row-major K x K matrix.
   */
  private static final class Layout {
    final int[] offInU;
    final int[] diagInU;
    final int[] offInMatrix;
    final int[] diagInMatrix;
    final int[] matrixFromV;
    final int[] uFromParts;

    Layout(int k) {
      int nOff = k * (k - 1) / 2;
      offInU = new int[nOff];
      diagInU = new int[k];
      offInMatrix = new int[nOff];
      diagInMatrix = new int[k];
      matrixFromV = new int[k * k];
      uFromParts = new int[nOff + k];
      java.util.Arrays.fill(matrixFromV, nOff + k); // the zero above the diagonal
      int pos = 0;
      int off = 0;
      for (int r = 0; r < k; r++) {
        for (int c = 0; c < r; c++) {
          offInU[off] = pos;
          offInMatrix[off] = r * k + c;
          matrixFromV[r * k + c] = off;
          uFromParts[pos] = off;
          off++;
          pos++;
        }
        diagInU[r] = pos;
        diagInMatrix[r] = r * k + r;
        matrixFromV[r * k + r] = nOff + r;
        uFromParts[pos] = nOff + r;
        pos++;
      }
    }
  }
}
