package dev.varia.core.constraint.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.ShapeException;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Bijector;

/**
 * Stan's transform onto Cholesky factors of K x K correlation matrices ("Cholesky factors of
 * correlation matrices" in the reference manual): K(K - 1)/2 unconstrained values, read row by row
 * into the strict lower triangle, become canonical partial correlations {@code z = tanh(y)}, and
 * row i of L is {@code w_ij = z_ij sqrt(r_j)} for j < i and {@code w_ii = sqrt(r_i)}, with {@code
 * r_j = 1 - w_i1^2 - ... - w_i(j-1)^2 = prod_(j'<j) (1 - z_ij'^2)} the squared length left in the
 * row (so rows have unit length). log |J|, of the map to the strict lower triangle, is {@code
 * sum_(i>j) log(1 - z_ij^2) + (1/2) sum_(i>j>1) log r_j}.
 *
 * <p>Numerics: {@code log(1 - tanh(y)^2) = 2 (log 2 - |y| - softplus(-2|y|))} and {@code log r_j}
 * is its running sum, so nothing cancels for large |y|. The inverse reads {@code r_j} as the suffix
 * sum {@code w_ij^2 + ... + w_ii^2} and forms {@code atanh(w_ij / sqrt(r_j))} as {@code
 * log(sqrt(r_j) + |w_ij|) - log(r_(j+1)) / 2} (with the sign of w_ij), exact where a partial
 * correlation is close to +-1.
 */
public final class CorrCholeskyBijector implements Bijector {
  private static final double LOG_TWO = Math.log(2);

  @Override
  public Node forward(Node u) {
    return transform(u, false).value();
  }

  @Override
  public Node logAbsDetJacobian(Node u) {
    return transform(u, true).logDet();
  }

  @Override
  public Transformed forwardWithLogDet(Node u) {
    return transform(u, true);
  }

  private Transformed transform(Node u, boolean withLogDet) {
    int k = dimension(u.shape());
    Tape tape = u.tape();
    Node[] rows = new Node[k];
    rows[0] = tape.constant(unitRow(k), Shape.vector(k));
    Node logDet = tape.constant(0.0);
    int pos = 0;
    for (int i = 1; i < k; i++) {
      Node y = u.slice(pos, pos + i);
      pos += i;
      Node z = y.tanh();
      Node absY = y.abs();
      // log(1 - z^2), elementwise, without cancellation
      Node log1mZ2 = absY.neg().sub(absY.mul(-2).softplus()).add(LOG_TWO).mul(2);
      // log r_0 = 0, log r_(j+1) = log r_j + log(1 - z_j^2)
      Node logR = Node.concat(tape.constant(0.0), CumulativeSum.of(log1mZ2, false));
      Node sqrtR = logR.mul(0.5).exp();
      Node row = Node.concat(z.mul(sqrtR.slice(0, i)), sqrtR.slice(i, i + 1));
      rows[i] =
          i + 1 < k
              ? Node.concat(row, tape.constant(new double[k - i - 1], Shape.vector(k - i - 1)))
              : row;
      if (withLogDet) {
        logDet = logDet.add(log1mZ2.sum());
        if (i >= 2) {
          logDet = logDet.add(logR.slice(1, i).sum().mul(0.5));
        }
      }
    }
    Node l = k == 1 ? rows[0] : Node.concat(rows);
    return new Transformed(l.reshape(Shape.matrix(k, k)), withLogDet ? logDet : null);
  }

  @Override
  public Node inverse(Node x) {
    Shape s = x.shape();
    if (!s.isSquare()) {
      throw new ShapeException(
          "a Cholesky factor of a correlation matrix is a square matrix, got shape " + s);
    }
    int k = s.rows();
    Tape tape = x.tape();
    if (k == 1) {
      return tape.constant(new double[0], Shape.vector(0));
    }
    Node[] parts = new Node[k - 1];
    for (int i = 1; i < k; i++) {
      Node w = x.index(i).slice(0, i + 1);
      Node suffix = CumulativeSum.of(w.square(), true);
      Node r = suffix.slice(0, i);
      Node logRNext = suffix.slice(1, i + 1).log();
      Node wj = w.slice(0, i);
      Node sqrtR = r.sqrt();
      Node ifPositive = sqrtR.add(wj).log().sub(logRNext.mul(0.5));
      Node ifNegative = logRNext.mul(0.5).sub(sqrtR.sub(wj).log());
      parts[i - 1] = Node.where(nonNegativeMask(wj), ifPositive, ifNegative);
    }
    return parts.length == 1 ? parts[0] : Node.concat(parts);
  }

  @Override
  public Shape unconstrainedShape(Shape constrained) {
    if (!constrained.isSquare()) {
      throw new ShapeException(
          "a Cholesky factor of a correlation matrix is a square matrix, got shape " + constrained);
    }
    int k = constrained.rows();
    return Shape.vector(k * (k - 1) / 2);
  }

  @Override
  public Shape constrainedShape(Shape unconstrained) {
    int k = dimension(unconstrained);
    return Shape.matrix(k, k);
  }

  /** K from a vector of K(K - 1)/2 values. */
  private static int dimension(Shape s) {
    if (s.isVector()) {
      int n = s.cols();
      int k = (int) Math.round((1 + Math.sqrt(1 + 8.0 * n)) / 2);
      if (k * (k - 1) / 2 == n) {
        return k;
      }
    }
    throw new ShapeException(
        "the correlation-Cholesky transform needs a vector of K(K-1)/2 values (0, 1, 3, 6, 10,"
            + " ...), got shape "
            + s);
  }

  private static double[] unitRow(int k) {
    double[] r = new double[k];
    r[0] = 1;
    return r;
  }

  private static Node nonNegativeMask(Node w) {
    double[] m = new double[w.size()];
    for (int i = 0; i < m.length; i++) {
      m[i] = w.get(i) >= 0 ? 1 : 0;
    }
    return w.tape().constant(Tensor.wrap(m, w.shape()));
  }
}
