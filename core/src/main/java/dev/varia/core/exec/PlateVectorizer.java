package dev.varia.core.exec;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.Block;
import dev.varia.core.ir.DistExpr;
import dev.varia.core.ir.Expr;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.PrimOp;
import dev.varia.core.ir.Span;
import dev.varia.core.ir.Stmt;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles a plate whose body allows it into one pass over all iterations at once: values that
 * depend on the plate index carry the iterations on their first axis, {@code z[n] ~ d(...)} becomes
 * one draw of the whole vector site {@code z} (the same site, so traces do not depend on whether a
 * plate was vectorised), observations and factors add one term per iteration, and a marginalised
 * label becomes an elementwise marginalisation (O(N K) in one pass).
 *
 * <p>The body may hold lets, draws and reports of elements {@code [n]}, observations, factors and
 * marginalisations; expressions may use elementwise operations, reductions, dot and matrix-vector
 * products and indexing by the plate index (or by data indexed by it). Anything else (loops,
 * branches, calls inside the plate, locals of the body used outside it) keeps the sequential plate.
 */
final class PlateVectorizer {
  private static boolean enabled = true;

  private static final Set<PrimOp> ELEMENTWISE =
      EnumSet.of(
          PrimOp.ADD,
          PrimOp.SUB,
          PrimOp.MUL,
          PrimOp.DIV,
          PrimOp.POW,
          PrimOp.MAXIMUM,
          PrimOp.MINIMUM,
          PrimOp.NEG,
          PrimOp.SQUARE,
          PrimOp.SQRT,
          PrimOp.EXP,
          PrimOp.LOG,
          PrimOp.LOG1P,
          PrimOp.EXPM1,
          PrimOp.ABS,
          PrimOp.SIN,
          PrimOp.COS,
          PrimOp.TANH,
          PrimOp.SIGMOID,
          PrimOp.LOG_SIGMOID,
          PrimOp.SOFTPLUS,
          PrimOp.RELU,
          PrimOp.LGAMMA,
          PrimOp.DIGAMMA,
          PrimOp.NORMAL_CDF,
          PrimOp.NORMAL_LOG_CDF,
          PrimOp.STOP_GRADIENT,
          PrimOp.LT,
          PrimOp.LE,
          PrimOp.GT,
          PrimOp.GE,
          PrimOp.EQ,
          PrimOp.NE,
          PrimOp.AND,
          PrimOp.OR,
          PrimOp.NOT,
          PrimOp.WHERE);

  private static final Set<PrimOp> REDUCTIONS =
      EnumSet.of(PrimOp.SUM, PrimOp.MEAN, PrimOp.MAX, PrimOp.MIN, PrimOp.LOG_SUM_EXP);

  private final StmtCompiler owner;
  private final Slots slots;
  private final ExprCompiler exprs;
  private final GenFn fn;
  private String plateVar;
  private boolean subsampled;

  PlateVectorizer(StmtCompiler owner, Slots slots, ExprCompiler exprs, GenFn fn) {
    this.owner = owner;
    this.slots = slots;
    this.exprs = exprs;
    this.fn = fn;
  }

  /** Turns vectorisation of plates on or off (tests compare both). */
  static void setEnabled(boolean on) {
    enabled = on;
  }

  static boolean isEnabled() {
    return enabled;
  }

  /** Thrown when a plate cannot be vectorised. */
  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  /** The vectorised plate, or null to run it sequentially. */
  Instr tryCompile(Stmt.Plate p) {
    if (!enabled) {
      return null;
    }
    plateVar = p.var();
    subsampled = p.subsample() != null;
    try {
      Set<String> batched = new HashSet<>();
      batched.add(p.var());
      Set<String> bodyLets = new HashSet<>();
      analyse(p.body(), p.var(), batched, bodyLets, false);
      Set<String> outside = new HashSet<>();
      collectOutside(fn.body(), p, outside);
      for (String l : bodyLets) {
        if (outside.contains(l)) {
          return null;
        }
      }
      Ev size = exprs.compile(p.size());
      int slot = slots.define(p.var());
      Ev iterations = (env, m) -> m.tape().constant(((Node) env[slot]).size());
      Instr[] body =
          compileBody(p.body(), p.var(), slot, iterations, new HashSet<>(Set.of(p.var())));
      Subsampling.Spec sub = subsampled ? owner.subsampleSpec(p) : null;
      return new VectorPlate(slot, size, sub, body, p.span());
    } catch (Unsupported u) {
      return null;
    }
  }

