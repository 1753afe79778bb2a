package dev.varia.inference.adev;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.exec.Ev;
import dev.varia.core.exec.Frame;
import dev.varia.core.exec.Instr;
import dev.varia.core.exec.Machine;
import dev.varia.core.gen.Address;
import dev.varia.inference.objective.MultiSample;

/**
 * A particle loop: runs its body {@code count} times, collects the value of the yield expression
 * after each run into a vector (or, for vector values, the rows of a matrix), and tells the
 * enclosing expectation the particles' values so that a multi-sample baseline can use them.
 */
final class ParticlesFrame extends Frame {
  private final int varSlot;
  private final int bindSlot;
  private final Ev yield;
  private final MultiSample kind;
  private final Node[] values;
  private int k;

  ParticlesFrame(
      Instr[] body,
      Object[] env,
      int varSlot,
      int bindSlot,
      Ev yield,
      MultiSample kind,
      Node[] values,
      int k) {
    super(body, env, null, Address.root());
    this.varSlot = varSlot;
    this.bindSlot = bindSlot;
    this.yield = yield;
    this.kind = kind;
    this.values = values;
    this.k = k;
  }

  /** The index of the particle being run. */
  int particle() {
    return k;
  }

  void start(Machine m) {
    env()[varSlot] = m.tape().constant((double) k);
  }

  @Override
  protected void onEnd(Machine m) {
    Node v = yield.eval(env(), m);
    if (v.shape().isMatrix() || (v.size() != 1 && kind != MultiSample.NONE)) {
      throw new dev.varia.core.VariaException(
          "a particle's value must be a number"
              + (kind == MultiSample.NONE ? " or a vector" : " (for a multi-sample baseline)")
              + ", got shape "
              + v.shape());
    }
    if (k > 0 && values[0].size() != v.size()) {
      throw new dev.varia.core.VariaException(
          "particles' values must have one shape, got " + values[0].shape() + " and " + v.shape());
    }
    values[k] = v.size() == 1 ? v.reshape(Shape.SCALAR) : v.reshape(Shape.matrix(1, v.size()));
    k++;
    if (k < values.length) {
      restart();
      start(m);
      return;
    }
    m.pop(this);
    env()[bindSlot] = Node.concat(values);
    if (values[0].size() == 1) {
      double[] raw = new double[values.length];
      for (int i = 0; i < raw.length; i++) {
        raw[i] = values[i].get(0);
      }
      m.innermost(ExpectationFrame.class).completeGroup(this, raw, kind);
    }
  }

  @Override
  protected Frame copy(Copies copies) {
    return withPc(
        new ParticlesFrame(
            code(), copies.env(env()), varSlot, bindSlot, yield, kind, values.clone(), k));
  }
}
