package dev.varia.core.exec;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Distribution;
import dev.varia.core.gen.Address;
import dev.varia.core.ir.Domain;
import dev.varia.core.ir.Span;
import dev.varia.core.ir.Strategy;

/** The compiled statements. Each is built once per function and executed on every run. */
final class Instructions {
  private Instructions() {}

  /** A compiled distribution expression. */
  @FunctionalInterface
  interface DistEv {
    Distribution eval(Object[] env, Machine m);
  }

  static int[] ints(Ev[] evs, Object[] env, Machine m) {
    int[] out = new int[evs.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = ExprCompiler.toInt(evs[i].eval(env, m));
    }
    return out;
  }

  static Shape shape(Ev[] dims, Object[] env, Machine m) {
    int[] d = ints(dims, env, m);
    for (int x : d) {
      if (x < 0) {
        throw new VariaException("a size must be >= 0, got " + x);
      }
    }
    return Shape.of(d);
  }

  /** Binds the value of a sample (or report) to its local: whole, or as an element. */
  static final class Binder {
    private final String name;
    private final int slot;
    private final int[] element;

    Binder(String name, int slot, int[] element) {
      this.name = name;
      this.slot = slot;
      this.element = element;
    }

    void bind(Frame f, Node value) {
      if (element.length == 0) {
        f.env[slot] = value;
        return;
      }
      Object o = f.env[slot];
      LocalArray a;
      if (o instanceof LocalArray la) {
        a = la;
      } else if (o == null) {
        a = LocalArray.growable(name, element.length);
        f.env[slot] = a;
      } else {
        throw new VariaException(
            name + " already holds a whole value: its elements cannot be drawn one by one");
      }
      if (a.isSet(element)) {
        throw new VariaException("element " + elementName() + " is given a value twice");
      }
      a.set(element, value);
    }

    private String elementName() {
      Address a = Address.root().child(name);
      for (int i : element) {
        a = a.child(i);
      }
      return a.displayName();
    }
  }

