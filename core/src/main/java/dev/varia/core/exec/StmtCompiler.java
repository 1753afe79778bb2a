package dev.varia.core.exec;

import dev.varia.core.ad.Node;
import dev.varia.core.ir.Block;
import dev.varia.core.ir.DistExpr;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Compiles the statements of one generative function into instructions. */
final class StmtCompiler {
  private final CompiledProgram program;
  private final GenFn fn;
  private final Slots slots;
  private final ExprCompiler exprs;

  StmtCompiler(CompiledProgram program, GenFn fn) {
    this.program = program;
    this.fn = fn;
    this.slots = new Slots(fn.name());
    this.exprs = new ExprCompiler(program, slots);
  }

  void compile() {
    for (String a : fn.args()) {
      slots.define(a);
    }
    Instr[] code = block(fn.body());
    program.function(fn.name()).define(code, slots.count());
  }

  private Instr[] block(Block b) {
    List<Instr> out = new ArrayList<>(b.stmts().size());
    for (Stmt s : b.stmts()) {
      out.add(stmt(s));
    }
    return out.toArray(new Instr[0]);
  }

  private Instr stmt(Stmt s) {
    if (s instanceof Stmt.Let l) {
      Ev v = exprs.compile(l.value());
      return new Instructions.Let(slots.define(l.name()), v, l.span());
    }
    if (s instanceof Stmt.DeclareArray d) {
      Ev[] dims = exprs.compileAll(d.dims());
      return new Instructions.DeclareArray(
          d.name(), slots.define(d.name()), dims, d.init(), d.span());
    }
    if (s instanceof Stmt.SetElement e) {
      return new Instructions.SetElement(
          e.name(),
          slots.lookup(e.name(), e.span()),
          exprs.compileAll(e.indices()),
          exprs.compile(e.value()),
          e.span());
    }
    if (s instanceof Stmt.Sample x) {
      Ev[] element = exprs.compileAll(x.element());
      Instructions.DistEv d = dist(x.dist());
      Ev[] batch = exprs.compileAll(x.batch());
      return new Instructions.Sample(
          x.name(), slots.define(x.name()), element, d, batch, x.strategy(), x.span());
    }
    if (s instanceof Stmt.Observe o) {
      return new Instructions.Observe(exprs.compile(o.value()), dist(o.dist()), o.span());
    }
    if (s instanceof Stmt.Factor f) {
      return new Instructions.Factor(exprs.compile(f.logWeight()), f.span());
    }
    if (s instanceof Stmt.Report r) {
      Ev[] element = exprs.compileAll(r.element());
      Ev v = exprs.compile(r.value());
      return new Instructions.Report(r.name(), slots.define(r.name()), element, v, r.span());
    }
    if (s instanceof Stmt.If i) {
      Ev c = exprs.compile(i.cond());
      return new Instructions.If(c, block(i.then()), block(i.otherwise()), i.span());
    }
    if (s instanceof Stmt.For f) {
      Ev from = exprs.compile(f.from());
      Ev to = exprs.compile(f.to());
      int slot = slots.define(f.var());
      return new Instructions.Loop(slot, from, to, block(f.body()), false, f.span());
    }
    if (s instanceof Stmt.Plate p) {
      Instr vectorised = new PlateVectorizer(this, slots, exprs, fn).tryCompile(p);
      if (vectorised != null) {
        return vectorised;
      }
      Ev size = exprs.compile(p.size());
      int slot = slots.define(p.var());
      if (p.subsample() != null) {
        return new Instructions.SubsampledLoop(
            slot, size, subsampleSpec(p), block(p.body()), p.span());
      }
      Ev zero = (env, m) -> m.tape().constant(0.0);
      return new Instructions.Loop(slot, zero, size, block(p.body()), true, p.span());
    }
    if (s instanceof Stmt.Marginalize mz) {
      Instructions.DistEv d = dist(mz.dist());
      int slot = slots.define(mz.var());
      return new Instructions.Marginalize(slot, d, block(mz.body()), mz.elementwise(), mz.span());
    }
    if (s instanceof Stmt.Call c) {
      if (!program.hasFunction(c.callee())) {
        throw new LocatedException(c.span(), "unknown generative function " + c.callee());
      }
      Ev[] index = exprs.compileAll(c.index());
      Ev[] args = exprs.compileAll(c.args());
      int bind = c.bind() == null ? -1 : slots.define(c.bind());
      return new Instructions.Call(bind, c.namespace(), index, program, c.callee(), args, c.span());
    }
    if (s instanceof Stmt.Return r) {
      return new Instructions.Return(exprs.compile(r.value()), r.span());
    }
    if (s instanceof Stmt.Param p) {
      return new Instructions.Param(
          fn.name(), p.name(), slots.define(p.name()), p.shape(), p.domain(), p.init(), p.span());
    }
    throw new AssertionError(s);
  }

  DistributionFamilies families() {
    return program.families();
  }

  CompiledProgram program() {
    return program;
  }

  /** The compiled subsampling of a plate (which must have one). */
  Subsampling.Spec subsampleSpec(Stmt.Plate p) {
    return new Subsampling.Spec(
        p.subsample().plate(), exprs.compile(p.subsample().size()), p.subsample().span());
  }

  private Instructions.DistEv dist(DistExpr d) {
    DistributionFamilies families = program.families();
    Optional<String> problem = families.check(d.family(), d.args().size());
    if (problem.isPresent()) {
      throw new LocatedException(d.span(), problem.get());
    }
    Ev[] args = exprs.compileAll(d.args());
    String family = d.family();
    return (env, m) -> {
      Node[] a = new Node[args.length];
      for (int i = 0; i < a.length; i++) {
        a[i] = args[i].eval(env, m);
      }
      return families.create(family, a, m.tape());
    };
  }
}