  // ------------------------------------------------------------------ analysis

  private void analyse(
      Block b, String var, Set<String> batched, Set<String> lets, boolean inMarginal) {
    for (Stmt s : b.stmts()) {
      if (s instanceof Stmt.Let l) {
        lets.add(l.name());
        if (isBatched(l.value(), batched)) {
          batched.add(l.name());
        } else {
          batched.remove(l.name());
        }
      } else if (s instanceof Stmt.Sample x && !inMarginal) {
        requireIndex(x.element(), var);
        if (!x.batch().isEmpty()) {
          throw new Unsupported();
        }
        distBatched(x.dist(), batched);
        batched.add(x.name());
      } else if (s instanceof Stmt.Observe o) {
        boolean any = isBatched(o.value(), batched) | distBatched(o.dist(), batched);
        if (!any) {
          throw new Unsupported();
        }
      } else if (s instanceof Stmt.Factor f) {
        if (!isBatched(f.logWeight(), batched)) {
          throw new Unsupported();
        }
      } else if (s instanceof Stmt.Report r && !inMarginal) {
        requireIndex(r.element(), var);
        isBatched(r.value(), batched);
        batched.add(r.name());
      } else if (s instanceof Stmt.Marginalize mz && !inMarginal && !mz.elementwise()) {
        distBatched(mz.dist(), batched);
        lets.add(mz.var());
        batched.remove(mz.var());
        analyse(mz.body(), var, batched, lets, true);
      } else {
        throw new Unsupported();
      }
    }
  }

  private boolean isPlateIndex(Expr.Index ix) {
    return ix.indices().size() == 1
        && ix.indices().get(0) instanceof Expr.Var v
        && v.name().equals(plateVar);
  }

  private static void requireIndex(List<Expr> element, String var) {
    if (element.size() != 1 || !(element.get(0) instanceof Expr.Var v) || !v.name().equals(var)) {
      throw new Unsupported();
    }
  }

  private boolean distBatched(DistExpr d, Set<String> batched) {
    boolean any = false;
    for (Expr a : d.args()) {
      any |= isBatched(a, batched);
    }
    return any;
  }

  /** Whether e depends on the plate index; throws Unsupported for forms that cannot batch. */
  private boolean isBatched(Expr e, Set<String> batched) {
    if (e instanceof Expr.Var v) {
      return batched.contains(v.name());
    }
    if (e instanceof Expr.Const || e instanceof Expr.DataRef) {
      return false;
    }
    if (e instanceof Expr.Index ix) {
      boolean t = isBatched(ix.target(), batched);
      if (t && isPlateIndex(ix)) {
        return true; // z[n] of a batched z: its value for each iteration
      }
      boolean any = false;
      for (Expr i : ix.indices()) {
        any |= isBatched(i, batched);
      }
      if (t && (any || ix.indices().size() != 1)) {
        throw new Unsupported();
      }
      return t || any;
    }
    if (e instanceof Expr.Slice s) {
      if (isBatched(s.target(), batched)
          || isBatched(s.from(), batched)
          || isBatched(s.to(), batched)) {
        throw new Unsupported();
      }
      return false;
    }
    Expr.Prim p = (Expr.Prim) e;
    boolean any = false;
    for (Expr a : p.args()) {
      any |= isBatched(a, batched);
    }
    if (!any) {
      return false;
    }
    if (ELEMENTWISE.contains(p.op())
        || p.op() == PrimOp.DOT
        || p.op() == PrimOp.MATMUL
        || (REDUCTIONS.contains(p.op()) && p.args().size() == 1)) {
      return true;
    }
    throw new Unsupported();
  }

