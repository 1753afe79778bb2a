package dev.varia.lang.check;

import dev.varia.lang.ast.Arg;
import dev.varia.lang.ast.Block;
import dev.varia.lang.ast.Decl;
import dev.varia.lang.ast.Expr;
import dev.varia.lang.ast.IndexArg;
import dev.varia.lang.ast.Loc;
import dev.varia.lang.ast.Name;
import dev.varia.lang.ast.TypeExpr;
import dev.varia.lang.check.Symbol.Kind;
import dev.varia.lang.check.internal.Scope;
import dev.varia.lang.diag.Code;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state shared by the checking of one body (scopes, loop depth, sites) and the checking of
 * expressions: names, types and shapes, built-in and user function calls.
 */
abstract class ExprChecker {
  /** Where a body is. */
  enum Ctx {
    DATA,
    FN,
    MODEL,
    GUIDE,
    OBJECTIVE
  }

  /** A checked expression: its type and whether it depends on data and constants only. */
  record ET(Ty ty, boolean data) {
    static final ET ERROR = new ET(Ty.ERROR, true);
  }

  final Checker env;
  final Ctx ctx;
  final String owner;
  Scope scope;
  int loops;
  int margDepth;
  int valueBlocks;
  final Map<String, SiteInfo> sites;

  ExprChecker(Checker env, Ctx ctx, String owner, Scope scope, Map<String, SiteInfo> sites) {
    this.env = env;
    this.ctx = ctx;
    this.owner = owner;
    this.scope = scope;
    this.sites = sites == null ? new LinkedHashMap<>() : sites;
  }

  Scope scope() {
    return scope;
  }

  /** Compile-time values of data, seen through this body's scopes (locals are not constants). */
  ConstEval consts() {
    return new ConstEval(
        n -> {
          Symbol s = scope.lookup(n);
          if (s != null && s.kind() != Kind.DATA) {
            return Optional.empty();
          }
          return env.constEval().eval(new Expr.Ref(n, Loc.NONE));
        });
  }

  void error(Code c, Loc l, String msg) {
    env.error(c, l, msg);
  }

  String where() {
    switch (ctx) {
      case DATA:
        return "a data block";
      case FN:
        return "a function";
      case MODEL:
        return "a model";
      case GUIDE:
        return "a guide";
      default:
        return "an objective";
    }
  }

  /** The return type of the body (set by a return statement). */
  Ty returnTy;

  /** The outermost scope of the body. */
  Scope bodyScope;

  /** A value block: statements then a final expression; returns the value's type. */
  abstract ET valueBlock(Block b, Loc where);

  void checkSingleIndices(List<IndexArg> idx, Loc l) {
    for (IndexArg a : idx) {
      if (a instanceof IndexArg.Single s) {
        ET t = expr(s.index());
        index(t.ty(), s.index());
      } else {
        error(Code.E0302, a.loc(), "a range cannot be used here: give single indices");
      }
    }
  }

  // ============================================================================================
  // expressions

  ET expr(Expr e) {
    ET r = exprInner(e);
    env.res.types.put(e, r.ty());
    return r;
  }

