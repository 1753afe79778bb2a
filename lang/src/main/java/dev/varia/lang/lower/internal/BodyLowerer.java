package dev.varia.lang.lower.internal;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.Block;
import dev.varia.core.ir.DistExpr;
import dev.varia.core.ir.Domain;
import dev.varia.core.ir.Expr;
import dev.varia.core.ir.PrimOp;
import dev.varia.core.ir.Span;
import dev.varia.core.ir.Stmt;
import dev.varia.core.ir.Strategy;
import dev.varia.lang.ast.Arg;
import dev.varia.lang.ast.Decl;
import dev.varia.lang.ast.IndexArg;
import dev.varia.lang.ast.Loc;
import dev.varia.lang.check.Builtins;
import dev.varia.lang.check.CheckedProgram;
import dev.varia.lang.check.ConstEval;
import dev.varia.lang.check.Resolution;
import dev.varia.lang.check.Symbol;
import dev.varia.lang.check.Ty;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lowers the checked statements and expressions of one body to the generative-function IR: 1-based
 * indices and inclusive ranges become 0-based and half-open, loop indices are bound 0-based (a use
 * as a value adds 1), {@code *} becomes a matrix product where an operand is a matrix, functions
 * are inlined (their statements hoisted before the statement that uses them), and typed latents
 * become flat sites.
 */
public final class BodyLowerer {
  /** Thrown when a program cannot be lowered (reported as E0800/E0711 by the caller). */
  public static final class LoweringError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Loc loc;
    private final boolean tooLarge;

    LoweringError(Loc loc, String msg, boolean tooLarge) {
      super(msg, null, false, false);
      this.loc = loc;
      this.tooLarge = tooLarge;
    }

    /** Where. */
    public Loc loc() {
      return loc;
    }

