package dev.varia.core.ad.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;

/** Access for the factories of this package to the checks that {@link Node} offers subclasses. */
final class Nodes extends Node {
  private Nodes(Tape tape) {
    super(tape, dev.varia.core.ad.Shape.SCALAR, false);
  }

  static Tape tape(Node a) {
    return tapeOf(a);
  }

  static Tape tape(Node a, Node b) {
    return tapeOf(a, b);
  }

  static Tape tape(Node a, Node b, Node c) {
    return tapeOf(a, b, c);
  }

  @Override
  protected void backward() {}
}
