package dev.varia.core.constraint.internal;

import dev.varia.core.ad.Node;

/**
 * {@code x = sigmoid(u)} onto (0, 1), log |J| = sum(log sigmoid(u) + log sigmoid(-u)); the inverse
 * {@code log x - log1p(-x)} keeps its digits near both 0 and 1.
 */
public final class LogisticBijector extends ElementwiseBijector {
  @Override
  public Node forward(Node u) {
    return u.sigmoid();
  }

  @Override
  public Node inverse(Node x) {
    return x.log().sub(x.neg().log1p());
  }

  @Override
  public Node logAbsDetJacobian(Node u) {
    return u.logSigmoid().add(u.neg().logSigmoid()).sum();
  }
}
