package dev.varia.core.constraint.internal;

import dev.varia.core.ad.Node;

/**
 * {@code x = log(1 + exp(u))} onto (0, infinity): grows linearly rather than exponentially, which
 * some optimisers prefer for scales. log |J| = sum(log sigmoid(u)); the inverse {@code u = x +
 * log(-expm1(-x))} is accurate for small x (where it is about log x) and large x.
 */
public final class SoftplusBijector extends ElementwiseBijector {
  @Override
  public Node forward(Node u) {
    return u.softplus();
  }

  @Override
  public Node inverse(Node x) {
    return x.add(x.neg().expm1().neg().log());
  }

  @Override
  public Node logAbsDetJacobian(Node u) {
    return u.logSigmoid().sum();
  }
}
