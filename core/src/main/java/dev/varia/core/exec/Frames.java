package dev.varia.core.exec;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.gen.Address;

/** The kinds of frame: function activations, blocks, loops, plates and marginalisation. */
final class Frames {
  private Frames() {}

  /** Where a function's return value goes. */
  interface ReturnTarget {
    void deliver(Machine m, Node value);

    ReturnTarget copy(Frame.Copies copies);
  }

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

  /** Into the machine's result: the frame that ends a run. */
  record MachineResult() implements ReturnTarget {
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
    ReturnTarget target;
    final boolean boundary;

    FunctionFrame(
        CompiledFunction fn,
        Object[] env,
        Handler handler,
        Address prefix,
        Frame parent,
        ReturnTarget target,
        boolean boundary) {
      super(fn.code(), env, handler, prefix, parent);
      this.fn = fn;
      this.target = target;
      this.boundary = boundary;
    }

    @Override
    void onEnd(Machine m) {
      m.returnFrom(this, null);
    }

    @Override
    boolean isBoundary() {
      return boundary;
    }

    @Override
    boolean inPlate() {
      return false;
    }

    @Override
    Frame copy(Frame.Copies copies, Frame newParent) {
      FunctionFrame f =
          new FunctionFrame(
              fn,
              copies.env(env),
              copies.handler(handler),
              prefix,
              newParent,
              target.copy(copies),
              boundary);
      f.pc = pc;
      return f;
    }
  }

  /** The branch of an if. */
  static final class BlockFrame extends Frame {
    BlockFrame(Instr[] code, Frame parent) {
      super(code, parent.env, parent.handler, parent.prefix, parent);
    }

    private BlockFrame(Instr[] code, Object[] env, Handler h, Address prefix, Frame parent) {
      super(code, env, h, prefix, parent);
    }

    @Override
    void onEnd(Machine m) {
      m.pop(this);
    }

    @Override
    Frame copy(Frame.Copies copies, Frame newParent) {
      BlockFrame f =
          new BlockFrame(code, copies.env(env), copies.handler(handler), prefix, newParent);
      f.pc = pc;
      return f;
    }
  }

  /** A sequential loop (or a plate run one iteration at a time). */
  static final class LoopFrame extends Frame {
    final int slot;
    long index;
    final long end;
    final boolean plate;

    LoopFrame(Instr[] body, Frame parent, int slot, long from, long end, boolean plate) {
      this(body, parent.env, parent.handler, parent.prefix, parent, slot, from, end, plate);
    }

    private LoopFrame(
        Instr[] body,
        Object[] env,
        Handler h,
        Address prefix,
        Frame parent,
        int slot,
        long from,
        long end,
        boolean plate) {
      super(body, env, h, prefix, parent);
      this.slot = slot;
      this.index = from;
      this.end = end;
      this.plate = plate;
    }

    void bindIndex(Tape tape) {
      env[slot] = tape.constant((double) index);
    }

    @Override
    void onEnd(Machine m) {
      index++;
      if (index < end) {
        pc = 0;
        bindIndex(m.tape());
      } else {
        m.pop(this);
      }
    }

    @Override
    boolean inPlate() {
      return plate || super.inPlate();
    }

    @Override
    Frame copy(Frame.Copies copies, Frame newParent) {
      LoopFrame f =
          new LoopFrame(
              code,
              copies.env(env),
              copies.handler(handler),
              prefix,
              newParent,
              slot,
              index,
              end,
              plate);
      f.pc = pc;
      return f;
    }
  }

  /**
   * Exact marginalisation: runs the body once per value of a finite support, keeping each run's log
   * densities apart, then adds {@code log sum_v p(v) exp(body(v))} (per element).
   */
  static final class MarginalizeFrame extends Frame {
    final int slot;
    final Tensor values;
    final Node logProbs; // log p(v) per value: shape [K] or [K, N] (per element)
    final Node[] terms;
    final boolean elementwise;
    int k;

    MarginalizeFrame(
        Instr[] body, Frame parent, int slot, Tensor values, Node logProbs, boolean elementwise) {
      this(
          body,
          parent.env,
          parent.handler,
          parent.prefix,
          parent,
          slot,
          values,
          logProbs,
          new Node[values.size()],
          0,
          elementwise);
    }

    private MarginalizeFrame(
        Instr[] body,
        Object[] env,
        Handler h,
        Address prefix,
        Frame parent,
        int slot,
        Tensor values,
        Node logProbs,
        Node[] terms,
        int k,
        boolean elementwise) {
      super(body, env, h, prefix, parent);
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
    void onEnd(Machine m) {
      Node body = handler.endMarginal();
      if (body != null && !elementwise && body.size() != 1) {
        body = body.sum();
      }
      Node lp = logProbs.index(k);
      terms[k] = body == null ? lp : lp.add(body);
      k++;
      if (k < values.size()) {
        pc = 0;
        start(m);
        return;
      }
      m.pop(this);
      handler.factor(m, Marginals.logSumExpTerms(terms), null);
    }

    @Override
    Frame copy(Frame.Copies copies, Frame newParent) {
      MarginalizeFrame f =
          new MarginalizeFrame(
              code,
              copies.env(env),
              copies.handler(handler),
              prefix,
              newParent,
              slot,
              values,
              logProbs,
              terms.clone(),
              k,
              elementwise);
      f.pc = pc;
      return f;
    }
  }
}
