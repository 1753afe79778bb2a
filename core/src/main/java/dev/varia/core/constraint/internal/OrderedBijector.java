package dev.varia.core.constraint.internal;

import dev.varia.core.ad.Node;

/**
 * Stan's ordered-vector transform {@code x_1 = y_1}, {@code x_k = x_(k-1) + exp(y_k)} (log |J| =
 * {@code y_2 + ... + y_K}), or with {@code positive} the positive-ordered one, {@code x_1 =
 * exp(y_1)} as well (log |J| = {@code y_1 + ... + y_K}). The inverse takes logs of successive
 * differences.
 */
public final class OrderedBijector extends VectorBijector {
  private final boolean positive;

  /** The ordered transform, or the positive-ordered one. */
  public OrderedBijector(boolean positive) {
    this.positive = positive;
  }

  @Override
  String name() {
    return positive ? "positive ordered vector" : "ordered vector";
  }

  @Override
  int constrainedLength(int n) {
    return n;
  }

  @Override
  int unconstrainedLength(int k) {
    return k;
  }

  @Override
  Transformed forwardVector(Node u, boolean withLogDet) {
    int k = u.size();
    if (k == 0) {
      return new Transformed(u, withLogDet ? u.tape().constant(0.0) : null);
    }
    Node increments;
    Node logDet;
    if (positive) {
      increments = u.exp();
      logDet = withLogDet ? u.sum() : null;
    } else if (k <= 1) {
      increments = u;
      logDet = withLogDet ? u.tape().constant(0.0) : null;
    } else {
      Node rest = u.slice(1, k);
      increments = Node.concat(u.slice(0, 1), rest.exp());
      logDet = withLogDet ? rest.sum() : null;
    }
    return new Transformed(CumulativeSum.of(increments, false), logDet);
  }

  @Override
  Node inverseVector(Node x) {
    int k = x.size();
    if (k == 0) {
      return x;
    }
    Node first = x.slice(0, 1);
    if (positive) {
      first = first.log();
    }
    if (k <= 1) {
      return first;
    }
    return Node.concat(first, x.slice(1, k).sub(x.slice(0, k - 1)).log());
  }
}