  /** Names of variables referenced anywhere in the function outside {@code plate}'s body. */
  private static void collectOutside(Block b, Stmt.Plate plate, Set<String> out) {
    for (Stmt s : b.stmts()) {
      if (s == plate) {
        out.addAll(vars(plate.size()));
        continue;
      }
      for (Expr e : exprsOf(s)) {
        out.addAll(vars(e));
      }
      for (Block inner : blocksOf(s)) {
        collectOutside(inner, plate, out);
      }
    }
  }

  private static List<Expr> exprsOf(Stmt s) {
    List<Expr> out = new ArrayList<>();
    if (s instanceof Stmt.Let l) {
      out.add(l.value());
    } else if (s instanceof Stmt.DeclareArray d) {
      out.addAll(d.dims());
    } else if (s instanceof Stmt.SetElement e) {
      out.addAll(e.indices());
      out.add(e.value());
      out.add(new Expr.Var(e.name(), e.span()));
    } else if (s instanceof Stmt.Sample x) {
      out.addAll(x.element());
      out.addAll(x.dist().args());
      out.addAll(x.batch());
    } else if (s instanceof Stmt.Observe o) {
      out.add(o.value());
      out.addAll(o.dist().args());
    } else if (s instanceof Stmt.Factor f) {
      out.add(f.logWeight());
    } else if (s instanceof Stmt.Report r) {
      out.addAll(r.element());
      out.add(r.value());
    } else if (s instanceof Stmt.If i) {
      out.add(i.cond());
    } else if (s instanceof Stmt.For f) {
      out.add(f.from());
      out.add(f.to());
    } else if (s instanceof Stmt.Plate p) {
      out.add(p.size());
    } else if (s instanceof Stmt.Marginalize m) {
      out.addAll(m.dist().args());
    } else if (s instanceof Stmt.Call c) {
      out.addAll(c.index());
      out.addAll(c.args());
    } else if (s instanceof Stmt.Return r) {
      out.add(r.value());
    }
    return out;
  }

  private static List<Block> blocksOf(Stmt s) {
    if (s instanceof Stmt.If i) {
      return List.of(i.then(), i.otherwise());
    }
    if (s instanceof Stmt.For f) {
      return List.of(f.body());
    }
    if (s instanceof Stmt.Plate p) {
      return List.of(p.body());
    }
    if (s instanceof Stmt.Marginalize m) {
      return List.of(m.body());
    }
    return List.of();
  }

  private static Set<String> vars(Expr e) {
    Set<String> out = new HashSet<>();
    collectVars(e, out);
    return out;
  }

  private static void collectVars(Expr e, Set<String> out) {
    if (e instanceof Expr.Var v) {
      out.add(v.name());
    } else if (e instanceof Expr.Prim p) {
      p.args().forEach(a -> collectVars(a, out));
    } else if (e instanceof Expr.Index ix) {
      collectVars(ix.target(), out);
      ix.indices().forEach(a -> collectVars(a, out));
    } else if (e instanceof Expr.Slice s) {
      collectVars(s.target(), out);
      collectVars(s.from(), out);
      collectVars(s.to(), out);
    }
  }

  // ------------------------------------------------------------------ compilation

  /** A compiled expression with whether it carries the iterations on its first axis. */
  private record BEv(Ev ev, boolean batched) {}

