package dev.varia.core.exec;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.gen.Address;

/** The core's kinds of frame: function activations, blocks, loops and marginalisation. */
final class Frames {
  private Frames() {}

  /** Into a slot of the caller's environment (or nowhere when slot < 0). */
  record SlotTarget(Object[] env, int slot) implements ReturnTarget {
    @Override
    public void deliver(Machine m, Node value) {
      if (slot >= 0) {
        env[slot] = value;
      }
    }

    @Override
    public ReturnTarget copy(Frame.Copies copies) {
      return new SlotTarget(copies.env(env), slot);
    }
  }

  /** Into the machine's result. */
  enum MachineResult implements ReturnTarget {
    INSTANCE;

    @Override
    public void deliver(Machine m, Node value) {
      m.setResult(value);
    }

    @Override
    public ReturnTarget copy(Frame.Copies copies) {
      return this;
    }
  }

  /** A function activation. */
  static final class FunctionFrame extends Frame {
    final CompiledFunction fn;
    final boolean boundary;

    FunctionFrame(
        CompiledFunction fn,
        Object[] env,
        Handler handler,
        Address prefix,
        ReturnTarget target,
        boolean boundary) {
      super(fn.code(), env, handler, prefix);
      this.fn = fn;
      this.boundary = boundary;
      setTarget(target);
    }

    @Override
    protected void onEnd(Machine m) {
      m.returnFrom(this, null);
    }

    @Override
    protected boolean isBoundary() {
      return boundary;
    }

    @Override
    protected boolean inPlate() {
      return false;
    }

    @Override
    protected Frame copy(Frame.Copies copies) {
      return withPc(
          new FunctionFrame(
              fn, copies.env(env), copies.handler(handler), prefix, target.copy(copies), boundary));
    }
  }

  /** The branch of an if. */
  static final class BlockFrame extends Frame {
    BlockFrame(Instr[] code, Object[] env, Handler h, Address prefix) {
      super(code, env, h, prefix);
    }

    @Override
    protected void onEnd(Machine m) {
      m.pop(this);
    }

    @Override
    protected Frame copy(Frame.Copies copies) {
      return withPc(new BlockFrame(code, copies.env(env), copies.handler(handler), prefix));
    }
  }

  /**
   * A sequential loop (or a plate run one iteration at a time). A subsampled plate runs over its
   * minibatch {@code indices} (positions 0..length-1 of the array), scaling log densities by {@code
   * scale}.
   */
  static final class LoopFrame extends Frame {
    final int slot;
    long index;
    final long end;
    final boolean plate;
    final int[] indices;
    final double scale;

    LoopFrame(
        Instr[] body,
        Object[] env,
        Handler h,
        Address prefix,
        int slot,
        long from,
        long end,
        boolean plate) {
      this(body, env, h, prefix, slot, from, end, plate, null, 1.0);
    }

    LoopFrame(
        Instr[] body,
        Object[] env,
        Handler h,
        Address prefix,
        int slot,
        long from,
        long end,
        boolean plate,
        int[] indices,
        double scale) {
      super(body, env, h, prefix);
      this.slot = slot;
      this.index = from;
      this.end = end;
      this.plate = plate;
      this.indices = indices;
      this.scale = scale;
    }

    void bindIndex(Tape tape) {
      env[slot] = tape.constant((double) (indices == null ? index : indices[(int) index]));
    }

    @Override
    protected void onEnd(Machine m) {
      index++;
      if (index < end) {
        restart();
        bindIndex(m.tape());
      } else {
        m.pop(this);
      }
    }

    @Override
    protected boolean inPlate() {
      return plate || super.inPlate();
    }

    @Override
    protected double ownLogDensityScale() {
      return scale;
    }

    @Override
    protected Frame copy(Frame.Copies copies) {
      return withPc(
          new LoopFrame(
              code,
              copies.env(env),
              copies.handler(handler),
              prefix,
              slot,
              index,
              end,
              plate,
              indices,
              scale));
    }
  }

  /**
   * Exact marginalisation: runs the body once per value of a finite support, keeping each run's log
   * densities apart, then adds {@code log sum_v p(v) exp(body(v))} (per element when elementwise).
   */
  static final class MarginalizeFrame extends Frame {
    final int slot;
    final Tensor values;
    final Node logProbs; // log p(v) per value: shape [K] or [K, N]
    final Node[] terms;
    final boolean elementwise;
    int k;

    MarginalizeFrame(
        Instr[] body,
        Object[] env,
        Handler h,
        Address prefix,
        int slot,
        Tensor values,
        Node logProbs,
        Node[] terms,
        int k,
        boolean elementwise) {
      super(body, env, h, prefix);
      this.slot = slot;
      this.values = values;
      this.logProbs = logProbs;
      this.terms = terms;
      this.k = k;
      this.elementwise = elementwise;
    }

    void start(Machine m) {
      env[slot] = m.tape().constant(values.get(k));
      handler.beginMarginal();
    }

    @Override
    protected void onEnd(Machine m) {
      Node body = handler.endMarginal();
      if (body != null && !elementwise && body.size() != 1) {
        body = body.sum();
      }
      Node lp = logProbs.index(k);
      terms[k] = body == null ? lp : lp.add(body);
      k++;
      if (k < values.size()) {
        restart();
        start(m);
        return;
      }
      m.pop(this);
      handler.factor(m, Marginals.logSumExpTerms(terms), null);
    }

    @Override
    protected Frame copy(Frame.Copies copies) {
      return withPc(
          new MarginalizeFrame(
              code,
              copies.env(env),
              copies.handler(handler),
              prefix,
              slot,
              values,
              logProbs,
              terms.clone(),
              k,
              elementwise));
    }
  }
}
