package dev.varia.inference.adev;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.exec.Ev;
import dev.varia.core.exec.ExprCompiler;
import dev.varia.core.exec.Frame;
import dev.varia.core.exec.Instr;
import dev.varia.core.exec.Machine;
import dev.varia.core.exec.ReturnTarget;
import dev.varia.core.gen.Address;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.Selection;
import dev.varia.core.ir.Span;
import dev.varia.core.math.SpecialFunctions;
import dev.varia.core.random.RandomStream;
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

  record Sim(int slot, String fn, Ev[] args, boolean detached, Span span) implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      EstimatorRun run = expectation(m).run();
      GenerativeFunction q = run.function(fn);
      SimHandler h = new SimHandler(run, q.params(), detached);
      m.call(
          q.compiled(),
          evalAll(args, f.env(), m),
          h,
          Address.root(),
          new SimTarget(f.env(), slot, h));
    }
  }

  record Density(
      int slot,
      String model,
      int traceSlot,
      String traceName,
      Ev[] args,
      Selection counted,
      Span span)
      implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      EstimatorRun run = expectation(m).run();
      TraceValue t = trace(f.env(), traceSlot, traceName);
      f.env()[slot] = density(m, run, run.function(model), t, evalAll(args, f.env(), m), counted);
    }
  }

  /** log p of trace t under p (only the counted sites' choices, plus observations and factors). */
  static Node density(
      Machine m,
      EstimatorRun run,
      GenerativeFunction p,
      TraceValue t,
      Node[] args,
      Selection counted) {
    run.state().countDensity();
    DensityHandler h =
        new DensityHandler(
            t, p.params(), run.binding(), counted, run.diagnosis(), run.subsamples());
    Machine.run(p.compiled(), args, h, Address.root(), m.tape(), m.rng());
    h.checkAllRead();
    return h.logDensity(m);
  }

  /** A detached simulation of q (constant choices), run to completion on its own. */
  static TraceValue simDetached(Machine m, EstimatorRun run, GenerativeFunction q, Node[] args) {
    SimHandler h = new SimHandler(run, q.params(), true);
    Node ret = Machine.run(q.compiled(), args, h, Address.root(), m.tape(), m.rng());
    return h.trace(ret);
  }

  record Merge(
      int slot, int baseSlot, String base, Selection keep, int otherSlot, String other, Span span)
      implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      TraceValue b = trace(f.env(), baseSlot, base);
      TraceValue o = trace(f.env(), otherSlot, other);
      f.env()[slot] = b.merge(keep, o);
    }
  }

  record Restrict(int slot, int traceSlot, String traceName, Selection keep, Ev logq, Span span)
      implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      TraceValue t = trace(f.env(), traceSlot, traceName);
      f.env()[slot] = t.restrict(keep, logq.eval(f.env(), m));
    }
  }

  /** Sampling-importance-resampling from the posterior of a model, particles from a guide. */
  record SimNormalize(
      int slot, String model, String guide, Ev particles, Ev[] modelArgs, Ev[] guideArgs, Span span)
      implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      EstimatorRun run = expectation(m).run();
      GenerativeFunction p = run.function(model);
      GenerativeFunction q = run.function(guide);
      int k = particleCount(particles.eval(f.env(), m));
      Node[] pa = evalAll(modelArgs, f.env(), m);
      Node[] qa = evalAll(guideArgs, f.env(), m);
      TraceValue[] traces = new TraceValue[k];
      Node[] lps = new Node[k];
      double[] w = new double[k];
      for (int i = 0; i < k; i++) {
        traces[i] = simDetached(m, run, q, qa);
        lps[i] = density(m, run, p, traces[i], pa, Selection.all());
        w[i] = lps[i].get(0) - traces[i].logq(m.tape()).get(0);
      }
      double logZ = SpecialFunctions.logSumExp(w, 0, k) - Math.log(k);
      int chosen = resample(w, m.rng());
      // log w-hat = log p(x, y) - log Z-hat, with Z-hat held constant
      Node logw = lps[chosen].sub(logZ);
      f.env()[slot] = traces[chosen].restrict(Selection.all(), logw);
    }
  }

  /** Conditional SIR: an unbiased estimate of the posterior density at the trace's choices. */
  record DensityNormalize(
      int slot,
      String model,
      String guide,
      int traceSlot,
      String traceName,
      Ev particles,
      Ev[] modelArgs,
      Ev[] guideArgs,
      Span span)
      implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      EstimatorRun run = expectation(m).run();
      GenerativeFunction p = run.function(model);
      GenerativeFunction q = run.function(guide);
      TraceValue x = trace(f.env(), traceSlot, traceName);
      int k = particleCount(particles.eval(f.env(), m));
      Node[] pa = evalAll(modelArgs, f.env(), m);
      Node[] qa = evalAll(guideArgs, f.env(), m);
      double[] w = new double[k];
      Node lpx = density(m, run, p, x, pa, Selection.all());
      double lqx;
      try (Tape.ValueOnly v = m.tape().valueOnly()) {
        lqx = density(m, run, q, x, qa, Selection.all()).get(0);
      }
      w[0] = lpx.get(0) - lqx;
      for (int i = 1; i < k; i++) {
        TraceValue t = simDetached(m, run, q, qa);
        w[i] = density(m, run, p, t, pa, Selection.all()).get(0) - t.logq(m.tape()).get(0);
      }
      double logZ = SpecialFunctions.logSumExp(w, 0, k) - Math.log(k);
      f.env()[slot] = lpx.sub(logZ);
    }
  }

  static int particleCount(Node n) {
    int k = ExprCompiler.toInt(n);
    if (k < 1) {
      throw new VariaException("normalize needs at least one particle, got " + k);
    }
    return k;
  }

  /** An index drawn with probabilities proportional to exp(w). */
  static int resample(double[] w, RandomStream rng) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : w) {
      max = Math.max(max, v);
    }
    double total = 0;
    double[] c = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      total += Double.isNaN(w[i]) ? 0 : Math.exp(w[i] - max);
      c[i] = total;
    }
    if (!(total > 0) || !Double.isFinite(total)) {
      throw new VariaException("normalize: every particle has zero or undefined weight");
    }
    double u = rng.uniform() * total;
    for (int i = 0; i < c.length; i++) {
      if (u < c[i]) {
        return i;
      }
    }
    return c.length - 1;
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