  private Instr[] compileBody(Block b, String var, int varSlot, Ev size, Set<String> batched) {
    List<Instr> out = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      if (s instanceof Stmt.Let l) {
        BEv v = expr(l.value(), var, batched);
        if (v.batched) {
          batched.add(l.name());
        } else {
          batched.remove(l.name());
        }
        out.add(new Instructions.Let(slots.define(l.name()), v.ev, l.span()));
      } else if (s instanceof Stmt.Sample x) {
        Instructions.DistEv d = dist(x.dist(), var, batched);
        batched.add(x.name());
        out.add(
            new Instructions.Sample(
                x.name(),
                slots.define(x.name()),
                new Ev[0],
                d,
                new Ev[] {size},
                x.strategy(),
                x.span()));
      } else if (s instanceof Stmt.Observe o) {
        BEv v = expr(o.value(), var, batched);
        out.add(new Instructions.Observe(v.ev, dist(o.dist(), var, batched), o.span()));
      } else if (s instanceof Stmt.Factor f) {
        out.add(new Instructions.Factor(expr(f.logWeight(), var, batched).ev, f.span()));
      } else if (s instanceof Stmt.Report r) {
        BEv v = expr(r.value(), var, batched);
        Ev value = v.batched ? v.ev : broadcast(v.ev, varSlot);
        batched.add(r.name());
        out.add(
            new Instructions.Report(r.name(), slots.define(r.name()), new Ev[0], value, r.span()));
      } else if (s instanceof Stmt.Marginalize mz) {
        Instructions.DistEv d = dist(mz.dist(), var, batched);
        int slot = slots.define(mz.var());
        batched.remove(mz.var());
        Instr[] body = compileBody(mz.body(), var, varSlot, size, batched);
        out.add(new Instructions.Marginalize(slot, d, body, true, mz.span()));
      } else {
        throw new AssertionError(s);
      }
    }
    return out.toArray(new Instr[0]);
  }

  /** An unbatched value repeated for every iteration. */
  private static Ev broadcast(Ev v, int varSlot) {
    return (env, m) -> {
      Node index = (Node) env[varSlot];
      return index.mul(0.0).add(v.eval(env, m));
    };
  }

  private Instructions.DistEv dist(DistExpr d, String var, Set<String> batched) {
    BEv[] args = new BEv[d.args().size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = expr(d.args().get(i), var, batched);
    }
    DistributionFamilies families = owner.families();
    String family = d.family();
    return (env, m) -> {
      Node[] a = new Node[args.length];
      for (int i = 0; i < a.length; i++) {
        a[i] = args[i].ev.eval(env, m);
      }
      return families.create(family, a, m.tape());
    };
  }

  private BEv expr(Expr e, String var, Set<String> batched) {
    if (!isBatched(e, batched)) {
      return new BEv(exprs.compile(e), false);
    }
    if (e instanceof Expr.Var v) {
      int slot = slots.lookup(v.name(), v.span());
      String name = v.name();
      return new BEv((env, m) -> ExprCompiler.read(env, slot, name, m.tape()), true);
    }
    if (e instanceof Expr.Index ix) {
      return index(ix, var, batched);
    }
    Expr.Prim p = (Expr.Prim) e;
    List<Expr> args = p.args();
    BEv[] a = new BEv[args.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = expr(args.get(i), var, batched);
    }
    boolean[] flags = new boolean[a.length];
    Ev[] evs = new Ev[a.length];
    for (int i = 0; i < a.length; i++) {
      flags[i] = a[i].batched;
      evs[i] = a[i].ev;
    }
    PrimOp op = p.op();
    if (REDUCTIONS.contains(op)) {
      Ev x = evs[0];
      return new BEv((env, m) -> BatchOps.reduce(op, x.eval(env, m)), true);
    }
    if (op == PrimOp.DOT) {
      return new BEv(
          (env, m) -> BatchOps.dot(evs[0].eval(env, m), flags[0], evs[1].eval(env, m), flags[1]),
          true);
    }
    if (op == PrimOp.MATMUL) {
      return new BEv(
          (env, m) -> BatchOps.matmul(evs[0].eval(env, m), flags[0], evs[1].eval(env, m), flags[1]),
          true);
    }
    // an elementwise operation: align the operands, then apply the ordinary operation to
    // fresh locals so that the core compiler's code for the operation is reused
    Slots local = new Slots("vectorised " + op);
    List<Expr> refs = new ArrayList<>();
    for (int i = 0; i < a.length; i++) {
      String name = "_" + i;
      local.define(name);
      refs.add(op == PrimOp.LEAKY_RELU && i == 1 ? args.get(1) : new Expr.Var(name, p.span()));
    }
    Ev apply = new ExprCompiler(owner.program(), local).compile(new Expr.Prim(op, refs, p.span()));
    return new BEv(
        (env, m) -> {
          Node[] vals = new Node[evs.length];
          for (int i = 0; i < vals.length; i++) {
            vals[i] = evs[i].eval(env, m);
          }
          Object[] aligned = BatchOps.align(vals, flags);
          return apply.eval(aligned, m);
        },
        true);
  }

  private BEv index(Expr.Index ix, String var, Set<String> batched) {
    BEv target = expr(ix.target(), var, batched);
    Span span = ix.span();
    if (target.batched && isPlateIndex(ix)) {
      return target;
    }
    if (target.batched) {
      // a value per iteration indexed by an unbatched index: column j of the per-iteration rows
      Ev t = target.ev;
      Ev j = exprs.compile(ix.indices().get(0));
      return new BEv(
          (env, m) -> {
            Node x = t.eval(env, m);
            if (!x.shape().isMatrix()) {
              throw new dev.varia.core.VariaException(
                  span + ": cannot index a single number per iteration");
            }
            return x.transpose().index(ExprCompiler.toInt(j.eval(env, m)));
          },
          true);
    }
    Ev t = target.ev;
    if (ix.indices().size() == 2) {
      BEv i = expr(ix.indices().get(0), var, batched);
      BEv j = expr(ix.indices().get(1), var, batched);
      return new BEv(
          (env, m) -> {
            Node x = t.eval(env, m);
            Node ii = i.ev.eval(env, m);
            Node jj = j.ev.eval(env, m);
            int n = Math.max(ii.size(), jj.size());
            return BatchOps.gather2(x, ii, jj, n);
          },
          true);
    }
    Expr idx = ix.indices().get(0);
    if (idx instanceof Expr.Var v && v.name().equals(var)) {
      // x[n] over all n: x itself when it has exactly N elements (or rows)
      int slot = slots.lookup(var, span);
      if (subsampled) {
        // a minibatch of the iterations: the elements (rows) at its indices
        return new BEv((env, m) -> BatchOps.gather(t.eval(env, m), (Node) env[slot]), true);
      }
      return new BEv(
          (env, m) -> {
            Node x = t.eval(env, m);
            int n = ((Node) env[slot]).size();
            int len = x.shape().isMatrix() ? x.shape().rows() : x.size();
            if (len == n) {
              return x;
            }
            if (len < n) {
              throw new dev.varia.core.VariaException(
                  span
                      + ": index "
                      + n
                      + " is out of bounds for length "
                      + len
                      + " (0-based "
                      + (n - 1)
                      + ")");
            }
            return x.slice(0, n);
          },
          true);
    }
    BEv i = expr(idx, var, batched);
    return new BEv((env, m) -> BatchOps.gather(t.eval(env, m), i.ev.eval(env, m)), true);
  }

  /**
   * A plate run as one pass: its index is the vector 0..N-1, or the minibatch of a subsampled plate
   * (whose log densities are then scaled by N / m).
   */
  record VectorPlate(int slot, Ev size, Subsampling.Spec subsample, Instr[] body, Span span)
      implements Instr {
    @Override
    public void exec(Machine m, Frame f) {
      int n = ExprCompiler.toInt(size.eval(f.env, m));
      if (n <= 0 || body.length == 0) {
        return;
      }
      int[] chosen =
          subsample == null ? null : Subsampling.indices(subsample, n, f.env, m, f.handler);
      int count = chosen == null ? n : chosen.length;
      double[] idx = new double[count];
      for (int i = 0; i < count; i++) {
        idx[i] = chosen == null ? i : chosen[i];
      }
      f.env[slot] = m.tape().constant(Tensor.wrap(idx, Shape.vector(count)));
      double scale = (double) n / count;
      m.push(new PlateBlock(body, f.env, f.handler, f.prefix, scale));
    }
  }

  /** The body of a vectorised plate: a block whose draws are inside a plate. */
  static final class PlateBlock extends Frame {
    private final double scale;

    PlateBlock(
        Instr[] code, Object[] env, Handler h, dev.varia.core.gen.Address prefix, double scale) {
      super(code, env, h, prefix);
      this.scale = scale;
    }

    @Override
    protected void onEnd(Machine m) {
      m.pop(this);
    }

    @Override
    protected boolean inPlate() {
      return true;
    }

    @Override
    protected double ownLogDensityScale() {
      return scale;
    }

    @Override
    protected Frame copy(Copies copies) {
      return withPc(new PlateBlock(code, copies.env(env), copies.handler(handler), prefix, scale));
    }
  }
}
