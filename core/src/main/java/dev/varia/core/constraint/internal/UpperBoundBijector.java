package dev.varia.core.constraint.internal;

import dev.varia.core.ad.Node;

/** {@code x = upper - exp(u)} onto (-infinity, upper), log |J| = sum(u) (Stan's transform). */
public final class UpperBoundBijector extends ElementwiseBijector {
  private final Node upper;

  /** A bijector onto values below {@code upper} (which broadcasts to the value's shape). */
  public UpperBoundBijector(Node upper) {
    this.upper = upper;
  }

  @Override
  public Node forward(Node u) {
    checkBound("upper bound", upper, u.shape());
    return upper.sub(u.exp());
  }

  @Override
  public Node inverse(Node x) {
    checkBound("upper bound", upper, x.shape());
    return upper.sub(x).log();
  }

  @Override
  public Node logAbsDetJacobian(Node u) {
    return u.sum();
  }
}