  ET exprInner(Expr e) {
    if (e instanceof Expr.Num n) {
      return new ET(n.integer() ? Ty.INT : Ty.REAL, true);
    }
    if (e instanceof Expr.Ref r) {
      return ref(r);
    }
    if (e instanceof Expr.Unary u) {
      ET x = expr(u.operand());
      if (!numeric(x.ty(), u.operand().loc(), u.op().symbol())) {
        return ET.ERROR;
      }
      Ty t = u.op() == Expr.UnaryOp.NOT ? x.ty().withElem(Ty.Elem.INT) : x.ty();
      return new ET(t, x.data());
    }
    if (e instanceof Expr.Binary b) {
      return binary(b);
    }
    if (e instanceof Expr.Call c) {
      return call(c);
    }
    if (e instanceof Expr.Index ix) {
      return index(ix);
    }
    if (e instanceof Expr.Field f) {
      ET t = expr(f.target());
      if (t.ty().elem() == Ty.Elem.TRACE && f.field().text().equals("logq")) {
        return new ET(Ty.REAL, false);
      }
      if (!t.ty().isError()) {
        error(
            Code.E0307,
            f.field().loc(),
            t.ty().elem() == Ty.Elem.TRACE
                ? "a trace has the field logq, not " + f.field().text()
                : "a value of type " + t.ty() + " has no field " + f.field().text());
      }
      return ET.ERROR;
    }
    if (e instanceof Expr.Transpose tr) {
      ET t = expr(tr.target());
      if (!numeric(t.ty(), tr.loc(), "'")) {
        return ET.ERROR;
      }
      if (t.ty().rank() == 2) {
        return new ET(
            t.ty().withDims(List.of(t.ty().dims().get(1), t.ty().dims().get(0))), t.data());
      }
      return t;
    }
    if (e instanceof Expr.VectorLit v) {
      return vectorLit(v);
    }
    if (e instanceof Expr.ForExpr f) {
      ET from = expr(f.from());
      ET to = expr(f.to());
      intScalar(from.ty(), f.from().loc(), "a loop bound");
      intScalar(to.ty(), f.to().loc(), "a loop bound");
      Scope saved = scope;
      scope = new Scope(saved);
      defineNew(
          new Symbol(f.var().text(), Kind.LOOP_VAR, Ty.INT, f.var().loc(), true, null), f.var());
      loops++;
      ET body;
      try {
        body = valueBlock(f.body(), f.loc());
      } finally {
        loops--;
        scope = saved;
      }
      if (!body.ty().isScalar()) {
        error(
            Code.E0308,
            f.loc(),
            "each value of a for-expression must be a single number, got shape "
                + body.ty().shape());
        return ET.ERROR;
      }
      Dim n = Dim.UNKNOWN;
      Optional<Double> a = consts().scalar(f.from());
      Optional<Double> b = consts().scalar(f.to());
      if (a.isPresent() && b.isPresent()) {
        n = Dim.of(Math.max(0, (long) (b.get() - a.get() + 1)));
      }
      return new ET(
          Ty.of(body.ty().elem() == Ty.Elem.ERROR ? Ty.Elem.REAL : body.ty().elem(), n),
          from.data() && to.data() && body.data());
    }
    Expr.Expect x = (Expr.Expect) e;
    if (ctx != Ctx.OBJECTIVE) {
      error(Code.E0709, x.loc(), "E { ... } is only allowed in an objective");
      return ET.ERROR;
    }
    ET v = valueBlock(x.body(), x.loc());
    if (!v.ty().isScalar()) {
      error(
          Code.E0308,
          x.loc(),
          "the value inside E { ... } must be a single number, got shape " + v.ty().shape());
    }
    return new ET(Ty.REAL, false);
  }

  ET ref(Expr.Ref r) {
    Symbol s = scope.lookup(r.name());
    if (s == null) {
      s = env.globalsLookup(r.name());
    }
    if (s == null) {
      java.util.Set<String> cands = scope.visible();
      cands.addAll(env.globals().visible());
      String extra =
          Distributions.get(r.name()).isPresent()
              ? " (" + r.name() + " is a distribution: use it on the right of ~)"
              : Suggest.hint(r.name(), cands);
      error(Code.E0200, r.loc(), "unknown name '" + r.name() + "'" + extra);
      return ET.ERROR;
    }
    env.res.refs.put(r, s);
    switch (s.kind()) {
      case FN:
        error(Code.E0210, r.loc(), r.name() + " is a function: call it as " + r.name() + "(...)");
        return ET.ERROR;
      case GEN:
        if (ctx == Ctx.OBJECTIVE) {
          return new ET(Ty.of(Ty.Elem.GEN), false);
        }
        error(
            Code.E0210,
            r.loc(),
            r.name() + " is a generative function: call it with ~, e.g. x ~ " + r.name() + "(...)");
        return ET.ERROR;
      case OBJECTIVE:
        error(Code.E0210, r.loc(), r.name() + " is an objective: use it in a fit declaration");
        return ET.ERROR;
      case DATA:
      case LOOP_VAR:
      case MARG_VAR:
        return new ET(s.ty(), true);
      case LOCAL:
      case VAR_ARRAY:
        return new ET(s.ty(), s.dataOnly());
      default:
        return new ET(s.ty(), false);
    }
  }

