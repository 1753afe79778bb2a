package dev.varia.core.constraint.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tensor;

/**
 * {@code x = lower + (upper - lower) sigmoid(u)} onto (lower, upper) (Stan's lower-upper bound
 * transform), with log |J| = sum(log(upper - lower) + log sigmoid(u) + log sigmoid(-u)).
 *
 * <p>For u > 0 the value is formed as {@code upper - (upper - lower) sigmoid(-u)}, so a value close
 * to either bound keeps its distance to that bound to full relative precision; the inverse {@code u
 * = log(x - lower) - log(upper - x)} uses those distances directly. Both bounds are tape values and
 * receive gradients.
 */
public final class IntervalBijector extends ElementwiseBijector {
  private final Node lower;
  private final Node upper;

  /** A bijector onto (lower, upper); each bound broadcasts to the value's shape. */
  public IntervalBijector(Node lower, Node upper) {
    this.lower = lower;
    this.upper = upper;
  }

  @Override
  public Node forward(Node u) {
    checkBounds(u);
    Node width = upper.sub(lower);
    Node fromUpper = upper.sub(width.mul(u.neg().sigmoid()));
    Node fromLower = lower.add(width.mul(u.sigmoid()));
    return Node.where(positiveMask(u), fromUpper, fromLower);
  }

  @Override
  public Node inverse(Node x) {
    checkBounds(x);
    return x.sub(lower).log().sub(upper.sub(x).log());
  }

  @Override
  public Node logAbsDetJacobian(Node u) {
    checkBounds(u);
    return upper.sub(lower).log().add(u.logSigmoid()).add(u.neg().logSigmoid()).sum();
  }

  private void checkBounds(Node value) {
    checkBound("lower bound", lower, value.shape());
    checkBound("upper bound", upper, value.shape());
  }

  /** 1 where u > 0, else 0 (a constant: no gradient flows into a selection). */
  private static Node positiveMask(Node u) {
    double[] m = new double[u.size()];
    for (int i = 0; i < m.length; i++) {
      m[i] = u.get(i) > 0 ? 1 : 0;
    }
    return u.tape().constant(Tensor.wrap(m, u.shape()));
  }
}
