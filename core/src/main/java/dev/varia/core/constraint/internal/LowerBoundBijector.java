package dev.varia.core.constraint.internal;

import dev.varia.core.ad.Node;

/**
 * {@code x = lower + exp(u)} onto (lower, infinity), log |J| = sum(u) (Stan's lower-bound
 * transform). The bound is a tape value, so gradients reach whatever it was computed from.
 */
public final class LowerBoundBijector extends ElementwiseBijector {
  private final Node lower;

  /** A bijector onto values above {@code lower} (which broadcasts to the value's shape). */
  public LowerBoundBijector(Node lower) {
    this.lower = lower;
  }

  @Override
  public Node forward(Node u) {
    checkBound("lower bound", lower, u.shape());
    return u.exp().add(lower);
  }

  @Override
  public Node inverse(Node x) {
    checkBound("lower bound", lower, x.shape());
    return x.sub(lower).log();
  }

  @Override
  public Node logAbsDetJacobian(Node u) {
    return u.sum();
  }
}
