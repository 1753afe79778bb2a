package dev.varia.inference.adev;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.exec.Ev;
import dev.varia.core.exec.ExprCompiler;
import dev.varia.core.exec.Frame;
import dev.varia.core.exec.Instr;
import dev.varia.core.exec.Machine;
import dev.varia.core.exec.ReturnTarget;
import dev.varia.core.gen.Address;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.ir.Span;
import dev.varia.inference.objective.MultiSample;

/** The compiled statements of the objective language. */
final class ObjectiveInstructions {
  private ObjectiveInstructions() {}

  static ExpectationFrame expectation(Machine m) {
    return m.innermost(ExpectationFrame.class);
  }

  static Node[] evalAll(Ev[] evs, Object[] env, Machine m) {
    Node[] a = new Node[evs.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = evs[i].eval(env, m);
    }
    return a;
  }

  static TraceValue trace(Object[] env, int slot, String name) {
    if (env[slot] instanceof TraceValue t) {
      return t;
    }
    throw new VariaException(name + " is not a trace drawn by sim(...)");
  }

  record Let(int slot, Ev value, Span span) implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      f.env()[slot] = value.eval(f.env(), m);
    }
  }

  /** Delivers a simulated trace into a slot when the guide returns. */
  record SimTarget(Object[] env, int slot, SimHandler handler) implements ReturnTarget {
    @Override
    public void deliver(Machine m, Node value) {
      env[slot] = handler.trace(value);
    }

    @Override
    public ReturnTarget copy(Frame.Copies copies) {
      return new SimTarget(copies.env(env), slot, (SimHandler) copies.handler(handler));
    }
  }

  record Sim(int slot, String fn, Ev[] args, Span span) implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      EstimatorRun run = expectation(m).run();
      GenerativeFunction q = run.function(fn);
      SimHandler h = new SimHandler(q.params(), run.binding(), run.options());
      m.call(
          q.compiled(),
          evalAll(args, f.env(), m),
          h,
          Address.root(),
          new SimTarget(f.env(), slot, h));
    }
  }

  record Density(int slot, String model, int traceSlot, String traceName, Ev[] args, Span span)
      implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      EstimatorRun run = expectation(m).run();
      GenerativeFunction p = run.function(model);
      TraceValue t = trace(f.env(), traceSlot, traceName);
      DensityHandler h = new DensityHandler(t, p.params(), run.binding());
      Machine.run(p.compiled(), evalAll(args, f.env(), m), h, Address.root(), m.tape(), m.rng());
      h.checkAllRead();
      f.env()[slot] = h.logDensity(m);
    }
  }

  record LogQ(int slot, int traceSlot, String traceName, Span span) implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      f.env()[slot] = trace(f.env(), traceSlot, traceName).logq(m.tape());
    }
  }

  record Choice(int slot, int traceSlot, String traceName, Address address, Span span)
      implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      TraceValue t = trace(f.env(), traceSlot, traceName);
      Node v = t.site(address);
      if (v == null && address.depth() > 1 && address.last() instanceof Integer i) {
        v = t.element(address.parent(), new int[] {i});
      }
      if (v == null) {
        throw new VariaException(traceName + " has no choice " + address.displayName());
      }
      f.env()[slot] = v;
    }
  }

  record Returned(int slot, int traceSlot, String traceName, Span span) implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      Node v = trace(f.env(), traceSlot, traceName).returned();
      if (v == null) {
        throw new VariaException("the function that drew " + traceName + " returned nothing");
      }
      f.env()[slot] = v;
    }
  }

  record Particles(
      int bindSlot, int varSlot, Ev count, Instr[] body, Ev yield, MultiSample kind, Span span)
      implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      int k = ExprCompiler.toInt(count.eval(f.env(), m));
      if (k < 1) {
        throw new VariaException("a particle loop needs at least one particle, got " + k);
      }
      ParticlesFrame p =
          new ParticlesFrame(body, f.env(), varSlot, bindSlot, yield, kind, new Node[k], 0);
      m.push(p);
      p.start(m);
    }
  }

  record AddCost(Ev value, Span span) implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      expectation(m).addCost(value.eval(f.env(), m));
    }
  }

  record Expect(int slot, Instr[] body, Span span) implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      ExpectationFrame outer = expectation(m);
      ExpectationFrame e =
          new ExpectationFrame(body, f.env(), outer.run(), outer.isOriginal(), span);
      e.setReturnTarget(ReturnTarget.slot(f.env(), slot));
      m.push(e);
    }
  }

  record Return(Ev value, Span span) implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      m.returnFrom(expectation(m), value.eval(f.env(), m));
    }
  }
}
