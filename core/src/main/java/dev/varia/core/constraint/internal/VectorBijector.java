package dev.varia.core.constraint.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.ShapeException;
import dev.varia.core.constraint.Bijector;

/**
 * A bijector between vectors (of possibly different lengths), applied to a vector, or to each row
 * of a matrix (one node per row: meant for a handful of rows, such as the rows of a transition
 * matrix).
 */
abstract class VectorBijector implements Bijector {
  /** The name of the constrained set, for messages. */
  abstract String name();

  /** Length of the constrained vector for an unconstrained one of length n, or -1 if none fits. */
  abstract int constrainedLength(int n);

  /** Length of the unconstrained vector for a constrained one of length k, or -1 if none fits. */
  abstract int unconstrainedLength(int k);

  /** The constrained vector for the unconstrained vector u, and (if asked) log |J|. */
  abstract Transformed forwardVector(Node u, boolean withLogDet);

  /** The unconstrained vector for the constrained vector x. */
  abstract Node inverseVector(Node x);

  @Override
  public Node forward(Node u) {
    return apply(u, false).value();
  }

  @Override
  public Node logAbsDetJacobian(Node u) {
    return apply(u, true).logDet();
  }

  @Override
  public Transformed forwardWithLogDet(Node u) {
    return apply(u, true);
  }

  @Override
  public Node inverse(Node x) {
    Shape s = x.shape();
    int n = length(unconstrainedLength(vectorLength(s, "constrained")), s, "constrained");
    if (s.isVector()) {
      return inverseVector(x);
    }
    Node[] rows = new Node[s.rows()];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = inverseVector(x.index(r));
    }
    return Node.concat(rows).reshape(Shape.matrix(s.rows(), n));
  }

  @Override
  public Shape unconstrainedShape(Shape constrained) {
    int n =
        length(
            unconstrainedLength(vectorLength(constrained, "constrained")),
            constrained,
            "constrained");
    return constrained.isVector() ? Shape.vector(n) : Shape.matrix(constrained.rows(), n);
  }

  @Override
  public Shape constrainedShape(Shape unconstrained) {
    int k =
        length(
            constrainedLength(vectorLength(unconstrained, "unconstrained")),
            unconstrained,
            "unconstrained");
    return unconstrained.isVector() ? Shape.vector(k) : Shape.matrix(unconstrained.rows(), k);
  }

  private Transformed apply(Node u, boolean withLogDet) {
    Shape s = u.shape();
    int k = length(constrainedLength(vectorLength(s, "unconstrained")), s, "unconstrained");
    if (s.isVector()) {
      return forwardVector(u, withLogDet);
    }
    Node[] rows = new Node[s.rows()];
    Node logDet = null;
    for (int r = 0; r < rows.length; r++) {
      Transformed t = forwardVector(u.index(r), withLogDet);
      rows[r] = t.value();
      if (withLogDet) {
        logDet = logDet == null ? t.logDet() : logDet.add(t.logDet());
      }
    }
    Node value = Node.concat(rows).reshape(Shape.matrix(s.rows(), k));
    return new Transformed(value, withLogDet ? logDet : null);
  }

  private int vectorLength(Shape s, String side) {
    if (s.isVector() || (s.isMatrix() && s.rows() > 0)) {
      return s.cols();
    }
    throw new ShapeException(
        "the "
            + name()
            + " transform needs a vector (or a matrix, row by row) on the "
            + side
            + " side, got shape "
            + s);
  }

  private int length(int len, Shape s, String side) {
    if (len < 0) {
      throw new ShapeException(
          "shape " + s + " does not fit the " + side + " side of the " + name() + " transform");
    }
    return len;
  }
}
