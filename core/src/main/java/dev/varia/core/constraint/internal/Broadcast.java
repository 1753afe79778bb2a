package dev.varia.core.constraint.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;

/** Reading a broadcast operand (such as a bound) at an element of a larger shape. */
public final class Broadcast {
  private Broadcast() {}

  /**
   * The element of {@code n} that broadcasting lines up with element {@code flat} (row-major) of a
   * value of shape {@code target}; {@code n}'s shape must broadcast to {@code target}.
   */
  public static double at(Node n, Shape target, int flat) {
    Shape s = n.shape();
    int r = flat / target.cols();
    int c = flat % target.cols();
    int rr = s.rows() == 1 ? 0 : r;
    int cc = s.cols() == 1 ? 0 : c;
    return n.get(rr * s.cols() + cc);
  }
}
