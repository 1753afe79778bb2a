package dev.varia.inference.adev;

import dev.varia.core.dist.Families;
import dev.varia.core.exec.CompiledProgram;
import dev.varia.core.exec.ExprCompiler;
import dev.varia.core.exec.Instr;
import dev.varia.core.exec.Slots;
import dev.varia.inference.objective.OStmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compiles an objective's statements into machine instructions, once. */
final class ObjectiveCompiler {
  private final Slots slots;
  private final ExprCompiler exprs;

  ObjectiveCompiler(String name) {
    this.slots = new Slots("objective " + name);
    this.exprs = new ExprCompiler(CompiledProgram.standalone(Map.of(), Families.standard()), slots);
  }

  int slotCount() {
    return slots.count();
  }

  Instr[] block(List<OStmt> body) {
    List<Instr> out = new ArrayList<>();
    for (OStmt s : body) {
      out.add(stmt(s));
    }
    return out.toArray(new Instr[0]);
  }

  private Instr stmt(OStmt s) {
    if (s instanceof OStmt.Let l) {
      var v = exprs.compile(l.value());
      return new ObjectiveInstructions.Let(slots.define(l.name()), v, l.span());
    }
    if (s instanceof OStmt.Sim x) {
      var args = exprs.compileAll(x.args());
      return new ObjectiveInstructions.Sim(
          slots.define(x.bind()), x.fn(), args, x.detached(), x.span());
    }
    if (s instanceof OStmt.Density d) {
      var args = exprs.compileAll(d.args());
      int trace = slots.lookup(d.trace(), d.span());
      return new ObjectiveInstructions.Density(
          slots.define(d.bind()), d.model(), trace, d.trace(), args, d.sites(), d.span());
    }
    if (s instanceof OStmt.Merge mg) {
      int base = slots.lookup(mg.base(), mg.span());
      int other = slots.lookup(mg.other(), mg.span());
      return new ObjectiveInstructions.Merge(
          slots.define(mg.bind()), base, mg.base(), mg.keep(), other, mg.other(), mg.span());
    }
    if (s instanceof OStmt.Restrict r) {
      int trace = slots.lookup(r.trace(), r.span());
      var logq = exprs.compile(r.logq());
      return new ObjectiveInstructions.Restrict(
          slots.define(r.bind()), trace, r.trace(), r.keep(), logq, r.span());
    }
    if (s instanceof OStmt.DensityEstimate d) {
      var v = exprs.compile(d.value());
      return new ObjectiveInstructions.Let(slots.define(d.bind()), v, d.span());
    }
    if (s instanceof OStmt.SimNormalize n) {
      var k = exprs.compile(n.particles());
      var pa = exprs.compileAll(n.modelArgs());
      var qa = exprs.compileAll(n.guideArgs());
      return new ObjectiveInstructions.SimNormalize(
          slots.define(n.bind()), n.model(), n.guide(), k, pa, qa, n.span());
    }
    if (s instanceof OStmt.DensityNormalize n) {
      int trace = slots.lookup(n.trace(), n.span());
      var k = exprs.compile(n.particles());
      var pa = exprs.compileAll(n.modelArgs());
      var qa = exprs.compileAll(n.guideArgs());
      return new ObjectiveInstructions.DensityNormalize(
          slots.define(n.bind()), n.model(), n.guide(), trace, n.trace(), k, pa, qa, n.span());
    }
    if (s instanceof OStmt.LogQ l) {
      int trace = slots.lookup(l.trace(), l.span());
      return new ObjectiveInstructions.LogQ(slots.define(l.bind()), trace, l.trace(), l.span());
    }
    if (s instanceof OStmt.Choice c) {
      int trace = slots.lookup(c.trace(), c.span());
      return new ObjectiveInstructions.Choice(
          slots.define(c.bind()), trace, c.trace(), c.address(), c.span());
    }
    if (s instanceof OStmt.Returned r) {
      int trace = slots.lookup(r.trace(), r.span());
      return new ObjectiveInstructions.Returned(slots.define(r.bind()), trace, r.trace(), r.span());
    }
    if (s instanceof OStmt.Particles p) {
      var count = exprs.compile(p.count());
      int var = slots.define(p.var());
      Instr[] body = block(p.body());
      var yield = exprs.compile(p.yield());
      return new ObjectiveInstructions.Particles(
          slots.define(p.bind()), var, count, body, yield, p.baseline(), p.span());
    }
    if (s instanceof OStmt.AddCost c) {
      return new ObjectiveInstructions.AddCost(exprs.compile(c.value()), c.span());
    }
    if (s instanceof OStmt.Expect e) {
      Instr[] body = block(e.body());
      return new ObjectiveInstructions.Expect(slots.define(e.bind()), body, e.span());
    }
    if (s instanceof OStmt.Return r) {
      return new ObjectiveInstructions.Return(exprs.compile(r.value()), r.span());
    }
    throw new AssertionError(s);
  }
}