  record Let(int slot, Ev value, Span span) implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      f.env[slot] = value.eval(f.env, m);
    }
  }

  record DeclareArray(String name, int slot, Ev[] dims, double init, Span span) implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      f.env[slot] = LocalArray.declared(name, shape(dims, f.env, m), init);
    }
  }

  record SetElement(String name, int slot, Ev[] indices, Ev value, Span span) implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      if (!(f.env[slot] instanceof LocalArray a)) {
        throw new VariaException(name + " is not an array declared for element assignment");
      }
      a.set(ints(indices, f.env, m), value.eval(f.env, m));
    }
  }

  record Sample(
      String name, int slot, Ev[] element, DistEv dist, Ev[] batch, Strategy strategy, Span span)
      implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      Distribution d = dist.eval(f.env, m);
      int[] el = ints(element, f.env, m);
      Shape shape = batch.length == 0 ? d.batchShape() : shape(batch, f.env, m);
      SampleSite site =
          new SampleSite(f.prefix.child(name), el, d, shape, strategy, f.inPlate(), span);
      Binder b = new Binder(name, slot, el);
      m.setPendingBinder(b);
      Node v = f.handler.sample(m, site);
      m.setPendingBinder(null);
      b.bind(f, v);
    }
  }

  record Observe(Ev value, DistEv dist, Span span) implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      f.handler.observe(m, dist.eval(f.env, m), value.eval(f.env, m), span);
    }
  }

  record Factor(Ev value, Span span) implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      f.handler.factor(m, value.eval(f.env, m), span);
    }
  }

  record Report(String name, int slot, Ev[] element, Ev value, Span span) implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      Node v = value.eval(f.env, m);
      int[] el = ints(element, f.env, m);
      f.handler.report(m, f.prefix.child(name), el, v, span);
      new Binder(name, slot, el).bind(f, v);
    }
  }

  record If(Ev cond, Instr[] then, Instr[] otherwise, Span span) implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      Node c = cond.eval(f.env, m);
      if (c.size() != 1) {
        throw new VariaException("an if condition must be a single value, got shape " + c.shape());
      }
      Instr[] branch = c.get(0) != 0 ? then : otherwise;
      if (branch.length > 0) {
        m.push(new Frames.BlockFrame(branch, f.env, f.handler, f.prefix));
      }
    }
  }

  record Loop(int slot, Ev from, Ev to, Instr[] body, boolean plate, Span span) implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      long a = ExprCompiler.toInt(from.eval(f.env, m));
      long b = ExprCompiler.toInt(to.eval(f.env, m));
      if (a < b && body.length > 0) {
        Frames.LoopFrame loop =
            new Frames.LoopFrame(body, f.env, f.handler, f.prefix, slot, a, b, plate);
        loop.bindIndex(m.tape());
        m.push(loop);
      }
    }
  }

  /**
   * A plate run one iteration at a time over a minibatch of its iterations (or all of them when the
   * handler does not subsample), scaling log densities by N / m.
   */
  record SubsampledLoop(int slot, Ev size, Subsampling.Spec subsample, Instr[] body, Span span)
      implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      int n = ExprCompiler.toInt(size.eval(f.env, m));
      if (n <= 0 || body.length == 0) {
        return;
      }
      int[] idx = Subsampling.indices(subsample, n, f.env, m, f.handler);
      Frames.LoopFrame loop =
          idx == null
              ? new Frames.LoopFrame(body, f.env, f.handler, f.prefix, slot, 0, n, true)
              : new Frames.LoopFrame(
                  body,
                  f.env,
                  f.handler,
                  f.prefix,
                  slot,
                  0,
                  idx.length,
                  true,
                  idx,
                  (double) n / idx.length);
      loop.bindIndex(m.tape());
      m.push(loop);
    }
  }

  record Marginalize(int slot, DistEv dist, Instr[] body, boolean elementwise, Span span)
      implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      Distribution d = dist.eval(f.env, m);
      if (!d.isEnumerable()) {
        throw new VariaException("marginalize: " + d.name() + " has no finite support to sum over");
      }
      Tensor values = d.enumerateSupport();
      int k = values.size();
      Node[] lp = new Node[k];
      for (int i = 0; i < k; i++) {
        Node l = d.logDensity(m.tape().constant(values.get(i)));
        lp[i] = l.size() == 1 ? l.reshape(Shape.SCALAR) : l.reshape(Shape.matrix(1, l.size()));
      }
      Node logProbs = Node.concat(lp);
      Frames.MarginalizeFrame mf =
          new Frames.MarginalizeFrame(
              body,
              f.env,
              f.handler,
              f.prefix,
              slot,
              values,
              logProbs,
              new Node[k],
              0,
              elementwise);
      m.push(mf);
      mf.start(m);
    }
  }

  record Call(
      int bindSlot,
      String namespace,
      Ev[] index,
      CompiledProgram program,
      String callee,
      Ev[] args,
      Span span)
      implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      CompiledFunction fn = program.function(callee, span);
      if (args.length != fn.arity()) {
        throw new VariaException(
            callee + " takes " + fn.arity() + " arguments, got " + args.length);
      }
      Node[] a = new Node[args.length];
      for (int i = 0; i < a.length; i++) {
        a[i] = args[i].eval(f.env, m);
      }
      Address ns = f.prefix.child(namespace);
      for (int i : ints(index, f.env, m)) {
        ns = ns.child(i);
      }
      m.call(fn, a, f.handler, ns, ReturnTarget.slot(f.env, bindSlot));
    }
  }

  record Return(Ev value, Span span) implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      m.returnFromCurrent(value.eval(f.env, m));
    }
  }

  record Param(
      String owner, String name, int slot, Shape shape, Domain domain, Tensor init, Span span)
      implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      f.env[slot] = f.handler.param(m, new ParamSite(owner, name, shape, domain, init, span));
    }
  }
}
