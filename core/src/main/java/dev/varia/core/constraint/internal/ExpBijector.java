package dev.varia.core.constraint.internal;

import dev.varia.core.ad.Node;

/** {@code x = exp(u)} onto (0, infinity), log |J| = sum(u); Stan's positive transform. */
public final class ExpBijector extends ElementwiseBijector {
  @Override
  public Node forward(Node u) {
    return u.exp();
  }

  @Override
  public Node inverse(Node x) {
    return x.log();
  }

  @Override
  public Node logAbsDetJacobian(Node u) {
    return u.sum();
  }
}