  ET binary(Expr.Binary b) {
    ET l = expr(b.left());
    ET r = expr(b.right());
    boolean data = l.data() && r.data();
    if (!numeric(l.ty(), b.left().loc(), b.op().symbol())
        | !numeric(r.ty(), b.right().loc(), b.op().symbol())) {
      return ET.ERROR;
    }
    Ty lt = l.ty();
    Ty rt = r.ty();
    if (lt.isError() || rt.isError()) {
      return ET.ERROR;
    }
    if (b.op() == Expr.BinaryOp.MUL
        && ((lt.rank() == 2 && rt.rank() >= 1) || (lt.rank() == 1 && rt.rank() == 2))) {
      Dim inner1 = lt.dims().get(lt.rank() - 1);
      Dim inner2 = rt.dims().get(0);
      if (inner1.differs(inner2)) {
        error(
            Code.E0301,
            b.loc(),
            "matrix product of shapes "
                + lt.shape()
                + " and "
                + rt.shape()
                + ": the inner dimensions "
                + inner1.brief()
                + " and "
                + inner2.brief()
                + " differ");
        return ET.ERROR;
      }
      List<Dim> out = new ArrayList<>();
      if (lt.rank() == 2) {
        out.add(lt.dims().get(0));
      }
      if (rt.rank() == 2) {
        out.add(rt.dims().get(1));
      }
      return new ET(new Ty(Ty.Elem.REAL, out), data);
    }
    Ty t = broadcast(lt, rt, b.loc(), b.op().symbol(), "left", "right");
    if (t == null) {
      return ET.ERROR;
    }
    Ty.Elem elem;
    if (b.op().isLogical()) {
      elem = Ty.Elem.INT;
    } else if (lt.elem() == Ty.Elem.INT
        && rt.elem() == Ty.Elem.INT
        && (b.op() == Expr.BinaryOp.ADD
            || b.op() == Expr.BinaryOp.SUB
            || b.op() == Expr.BinaryOp.MUL
            || b.op() == Expr.BinaryOp.ELT_MUL)) {
      elem = Ty.Elem.INT;
    } else {
      elem = Ty.Elem.REAL;
    }
    return new ET(t.withElem(elem), data);
  }

  /** The broadcast of two types, or null after reporting a mismatch. */
  Ty broadcast(Ty a, Ty b, Loc loc, String op, String aName, String bName) {
    if (a.isError() || b.isError()) {
      return Ty.ERROR;
    }
    if (a.rank() == 0) {
      return b;
    }
    if (b.rank() == 0) {
      return a;
    }
    Ty big = a.rank() >= b.rank() ? a : b;
    Ty small = a.rank() >= b.rank() ? b : a;
    List<Dim> out = new ArrayList<>(big.dims());
    int off = big.rank() - small.rank();
    for (int i = 0; i < small.rank(); i++) {
      Dim x = big.dims().get(off + i);
      Dim y = small.dims().get(i);
      if (x.differs(y) && x.value() != 1 && y.value() != 1) {
        error(
            Code.E0300,
            loc,
            "shape mismatch in "
                + op
                + ": "
                + aName
                + " has shape "
                + a.shape()
                + ", "
                + bName
                + " has shape "
                + b.shape());
        return null;
      }
      if (!x.isKnown() && y.isKnown()) {
        out.set(off + i, y);
      }
      if (x.isKnown() && x.value() == 1 && y.isKnown()) {
        out.set(off + i, y);
      }
    }
    return new Ty(big.elem(), out);
  }

  ET vectorLit(Expr.VectorLit v) {
    List<ET> items = new ArrayList<>();
    boolean data = true;
    for (Expr x : v.elements()) {
      ET t = expr(x);
      items.add(t);
      data &= t.data();
      if (!numeric(t.ty(), x.loc(), "[...]")) {
        return ET.ERROR;
      }
    }
    if (items.isEmpty()) {
      return new ET(Ty.of(Ty.Elem.REAL, Dim.of(0)), true);
    }
    int rank = items.get(0).ty().rank();
    boolean allInt = true;
    for (int i = 0; i < items.size(); i++) {
      Ty t = items.get(i).ty();
      if (t.isError()) {
        return ET.ERROR;
      }
      allInt &= t.elem() == Ty.Elem.INT;
      if (t.rank() != rank
          || (rank == 1 && t.dims().get(0).differs(items.get(0).ty().dims().get(0)))) {
        error(
            Code.E0300,
            v.elements().get(i).loc(),
            "the elements of [...] must all have the same shape: "
                + items.get(0).ty().shape()
                + " and "
                + t.shape());
        return ET.ERROR;
      }
    }
    Ty.Elem elem = allInt ? Ty.Elem.INT : Ty.Elem.REAL;
    if (rank == 0) {
      return new ET(Ty.of(elem, Dim.of(items.size())), data);
    }
    if (rank == 1) {
      return new ET(Ty.of(elem, Dim.of(items.size()), items.get(0).ty().dims().get(0)), data);
    }
    error(
        Code.E0306,
        v.loc(),
        "[...] builds vectors (of numbers) and matrices (of rows), not higher ranks");
    return ET.ERROR;
  }

