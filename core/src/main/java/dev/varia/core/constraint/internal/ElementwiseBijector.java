package dev.varia.core.constraint.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.ShapeException;
import dev.varia.core.constraint.Bijector;

/** A bijector acting on each element separately: the shapes on both sides agree. */
abstract class ElementwiseBijector implements Bijector {
  @Override
  public Shape unconstrainedShape(Shape constrained) {
    return constrained;
  }

  @Override
  public Shape constrainedShape(Shape unconstrained) {
    return unconstrained;
  }

  /**
   * Checks that a bound broadcasts to the value's shape without enlarging it (a bound may be a
   * scalar, or have the value's shape, or broadcast along a missing or one-element dimension).
   */
  static void checkBound(String what, Node bound, Shape value) {
    Shape joint = Shape.broadcast(what, bound.shape(), value);
    if (!joint.equals(value)) {
      throw new ShapeException(
          what + " of shape " + bound.shape() + " does not fit a value of shape " + value);
    }
  }
}
