package dev.varia.core.constraint.internal;

import dev.varia.core.ad.Node;

/** The identity: the bijector of the real line. */
public final class IdentityBijector extends ElementwiseBijector {
  @Override
  public Node forward(Node u) {
    return u;
  }

  @Override
  public Node inverse(Node x) {
    return x;
  }

  @Override
  public Node logAbsDetJacobian(Node u) {
    return u.tape().constant(0.0);
  }
}