  ET index(Expr.Index ix) {
    ET t = expr(ix.target());
    boolean data = t.data();
    int n = ix.indices().size();
    List<Dim> out = new ArrayList<>();
    for (IndexArg a : ix.indices()) {
      if (a instanceof IndexArg.Single s) {
        ET it = expr(s.index());
        data &= it.data();
        index(it.ty(), s.index());
      } else {
        IndexArg.Range r = (IndexArg.Range) a;
        for (Optional<Expr> b : List.of(r.from(), r.to())) {
          if (b.isPresent()) {
            ET it = expr(b.get());
            data &= it.data();
            index(it.ty(), b.get());
          }
        }
      }
    }
    if (t.ty().isError()) {
      return ET.ERROR;
    }
    if (!t.ty().isNumeric()) {
      error(Code.E0302, ix.loc(), "a " + t.ty() + " cannot be indexed");
      return ET.ERROR;
    }
    if (n > t.ty().rank()) {
      error(
          Code.E0302,
          ix.loc(),
          (t.ty().rank() == 0
              ? "a scalar cannot be indexed"
              : "a value of shape "
                  + t.ty().shape()
                  + " takes at most "
                  + t.ty().rank()
                  + " index(es), got "
                  + n));
      return ET.ERROR;
    }
    for (int i = 0; i < n; i++) {
      IndexArg a = ix.indices().get(i);
      Dim d = t.ty().dims().get(i);
      if (a instanceof IndexArg.Single s) {
        Optional<Double> k = ConstEval.literals().scalar(s.index());
        if (k.isPresent() && d.isKnown() && k.get() > d.value()) {
          error(
              Code.E0310,
              s.index().loc(),
              "index " + DataFmt.num(k.get()) + " is out of range: the size is " + d.value());
          return ET.ERROR;
        }
      } else {
        IndexArg.Range r = (IndexArg.Range) a;
        Optional<Double> lo =
            r.from().isEmpty() ? Optional.of(1.0) : consts().scalar(r.from().get());
        Optional<Double> hi =
            r.to().isEmpty()
                ? (d.isKnown() ? Optional.of((double) d.value()) : Optional.empty())
                : consts().scalar(r.to().get());
        out.add(
            lo.isPresent() && hi.isPresent()
                ? Dim.of(Math.max(0, (long) (hi.get() - lo.get() + 1)))
                : Dim.UNKNOWN);
      }
    }
    for (int i = n; i < t.ty().rank(); i++) {
      out.add(t.ty().dims().get(i));
    }
    return new ET(new Ty(t.ty().elem(), out), data);
  }

  /** Checks an index value: an integer scalar, at least 1 when constant. */
  void index(Ty t, Expr e) {
    if (t.isError()) {
      return;
    }
    if (t.rank() != 0) {
      error(Code.E0304, e.loc(), "an index must be a single whole number, got shape " + t.shape());
      return;
    }
    if (t.elem() != Ty.Elem.INT) {
      error(Code.E0304, e.loc(), "an index must be a whole number, got a real value");
      return;
    }
    Optional<Double> k = ConstEval.literals().scalar(e);
    if (k.isPresent() && k.get() < 1) {
      error(
          Code.E0310,
          e.loc(),
          "index " + DataFmt.num(k.get()) + " is out of range: indices start at 1");
    }
  }

