package dev.varia.inference.adev;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;

/**
 * A node of value 0 whose backward pass adds {@code c * grad(g)}: how score-function and
 * measure-valued terms join an estimate without changing its value (ADEV.md section 3, the ADEV.jl
 * reverse-mode construction). {@code c} is a constant; for a non-scalar g every element receives
 * {@code c} (the gradient of {@code c * sum(g)}).
 */
final class Phantom extends Node {
  private final Node g;
  private final double c;

  private Phantom(Tape tape, Node g, double c) {
    super(tape, Shape.SCALAR, needsGrad(g));
    this.g = g;
    this.c = c;
    out()[0] = 0.0;
  }

  /** phantom(g, c), or a constant 0 when nothing needs a gradient. */
  static Node of(Node g, double c) {
    Tape tape = tapeOf(g);
    return new Phantom(tape, g, c);
  }

  @Override
  protected void backward() {
    double[] gg = gradOf(g);
    if (gg == null) {
      return;
    }
    double d = c * outGrad()[0];
    for (int i = 0; i < gg.length; i++) {
      gg[i] += d;
    }
  }
}
