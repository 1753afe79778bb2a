package dev.varia.core.constraint;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;

/**
 * A differentiable bijection from unconstrained reals onto a constrained set, with its log absolute
 * Jacobian determinant. Automatic guides and parameters live on the unconstrained side.
 */
public interface Bijector {
  /** The constrained value for an unconstrained one. */
  Node forward(Node unconstrained);

  /** The unconstrained value for a constrained one. */
  Node inverse(Node constrained);

  /**
   * log |det d forward(u) / du|, summed over all elements (a scalar), at the unconstrained point
   * {@code u}. For maps onto a set of lower dimension than their values (a K-simplex, Cholesky
   * factors) the Jacobian is that of the map onto the free coordinates, as in Stan: the first K - 1
   * elements of a simplex, the strict lower triangle of a correlation Cholesky factor, the lower
   * triangle of a covariance Cholesky factor.
   */
  Node logAbsDetJacobian(Node unconstrained);

  /** The constrained value and the log-Jacobian together (override to share work). */
  default Transformed forwardWithLogDet(Node unconstrained) {
    return new Transformed(forward(unconstrained), logAbsDetJacobian(unconstrained));
  }

  /**
   * Shape of the unconstrained value for a constrained shape (a K-simplex has K - 1 free values).
   */
  Shape unconstrainedShape(Shape constrained);

  /** Shape of the constrained value for an unconstrained shape. */
  Shape constrainedShape(Shape unconstrained);

  /** A constrained value and the log absolute Jacobian determinant of the map that gave it. */
  record Transformed(Node value, Node logDet) {}
}