  ET call(Expr.Call c) {
    String n = c.fn().text();
    if (scope.lookup(n) != null && scope.lookup(n).kind() != Kind.FN) {
      Symbol s = scope.lookup(n);
      for (Arg a : c.args()) {
        expr(a.value());
      }
      error(Code.E0210, c.fn().loc(), n + " is " + s.kind().describe() + ", not a function");
      return ET.ERROR;
    }
    if (env.fns.containsKey(n)) {
      return userFn(c, env.fns.get(n));
    }
    Optional<Builtins.Builtin> b = Builtins.get(n);
    if (b.isEmpty()) {
      for (Arg a : c.args()) {
        expr(a.value());
      }
      if (env.gens.containsKey(n)) {
        error(
            Code.E0210,
            c.fn().loc(),
            n + " is a generative function: call it with ~, e.g. x ~ " + n + "(...)");
      } else if (Distributions.get(n).isPresent()) {
        error(
            Code.E0203,
            c.fn().loc(),
            n + " is a distribution: use it on the right of ~ (y ~ " + n + "(...))");
      } else {
        List<String> cands = new ArrayList<>(Builtins.names());
        cands.addAll(env.fns.keySet());
        error(Code.E0203, c.fn().loc(), "unknown function '" + n + "'" + Suggest.hint(n, cands));
      }
      return ET.ERROR;
    }
    return BuiltinTyping.type(this, env, c, b.get());
  }

  ET userFn(Expr.Call c, Decl.Fn f) {
    List<Arg> args = c.args();
    boolean data = true;
    List<Ty> tys = new ArrayList<>();
    for (Arg a : args) {
      if (a.name().isPresent()) {
        error(Code.E0402, a.loc(), "function arguments are positional");
      }
      ET t = expr(a.value());
      data &= t.data();
      tys.add(t.ty());
    }
    if (args.size() != f.params().size()) {
      error(
          Code.E0700,
          c.loc(),
          f.name().text() + " takes " + f.params().size() + " argument(s), got " + args.size());
      return ET.ERROR;
    }
    for (int i = 0; i < args.size(); i++) {
      Ty want = env.declaredType(f.params().get(i).type());
      Ty got = tys.get(i);
      if (!got.isError() && !want.isError() && (want.rank() != got.rank() || !got.isNumeric())) {
        error(
            Code.E0307,
            args.get(i).loc(),
            "argument "
                + (i + 1)
                + " of "
                + f.name().text()
                + " ("
                + f.params().get(i).name().text()
                + ") must be "
                + want
                + ", got "
                + got);
        return ET.ERROR;
      }
    }
    Ty ret = env.fnReturn(f, c.loc());
    return new ET(ret, data);
  }

  // ============================================================================================
  // helpers

  boolean numeric(Ty t, Loc l, String op) {
    if (t.isError() || t.isNumeric()) {
      return true;
    }
    error(Code.E0307, l, "'" + op + "' needs numbers, got a " + t);
    return false;
  }

  void intScalar(Ty t, Loc l, String what) {
    if (t.isError()) {
      return;
    }
    if (t.rank() != 0 || t.elem() != Ty.Elem.INT) {
      error(Code.E0305, l, what + " must be a whole number, got " + t);
    }
  }

  void reserved(Name n) {
    if (n.text().startsWith("__")) {
      error(Code.E0209, n.loc(), "names starting with __ are reserved for the compiler");
    }
  }

  void defineNew(Symbol s, Name n) {
    Symbol prev = scope.lookup(s.name());
    if (prev == null) {
      prev = env.globalsLookup(s.name());
    }
    if (prev != null) {
      if (s.kind() == Kind.LOOP_VAR || s.kind() == Kind.MARG_VAR) {
        error(
            Code.E0206,
            n.loc(),
            "'"
                + n.text()
                + "' hides "
                + prev.kind().describe()
                + " of the same name (line "
                + prev.loc().line()
                + "); choose another name");
      } else {
        alreadyDefined(n, prev);
      }
      return;
    }
    scope.define(s);
  }

  void alreadyDefined(Name n, Symbol prev) {
    error(
        Code.E0201,
        n.loc(),
        "'"
            + n.text()
            + "' is already defined as "
            + prev.kind().describe()
            + (prev.loc().line() > 0 ? " (line " + prev.loc().line() + ")" : ""));
  }

  /** The type a declared type denotes (sizes as static dims). */
  Ty typeOf(TypeExpr t, boolean requireSizes, boolean latent) {
    return env.typeOf(this, t, requireSizes);
  }

  Ctx ctx() {
    return ctx;
  }

  String owner() {
    return owner;
  }

  Map<String, SiteInfo> sites() {
    return sites;
  }

  int loops() {
    return loops;
  }
}