    /** True when the program grew past the inlining budget. */
    public boolean tooLarge() {
      return tooLarge;
    }
  }

  /** The most IR statements one function may grow to by inlining. */
  public static final int MAX_STATEMENTS = 200_000;

  /** The most expression nodes one function may grow to by inlining. */
  public static final int MAX_NODES = 2_000_000;

  private int nodes;

  /** The most elements of one param. */
  public static final int MAX_PARAM_ELEMENTS = 50_000_000;

  private final CheckedProgram prog;
  private final Resolution res;
  private final String file;
  private final ConstEval consts;
  private final Deque<List<Stmt>> out = new ArrayDeque<>();
  private final Deque<Map<String, Expr>> frames = new ArrayDeque<>();
  private final Map<String, Integer> counters;
  private int emitted;

  /**
   * A lowerer for one function of {@code prog}; {@code data} holds the data values known now (for
   * param shapes).
   */
  public BodyLowerer(CheckedProgram prog, Map<String, Tensor> data, Map<String, Integer> counters) {
    this.prog = prog;
    this.res = prog.resolution();
    this.file = prog.file().name();
    this.consts = new ConstEval(n -> Optional.ofNullable(data.get(n)));
    this.counters = counters;
  }

  private Span span(Loc l) {
    return new Span(file, l.line(), l.column());
  }

  private String fresh(String base) {
    int k = counters.merge(base, 1, Integer::sum);
    return "__" + base + k;
  }

  private void emit(Stmt s) {
    if (++emitted > MAX_STATEMENTS) {
      throw new LoweringError(
          Loc.NONE,
          "the program grows past " + MAX_STATEMENTS + " statements when its functions are inlined",
          true);
    }
    out.peek().add(s);
  }

  /** Lowers a block of statements into an IR block. */
  public Block block(dev.varia.lang.ast.Block b) {
    out.push(new ArrayList<>());
    for (dev.varia.lang.ast.Stmt s : b.stmts()) {
      stmt(s);
    }
    return new Block(out.pop());
  }

  /** Lowers a block, appending extra statements at its end. */
  public Block block(dev.varia.lang.ast.Block b, List<Stmt> extra) {
    out.push(new ArrayList<>());
    for (dev.varia.lang.ast.Stmt s : b.stmts()) {
      stmt(s);
    }
    out.peek().addAll(extra);
    return new Block(out.pop());
  }

  private String ir(String name) {
    if (!frames.isEmpty()) {
      Expr e = frames.peek().get(name);
      if (e instanceof Expr.Var v) {
        return v.name();
      }
      String r = fresh("f_" + name + "_");
      frames.peek().put(name, new Expr.Var(r, Span.synthetic("inline")));
      return r;
    }
    return name;
  }

  // ============================================================================================
  // statements

  private void stmt(dev.varia.lang.ast.Stmt s) {
    Span sp = span(s.loc());
    if (s instanceof dev.varia.lang.ast.Stmt.Tilde t) {
      tilde(t, sp);
    } else if (s instanceof dev.varia.lang.ast.Stmt.Assign a) {
      Expr v = expr(a.value());
      if (res.isElementAssign(a)) {
        emit(new Stmt.SetElement(ir(a.target().text()), indices0(a.indices()), v, sp));
      } else {
        emit(new Stmt.Let(ir(a.target().text()), v, sp));
      }
    } else if (s instanceof dev.varia.lang.ast.Stmt.Declare d) {
      Resolution.LatentDecl ld = res.latent(d);
      if (ld != null && res.fusedTilde(d) != null) {
        return;
      }
      if (ld != null) {
        List<Expr> args = exprs(ld.args());
        List<Expr> batch = exprs(ld.batch());
        emit(
            new Stmt.Sample(
                d.name().text(),
                List.of(),
                new DistExpr(ld.family(), args, sp),
                batch,
                Strategy.AUTO,
                sp));
      } else if (d.value().isPresent()) {
        emit(new Stmt.Let(ir(d.name().text()), expr(d.value().get()), sp));
      }
    } else if (s instanceof dev.varia.lang.ast.Stmt.VarDecl v) {
      List<Expr> dims = new ArrayList<>();
      for (Optional<dev.varia.lang.ast.Expr> e : v.type().dims()) {
        dims.add(expr(e.orElseThrow()));
      }
      double init = v.init().flatMap(consts::scalar).orElse(0.0);
      emit(new Stmt.DeclareArray(ir(v.name().text()), dims, init, sp));
    } else if (s instanceof dev.varia.lang.ast.Stmt.Param p) {
      param(p, sp);
    } else if (s instanceof dev.varia.lang.ast.Stmt.Report r) {
      emit(new Stmt.Report(r.name().text(), indices0(r.indices()), expr(r.value()), sp));
    } else if (s instanceof dev.varia.lang.ast.Stmt.Factor f) {
      emit(new Stmt.Factor(expr(f.value()), sp));
    } else if (s instanceof dev.varia.lang.ast.Stmt.For f) {
      if (f.plate()) {
        Expr size = expr(f.to());
        emit(new Stmt.Plate(ir(f.var().text()), size, block(f.body()), sp));
      } else {
        Expr from = minusOne(expr(f.from()));
        Expr to = expr(f.to());
        emit(new Stmt.For(ir(f.var().text()), from, to, block(f.body()), sp));
      }
    } else if (s instanceof dev.varia.lang.ast.Stmt.If i) {
      Expr c = expr(i.cond());
      Block then = block(i.then());
      Block other = i.otherwise().map(this::block).orElse(Block.empty());
      emit(new Stmt.If(c, then, other, sp));
    } else if (s instanceof dev.varia.lang.ast.Stmt.Marginalize m) {
      Resolution.DistUse du = res.marginal(m);
      DistExpr d = dist(du, m.dist().loc());
      emit(new Stmt.Marginalize(ir(m.var().text()), d, block(m.body()), !m.batch().isEmpty(), sp));
    } else if (s instanceof dev.varia.lang.ast.Stmt.Return r) {
      emit(new Stmt.Return(expr(r.value()), sp));
    }
  }

  private void tilde(dev.varia.lang.ast.Stmt.Tilde t, Span sp) {
    Resolution.TildeInfo info = res.tilde(t);
    switch (info.kind()) {
      case SAMPLE:
        {
          String name = ((dev.varia.lang.ast.Expr.Ref) t.lhs()).name();
          DistExpr d = dist(info.dist().orElseThrow(), t.rhs().loc());
          List<Expr> batch = new ArrayList<>();
          for (Optional<dev.varia.lang.ast.Expr> b : t.batch()) {
            batch.add(expr(b.orElseThrow()));
          }
          emit(new Stmt.Sample(name, List.of(), d, batch, info.strategy(), sp));
          return;
        }
      case SAMPLE_ELEMENT:
        {
          dev.varia.lang.ast.Expr.Index ix = (dev.varia.lang.ast.Expr.Index) t.lhs();
          String name = ((dev.varia.lang.ast.Expr.Ref) ix.target()).name();
          List<Expr> el = indices0(ix.indices());
          DistExpr d = dist(info.dist().orElseThrow(), t.rhs().loc());
          emit(new Stmt.Sample(name, el, d, List.of(), info.strategy(), sp));
          return;
        }
      case OBSERVE:
        {
          dev.varia.lang.ast.Stmt.Declare decl = res.fusedDeclaration(t);
          if (decl != null) {
            Resolution.LatentDecl ld = res.latent(decl);
            DistExpr base = dist(info.dist().orElseThrow(), t.rhs().loc());
            DistExpr d = base;
            if (res.fusedRestricted(t)) {
              List<Expr> args = new ArrayList<>(base.args());
              args.addAll(exprs(ld.bounds()));
              d = new DistExpr(ld.restriction() + ":" + base.family(), args, base.span());
            }
            emit(
                new Stmt.Sample(
                    decl.name().text(), List.of(), d, exprs(ld.batch()), Strategy.AUTO, sp));
            return;
          }
          Expr v = expr(t.lhs());
          DistExpr d = dist(info.dist().orElseThrow(), t.rhs().loc());
          emit(new Stmt.Observe(v, d, sp));
          return;
        }
      case CALL:
        {
          List<Expr> args = new ArrayList<>();
          for (Arg a : t.rhs().args()) {
            args.add(expr(a.value()));
          }
          String ns;
          List<Expr> index = List.of();
          String bind;
          if (t.lhs() instanceof dev.varia.lang.ast.Expr.Ref r) {
            ns = r.name();
            bind = t.bind().map(b -> ir(b.text())).orElse(r.name());
          } else {
            dev.varia.lang.ast.Expr.Index ix = (dev.varia.lang.ast.Expr.Index) t.lhs();
            ns = ((dev.varia.lang.ast.Expr.Ref) ix.target()).name();
            index = indices0(ix.indices());
            bind = t.bind().map(b -> ir(b.text())).orElse(null);
          }
          emit(new Stmt.Call(bind, ns, index, info.callee(), args, sp));
          return;
        }
      default:
        throw new LoweringError(t.loc(), "sim is only meaningful in an objective", false);
    }
  }

  private void param(dev.varia.lang.ast.Stmt.Param p, Span sp) {
    Resolution.ParamDecl pd = res.param(p);
    int[] dims = new int[pd.sizes().size()];
    double total = 1;
    for (int i = 0; i < dims.length; i++) {
      Optional<Double> v = consts.scalar(pd.sizes().get(i));
      if (v.isEmpty()) {
        throw new LoweringError(
            pd.sizes().get(i).loc(),
            "the size of param "
                + p.name().text()
                + " must be known when the program is compiled (a number or data)",
            false);
      }
      dims[i] = (int) Math.round(v.get());
      total *= Math.max(0, v.get());
    }
    if (total > MAX_PARAM_ELEMENTS) {
      throw new LoweringError(
          p.type().loc(),
          "param "
              + p.name().text()
              + " would have "
              + (long) total
              + " elements; the limit is "
              + MAX_PARAM_ELEMENTS,
          false);
    }
    Domain dom = pd.domain();
    Shape shape;
    if (dom.kind() == Domain.Kind.CORR_CHOLESKY || dom.kind() == Domain.Kind.COV_CHOLESKY) {
      shape = Shape.matrix(dims[0], dims[0]);
    } else {
      shape = Shape.of(dims);
    }
    Tensor init = p.init().flatMap(consts::eval).orElse(null);
    if (init == null) {
      init = defaultInit(dom, shape);
    }
    if (!init.shape().equals(shape) && init.size() != 1) {
      init = init.reshape(shape);
    }
    emit(new Stmt.Param(p.name().text(), shape, dom, init, sp));
  }

  /** A point inside the domain: 0, bound + 1, the interval's middle, uniform simplex, ... */
  static Tensor defaultInit(Domain d, Shape shape) {
    int n = shape.size();
    double[] v = new double[n];
    switch (d.kind()) {
      case LOWER:
        java.util.Arrays.fill(v, d.lower() + 1);
        break;
      case UPPER:
        java.util.Arrays.fill(v, d.upper() - 1);
        break;
      case INTERVAL:
        java.util.Arrays.fill(v, (d.lower() + d.upper()) / 2);
        break;
      case SIMPLEX:
        java.util.Arrays.fill(v, 1.0 / Math.max(1, n));
        break;
      case ORDERED:
        for (int i = 0; i < n; i++) {
          v[i] = i;
        }
        break;
      case POSITIVE_ORDERED:
        for (int i = 0; i < n; i++) {
          v[i] = i + 1;
        }
        break;
      case CORR_CHOLESKY:
      case COV_CHOLESKY:
        for (int i = 0; i < shape.rows(); i++) {
          v[i * shape.cols() + i] = 1;
        }
        break;
      default:
        break;
    }
    return Tensor.wrap(v, shape);
  }

  private DistExpr dist(Resolution.DistUse du, Loc l) {
    Span sp = span(l);
    String family = du.dist().name();
    List<Expr> args = exprs(du.args());
    if (family.equals("std_normal")) {
      return new DistExpr("normal", List.of(num(0, sp), num(1, sp)), sp);
    }
    return new DistExpr(family, args, sp);
  }

  private List<Expr> exprs(List<dev.varia.lang.ast.Expr> es) {
    List<Expr> out = new ArrayList<>(es.size());
    for (dev.varia.lang.ast.Expr e : es) {
      out.add(expr(e));
    }
    return out;
  }

  private List<Expr> indices0(List<IndexArg> idx) {
    List<Expr> out = new ArrayList<>();
    for (IndexArg a : idx) {
      out.add(minusOne(expr(((IndexArg.Single) a).index())));
    }
    return out;
  }

  // ============================================================================================
  // expressions

  private static Expr num(double v, Span s) {
    return new Expr.Const(Tensor.scalar(v), s);
  }

  private static Double constOf(Expr e) {
    if (e instanceof Expr.Const c && c.value().size() == 1 && c.value().shape().rank() == 0) {
      return c.value().get(0);
    }
    return null;
  }

  private static Expr prim(PrimOp op, Span s, Expr... args) {
    return new Expr.Prim(op, List.of(args), s);
  }

  /** {@code a + b} with constant folding (so that loop indices fold back to 0-based). */
  static Expr add(Expr a, Expr b, Span s) {
    Double ca = constOf(a);
    Double cb = constOf(b);
    if (ca != null && cb != null) {
      return num(ca + cb, s);
    }
    if (cb != null && cb == 0) {
      return a;
    }
    if (cb != null
        && a instanceof Expr.Prim p
        && (p.op() == PrimOp.ADD || p.op() == PrimOp.SUB)
        && constOf(p.args().get(1)) != null) {
      double c = p.op() == PrimOp.ADD ? constOf(p.args().get(1)) : -constOf(p.args().get(1));
      return add(p.args().get(0), num(c + cb, s), s);
    }
    if (cb != null && cb < 0) {
      return prim(PrimOp.SUB, s, a, num(-cb, s));
    }
    return prim(PrimOp.ADD, s, a, b);
  }

  static Expr sub(Expr a, Expr b, Span s) {
    Double cb = constOf(b);
    if (cb != null) {
      return add(a, num(-cb, s), s);
    }
    return prim(PrimOp.SUB, s, a, b);
  }

  /** e - 1, folded: turns a 1-based index into a 0-based one. */
  static Expr minusOne(Expr e) {
    return add(e, num(-1, e.span()), e.span());
  }

  /** Lowers an expression, hoisting statements (inlined functions, for-expressions) before it. */
  public Expr expr(dev.varia.lang.ast.Expr e) {
    if (++nodes > MAX_NODES) {
      throw new LoweringError(
          e.loc(),
          "the program grows past "
              + MAX_NODES
              + " expression nodes when its functions are inlined",
          true);
    }
    Span sp = span(e.loc());
    if (e instanceof dev.varia.lang.ast.Expr.Num n) {
      return num(n.value(), sp);
    }
    if (e instanceof dev.varia.lang.ast.Expr.Ref r) {
      return ref(r, sp);
    }
    if (e instanceof dev.varia.lang.ast.Expr.Unary u) {
      Expr x = expr(u.operand());
      switch (u.op()) {
        case NEG:
          {
            Double c = constOf(x);
            return c != null ? num(-c, sp) : prim(PrimOp.NEG, sp, x);
          }
        case PLUS:
          return x;
        default:
          return prim(PrimOp.NOT, sp, x);
      }
    }
    if (e instanceof dev.varia.lang.ast.Expr.Binary b) {
      return binary(b, sp);
    }
    if (e instanceof dev.varia.lang.ast.Expr.Call c) {
      return call(c, sp);
    }
    if (e instanceof dev.varia.lang.ast.Expr.Index ix) {
      return index(ix, sp);
    }
    if (e instanceof dev.varia.lang.ast.Expr.Transpose t) {
      Expr x = expr(t.target());
      return res.type(t.target()).rank() == 2 ? prim(PrimOp.TRANSPOSE, sp, x) : x;
    }
    if (e instanceof dev.varia.lang.ast.Expr.VectorLit v) {
      return vector(v, sp);
    }
    if (e instanceof dev.varia.lang.ast.Expr.ForExpr f) {
      return forExpr(f, sp);
    }
    throw new LoweringError(e.loc(), "this construct is only meaningful in an objective", false);
  }

  private Expr ref(dev.varia.lang.ast.Expr.Ref r, Span sp) {
    Symbol s = res.symbol(r);
    if (s == null) {
      throw new LoweringError(r.loc(), "unresolved name " + r.name(), false);
    }
    switch (s.kind()) {
      case DATA:
        return new Expr.DataRef(r.name(), sp);
      case LOOP_VAR:
        return add(new Expr.Var(ir(r.name()), sp), num(1, sp), sp);
      case ARG:
        if (!frames.isEmpty()) {
          Expr bound = frames.peek().get(r.name());
          if (bound != null) {
            return bound;
          }
        }
        return new Expr.Var(r.name(), sp);
      default:
        return new Expr.Var(ir(r.name()), sp);
    }
  }

  private Expr binary(dev.varia.lang.ast.Expr.Binary b, Span sp) {
    Expr l = expr(b.left());
    Expr r = expr(b.right());
    Ty lt = res.type(b.left());
    Ty rt = res.type(b.right());
    switch (b.op()) {
      case ADD:
        return add(l, r, sp);
      case SUB:
        return sub(l, r, sp);
      case MUL:
        if ((lt.rank() == 2 && rt.rank() >= 1) || (lt.rank() == 1 && rt.rank() == 2)) {
          return prim(PrimOp.MATMUL, sp, l, r);
        }
        return prim(PrimOp.MUL, sp, l, r);
      case ELT_MUL:
        return prim(PrimOp.MUL, sp, l, r);
      case DIV:
      case ELT_DIV:
        return prim(PrimOp.DIV, sp, l, r);
      case POW:
        {
          Double c = constOf(r);
          if (c != null && c == 2) {
            return prim(PrimOp.SQUARE, sp, l);
          }
          if (c != null && c == 0.5) {
            return prim(PrimOp.SQRT, sp, l);
          }
          return prim(PrimOp.POW, sp, l, r);
        }
      case EQ:
        return prim(PrimOp.EQ, sp, l, r);
      case NE:
        return prim(PrimOp.NE, sp, l, r);
      case LT:
        return prim(PrimOp.LT, sp, l, r);
      case LE:
        return prim(PrimOp.LE, sp, l, r);
      case GT:
        return prim(PrimOp.GT, sp, l, r);
      case GE:
        return prim(PrimOp.GE, sp, l, r);
      case AND:
        return prim(PrimOp.AND, sp, l, r);
      default:
        return prim(PrimOp.OR, sp, l, r);
    }
  }

  private Expr index(dev.varia.lang.ast.Expr.Index ix, Span sp) {
    Expr t = expr(ix.target());
    Ty tt = res.type(ix.target());
    List<IndexArg> idx = ix.indices();
    if (idx.size() == 1) {
      IndexArg a = idx.get(0);
      if (a instanceof IndexArg.Single s) {
        return new Expr.Index(t, List.of(minusOne(expr(s.index()))), sp);
      }
      return slice(t, (IndexArg.Range) a, tt, 0, sp);
    }
    IndexArg a = idx.get(0);
    IndexArg b = idx.get(1);
    if (a instanceof IndexArg.Single i && b instanceof IndexArg.Single j) {
      return new Expr.Index(t, List.of(minusOne(expr(i.index())), minusOne(expr(j.index()))), sp);
    }
    if (a instanceof IndexArg.Single i) {
      Expr row = new Expr.Index(t, List.of(minusOne(expr(i.index()))), sp);
      return slice(row, (IndexArg.Range) b, tt, 1, sp);
    }
    IndexArg.Range ra = (IndexArg.Range) a;
    if (b instanceof IndexArg.Single j) {
      Expr col =
          new Expr.Index(prim(PrimOp.TRANSPOSE, sp, t), List.of(minusOne(expr(j.index()))), sp);
      return slice(col, ra, tt, 0, sp);
    }
    Expr rows = slice(t, ra, tt, 0, sp);
    IndexArg.Range rb = (IndexArg.Range) b;
    if (rb.from().isEmpty() && rb.to().isEmpty()) {
      return rows;
    }
    Expr cols = slice(prim(PrimOp.TRANSPOSE, sp, rows), rb, tt, 1, sp);
    return prim(PrimOp.TRANSPOSE, sp, cols);
  }

  /** Elements (rows) from..to (1-based, inclusive) of {@code t} along dimension {@code dim}. */
  private Expr slice(Expr t, IndexArg.Range r, Ty tt, int dim, Span sp) {
    if (r.from().isEmpty() && r.to().isEmpty()) {
      return t;
    }
    Expr from = r.from().map(f -> minusOne(expr(f))).orElse(num(0, sp));
    Expr to;
    if (r.to().isPresent()) {
      to = expr(r.to().get());
    } else {
      to = size(t, tt.rank() == 2 && dim == 0, sp);
    }
    return new Expr.Slice(t, from, to, sp);
  }

  /** The number of elements of a vector, or of rows of a matrix. */
  private Expr size(Expr t, boolean rowsOfMatrix, Span sp) {
    if (rowsOfMatrix) {
      return prim(
          PrimOp.SIZE, sp, new Expr.Index(prim(PrimOp.TRANSPOSE, sp, t), List.of(num(0, sp)), sp));
    }
    return prim(PrimOp.SIZE, sp, t);
  }

  private Expr vector(dev.varia.lang.ast.Expr.VectorLit v, Span sp) {
    Optional<Tensor> c = ConstEval.literals().eval(v);
    if (c.isPresent()) {
      return new Expr.Const(c.get(), sp);
    }
    List<Expr> parts = new ArrayList<>();
    boolean rows = !v.elements().isEmpty() && res.type(v.elements().get(0)).rank() == 1;
    for (dev.varia.lang.ast.Expr x : v.elements()) {
      Expr e = expr(x);
      parts.add(rows ? prim(PrimOp.OUTER, sp, new Expr.Const(Tensor.vector(1.0), sp), e) : e);
    }
    if (parts.isEmpty()) {
      return new Expr.Const(Tensor.zeros(Shape.vector(0)), sp);
    }
    if (rows && parts.size() == 1) {
      return parts.get(0);
    }
    return new Expr.Prim(PrimOp.CONCAT, parts, sp);
  }

  private Expr forExpr(dev.varia.lang.ast.Expr.ForExpr f, Span sp) {
    Expr from = expr(f.from());
    Expr to = expr(f.to());
    Expr from0 = minusOne(from);
    Expr n = add(sub(to, from, sp), num(1, sp), sp);
    String tmp = fresh("fe");
    emit(new Stmt.DeclareArray(tmp, List.of(n), 0, sp));
    String var = ir(f.var().text());
    out.push(new ArrayList<>());
    List<dev.varia.lang.ast.Stmt> stmts = f.body().stmts();
    for (int i = 0; i < stmts.size() - 1; i++) {
      stmt(stmts.get(i));
    }
    dev.varia.lang.ast.Stmt.ExprStmt last =
        (dev.varia.lang.ast.Stmt.ExprStmt) stmts.get(stmts.size() - 1);
    Expr value = expr(last.value());
    Expr pos = sub(new Expr.Var(var, sp), from0, sp);
    emit(new Stmt.SetElement(tmp, List.of(pos), value, sp));
    Block body = new Block(out.pop());
    emit(new Stmt.For(var, from0, to, body, sp));
    return new Expr.Var(tmp, sp);
  }

  // --------------------------------------------------------------------------------------------
  // calls

  private Expr call(dev.varia.lang.ast.Expr.Call c, Span sp) {
    String n = c.fn().text();
    Decl.Fn fn = prog.functions().get(n);
    if (fn != null) {
      return inline(fn, c, sp);
    }
    Builtins.Builtin b =
        Builtins.get(n)
            .orElseThrow(() -> new LoweringError(c.loc(), "unknown function " + n, false));
    List<Expr> a = new ArrayList<>();
    for (Arg x : c.args()) {
      a.add(expr(x.value()));
    }
    Expr x0 = a.get(0);
    switch (n) {
      case "logit":
        return prim(
            PrimOp.SUB,
            sp,
            prim(PrimOp.LOG, sp, x0),
            prim(PrimOp.LOG1P, sp, prim(PrimOp.NEG, sp, x0)));
      case "log1m":
        return prim(PrimOp.LOG1P, sp, prim(PrimOp.NEG, sp, x0));
      case "inv":
        return prim(PrimOp.DIV, sp, num(1, sp), x0);
      case "log1m_inv_logit":
        return prim(PrimOp.LOG_SIGMOID, sp, prim(PrimOp.NEG, sp, x0));
      case "lbeta":
        return prim(
            PrimOp.SUB,
            sp,
            prim(PrimOp.ADD, sp, prim(PrimOp.LGAMMA, sp, x0), prim(PrimOp.LGAMMA, sp, a.get(1))),
            prim(PrimOp.LGAMMA, sp, prim(PrimOp.ADD, sp, x0, a.get(1))));
      case "sd":
      case "variance":
        {
          Expr dev = prim(PrimOp.SUB, sp, x0, prim(PrimOp.MEAN, sp, x0));
          Expr var =
              prim(
                  PrimOp.DIV,
                  sp,
                  prim(PrimOp.SUM, sp, prim(PrimOp.SQUARE, sp, dev)),
                  prim(PrimOp.SUB, sp, prim(PrimOp.SIZE, sp, x0), num(1, sp)));
          return n.equals("sd") ? prim(PrimOp.SQRT, sp, var) : var;
        }
      case "logmeanexp":
      case "log_mean_exp":
        return prim(
            PrimOp.SUB,
            sp,
            prim(PrimOp.LOG_SUM_EXP, sp, x0),
            prim(PrimOp.LOG, sp, prim(PrimOp.SIZE, sp, x0)));
      case "rows":
        return res.type(c.args().get(0).value()).rank() == 2
            ? size(x0, true, sp)
            : prim(PrimOp.SIZE, sp, x0);
      case "cols":
        return res.type(c.args().get(0).value()).rank() == 2
            ? prim(PrimOp.SIZE, sp, new Expr.Index(x0, List.of(num(0, sp)), sp))
            : num(1, sp);
      case "zeros":
      case "ones":
        return fill(n.equals("ones") ? 1 : 0, null, List.of(x0), sp);
      case "rep_vector":
        return fill(1, x0, List.of(a.get(1)), sp);
      case "rep_matrix":
        return fill(1, x0, List.of(a.get(1), a.get(2)), sp);
      default:
        break;
    }
    if (b.rule() == Builtins.Rule.REDUCE_OR_BINARY && a.size() == 2) {
      if (n.equals("max")) {
        return prim(PrimOp.MAXIMUM, sp, x0, a.get(1));
      }
      if (n.equals("min")) {
        return prim(PrimOp.MINIMUM, sp, x0, a.get(1));
      }
      // log_sum_exp(a, b) elementwise: m + log(exp(a - m) + exp(b - m))
      Expr m = prim(PrimOp.MAXIMUM, sp, x0, a.get(1));
      Expr s =
          prim(
              PrimOp.ADD,
              sp,
              prim(PrimOp.EXP, sp, prim(PrimOp.SUB, sp, x0, m)),
              prim(PrimOp.EXP, sp, prim(PrimOp.SUB, sp, a.get(1), m)));
      return prim(PrimOp.ADD, sp, m, prim(PrimOp.LOG, sp, s));
    }
    if (b.rule() == Builtins.Rule.TRANSPOSE && res.type(c.args().get(0).value()).rank() != 2) {
      return x0;
    }
    if (b.op() == null) {
      throw new LoweringError(c.loc(), n + " cannot be lowered here", false);
    }
    return new Expr.Prim(b.op(), a, sp);
  }

  /** A vector/matrix filled with {@code init} (times {@code scale} if given). */
  private Expr fill(double init, Expr scale, List<Expr> dims, Span sp) {
    String tmp = fresh("fill");
    emit(new Stmt.DeclareArray(tmp, dims, init, sp));
    Expr v = new Expr.Var(tmp, sp);
    return scale == null ? v : prim(PrimOp.MUL, sp, scale, v);
  }

  private Expr inline(Decl.Fn fn, dev.varia.lang.ast.Expr.Call c, Span sp) {
    Map<String, Expr> frame = new HashMap<>();
    for (int i = 0; i < fn.params().size(); i++) {
      Expr a = expr(c.args().get(i).value());
      if (!(a instanceof Expr.Var || a instanceof Expr.DataRef || a instanceof Expr.Const)) {
        String tmp = fresh("a_" + fn.params().get(i).name().text() + "_");
        emit(new Stmt.Let(tmp, a, sp));
        a = new Expr.Var(tmp, sp);
      }
      frame.put(fn.params().get(i).name().text(), a);
    }
    frames.push(frame);
    try {
      List<dev.varia.lang.ast.Stmt> stmts = fn.body().stmts();
      for (int i = 0; i < stmts.size() - 1; i++) {
        stmt(stmts.get(i));
      }
      dev.varia.lang.ast.Stmt.Return r =
          (dev.varia.lang.ast.Stmt.Return) stmts.get(stmts.size() - 1);
      return expr(r.value());
    } finally {
      frames.pop();
    }
  }
}
