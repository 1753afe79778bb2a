package dev.varia.lang.check;

import dev.varia.lang.ast.Block;
import dev.varia.lang.ast.Expr;
import dev.varia.lang.ast.Loc;
import dev.varia.lang.ast.Stmt;
import dev.varia.lang.check.Resolution.DistUse;
import dev.varia.lang.check.Symbol.Kind;
import dev.varia.lang.check.internal.Scope;
import dev.varia.lang.diag.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the statements of one body (a data block, a function, a model, a guide or an objective):
 * scopes, assignments, declarations, params, reports, loops, ifs, marginalisation and returns;
 * {@code ~} statements and expressions are checked by the superclasses.
 */
final class BodyChecker extends SiteChecker {
  BodyChecker(Checker env, Ctx ctx, String owner, Scope scope, Map<String, SiteInfo> sites) {
    super(env, ctx, owner, scope, sites);
  }

  // ============================================================================================
  // statements

  void block(Block b) {
    List<Stmt> stmts = b.stmts();
    for (int i = 0; i < stmts.size(); i++) {
      stmt(stmts.get(i), i == stmts.size() - 1);
    }
  }

  /** A block in a new scope; returns the scope (for merging if-branches). */
  Scope nested(Block b) {
    Scope saved = scope;
    scope = new Scope(saved);
    try {
      block(b);
      return scope;
    } finally {
      scope = saved;
    }
  }

  /** A value block: statements then a final expression; returns the value's type. */
  @Override
  ET valueBlock(Block b, Loc where) {
    Scope saved = scope;
    scope = new Scope(saved);
    valueBlocks++;
    try {
      List<Stmt> stmts = b.stmts();
      if (stmts.isEmpty() || !(stmts.get(stmts.size() - 1) instanceof Stmt.ExprStmt last)) {
        error(
            Code.E0313,
            stmts.isEmpty() ? where : stmts.get(stmts.size() - 1).loc(),
            "this block must end with an expression giving its value");
        for (Stmt s : stmts) {
          stmt(s, false);
        }
        return ET.ERROR;
      }
      for (int i = 0; i < stmts.size() - 1; i++) {
        stmt(stmts.get(i), false);
      }
      return expr(last.value());
    } finally {
      valueBlocks--;
      scope = saved;
    }
  }

  void stmt(Stmt s, boolean last) {
    if (s instanceof Stmt.Tilde t) {
      tilde(t);
    } else if (s instanceof Stmt.Assign a) {
      assign(a);
    } else if (s instanceof Stmt.Declare d) {
      declare(d);
    } else if (s instanceof Stmt.VarDecl v) {
      varDecl(v);
    } else if (s instanceof Stmt.Param p) {
      param(p);
    } else if (s instanceof Stmt.Report r) {
      report(r);
    } else if (s instanceof Stmt.Factor f) {
      if (ctx != Ctx.MODEL) {
        error(Code.E0414, f.loc(), "factor is only allowed in a model, not in " + where());
      }
      ET v = expr(f.value());
      numeric(v.ty(), f.value().loc(), "factor");
    } else if (s instanceof Stmt.For f) {
      forStmt(f);
    } else if (s instanceof Stmt.If i) {
      ifStmt(i);
    } else if (s instanceof Stmt.Marginalize m) {
      marginalize(m);
    } else if (s instanceof Stmt.Return r) {
      returnStmt(r, last);
    } else if (s instanceof Stmt.ExprStmt e) {
      exprStmt(e);
    }
  }

  void exprStmt(Stmt.ExprStmt e) {
    if (ctx == Ctx.OBJECTIVE
        && e.value() instanceof Expr.Call c
        && c.fn().text().equals("add_cost")) {
      expr(e.value());
      return;
    }
    expr(e.value());
    error(
        Code.E0712,
        e.loc(),
        "this expression's value is not used"
            + (e.value() instanceof Expr.Call c && Distributions.get(c.fn().text()).isPresent()
                ? " (to draw or observe, write: name ~ " + c.fn().text() + "(...))"
                : ""));
  }

  void returnStmt(Stmt.Return r, boolean last) {
    ET v = expr(r.value());
    boolean topLevel = scope == bodyScope;
    if (ctx == Ctx.DATA || ctx == Ctx.OBJECTIVE) {
      error(Code.E0703, r.loc(), "return is only allowed in functions, models and guides");
    } else if (!last || !topLevel || loops > 0) {
      error(Code.E0703, r.loc(), "return must be the last statement of the function body");
    } else {
      returnTy = v.ty();
    }
  }

  void forStmt(Stmt.For f) {
    ET from = expr(f.from());
    ET to = expr(f.to());
    intScalar(from.ty(), f.from().loc(), "a loop bound");
    intScalar(to.ty(), f.to().loc(), "a loop bound");
    if (f.plate()) {
      if (ctx != Ctx.MODEL && ctx != Ctx.GUIDE) {
        error(Code.E0414, f.loc(), "plate is only allowed in models and guides");
      }
      Optional<Double> lo = ConstEval.literals().scalar(f.from());
      if (lo.isEmpty() || lo.get() != 1.0) {
        error(Code.E0305, f.from().loc(), "a plate runs over 1..N: its first index must be 1");
      }
    }
    Scope saved = scope;
    scope = new Scope(saved);
    defineNew(
        new Symbol(f.var().text(), Kind.LOOP_VAR, Ty.INT, f.var().loc(), true, null), f.var());
    loops++;
    try {
      block(f.body());
    } finally {
      loops--;
      scope = saved;
    }
  }

  void ifStmt(Stmt.If i) {
    ET c = expr(i.cond());
    if (!c.ty().isScalar()) {
      error(
          Code.E0303,
          i.cond().loc(),
          "an if condition must be a single number, got shape " + c.ty().shape());
    }
    Scope a = nested(i.then());
    if (i.otherwise().isPresent()) {
      Scope b = nested(i.otherwise().get());
      // names defined in both branches stay defined after the if
      for (Symbol s : a.own().values()) {
        Symbol o = b.local(s.name());
        if (o != null
            && o.kind() == s.kind()
            && o.ty().rank() == s.ty().rank()
            && scope.lookup(s.name()) == null) {
          scope.define(
              new Symbol(
                  s.name(), s.kind(), s.ty(), s.loc(), s.dataOnly() && o.dataOnly(), s.support()));
        }
      }
    }
  }

  void marginalize(Stmt.Marginalize m) {
    if (ctx != Ctx.MODEL) {
      error(Code.E0414, m.loc(), "marginalize is only allowed in a model");
    }
    Optional<DistUse> du = distribution(m.dist(), true);
    if (du.isPresent()) {
      DistSig d = du.get().dist();
      if (!d.support().isFinite()) {
        error(
            Code.E0408,
            m.dist().loc(),
            "marginalize needs a distribution with a finite support; "
                + d.name()
                + " has support "
                + d.support());
      } else {
        for (Expr a : du.get().args()) {
          if (!expr(a).data() && false) {
            break;
          }
        }
        env.res.margs.put(m, du.get());
      }
    }
    for (Optional<Expr> b : m.batch()) {
      if (b.isEmpty()) {
        error(Code.E0507, m.loc(), "the batch of a marginalize needs a size, e.g. [N]");
      } else {
        intScalar(expr(b.get()).ty(), b.get().loc(), "a size");
      }
    }
    if (m.batch().size() > 1) {
      error(
          Code.E0306,
          m.loc(),
          "marginalize labels one point per element of a vector: give one size");
    }
    Scope saved = scope;
    scope = new Scope(saved);
    defineNew(
        new Symbol(m.var().text(), Kind.MARG_VAR, Ty.INT, m.var().loc(), true, null), m.var());
    margDepth++;
    try {
      block(m.body());
    } finally {
      margDepth--;
      scope = saved;
    }
  }

  void report(Stmt.Report r) {
    if (ctx != Ctx.MODEL && ctx != Ctx.GUIDE) {
      error(Code.E0414, r.loc(), "report is only allowed in models and guides");
    }
    ET v = expr(r.value());
    String n = r.name().text();
    Symbol prev = scope.lookup(n);
    if (r.indices().isEmpty()) {
      if (prev != null) {
        error(
            Code.E0201,
            r.name().loc(),
            "'"
                + n
                + "' is already defined ("
                + prev.kind().describe()
                + " at line "
                + prev.loc().line()
                + ")");
        return;
      }
      if (loops > 0) {
        error(
            Code.E0404,
            r.loc(),
            "report "
                + n
                + " is inside a loop: report an element (report "
                + n
                + "[i] = ...) or move it out of the loop");
      }
      reserved(r.name());
      scope.define(new Symbol(n, Kind.REPORT, v.ty(), r.name().loc(), false, null));
      return;
    }
    if (prev != null && !(prev.kind() == Kind.REPORT && prev.ty().rank() == r.indices().size())) {
      error(
          Code.E0201,
          r.name().loc(),
          "'"
              + n
              + "' is already defined ("
              + prev.kind().describe()
              + " at line "
              + prev.loc().line()
              + ")");
      return;
    }
    checkSingleIndices(r.indices(), r.loc());
    if (!v.ty().isScalar()) {
      error(
          Code.E0308,
          r.value().loc(),
          "an element of a reported array must be a single number, got shape " + v.ty().shape());
    }
    if (r.indices().size() > 2) {
      error(Code.E0306, r.loc(), "reported arrays have at most 2 indices");
    }
    if (prev == null) {
      List<Dim> dims = new ArrayList<>();
      for (int k = 0; k < r.indices().size(); k++) {
        dims.add(Dim.UNKNOWN);
      }
      reserved(r.name());
      bodyScope.define(
          new Symbol(n, Kind.REPORT, new Ty(Ty.Elem.REAL, dims), r.name().loc(), false, null));
    }
  }

  void varDecl(Stmt.VarDecl v) {
    if (ctx == Ctx.OBJECTIVE) {
      error(Code.E0414, v.loc(), "var arrays are not allowed in an objective");
    }
    Ty t = typeOf(v.type(), true, false);
    if (t.rank() < 1 || t.rank() > 2) {
      if (!t.isError()) {
        error(Code.E0306, v.type().loc(), "a var array has 1 or 2 dimensions, e.g. var s: real[T]");
      }
    }
    if (!v.type().args().isEmpty()) {
      error(Code.E0311, v.type().loc(), "a var array takes no constraints");
    }
    v.init()
        .ifPresent(
            e -> {
              expr(e);
              if (consts().scalar(e).isEmpty()) {
                error(
                    Code.E0312,
                    e.loc(),
                    "the initial value of a var array must be a constant number");
              }
            });
    reserved(v.name());
    defineNew(
        new Symbol(
            v.name().text(), Kind.VAR_ARRAY, t.withElem(Ty.Elem.REAL), v.name().loc(), true, null),
        v.name());
  }

  void param(Stmt.Param p) {
    if (ctx != Ctx.MODEL && ctx != Ctx.GUIDE) {
      error(Code.E0414, p.loc(), "param is only allowed in models and guides");
    }
    if (loops > 0 || margDepth > 0) {
      error(Code.E0414, p.loc(), "declare params outside loops and marginalize blocks");
    }
    Checker.ParamType pt = env.paramType(p.type());
    p.init()
        .ifPresent(
            e -> {
              ET it = expr(e);
              Optional<dev.varia.core.ad.Tensor> val = consts().eval(e);
              if (val.isEmpty()) {
                error(Code.E0312, e.loc(), "the initial value of a param must be a constant");
              } else if (pt != null) {
                env.checkParamInit(p, pt, val.get(), it.ty());
              }
            });
    reserved(p.name());
    Ty ty = pt == null ? Ty.ERROR : pt.ty();
    if (pt != null) {
      for (Optional<Expr> d : p.type().dims()) {
        d.ifPresent(x -> intScalar(expr(x).ty(), x.loc(), "a size"));
      }
      env.res.params.put(p, new Resolution.ParamDecl(pt.domain(), Checker.sizeExprs(p.type())));
    }
    defineNew(new Symbol(p.name().text(), Kind.PARAM, ty, p.name().loc(), false, null), p.name());
  }

  void declare(Stmt.Declare d) {
    if (ctx == Ctx.DATA) {
      env.dataDeclare(this, d, loops > 0 || scope.parent() != env.globals());
      return;
    }
    if (d.value().isPresent()) {
      // a typed definition: name: type = value
      Ty want = typeOf(d.type(), true, false);
      ET v = expr(d.value().get());
      env.checkFits(want, v.ty(), d.value().get().loc(), d.name().text());
      reserved(d.name());
      defineNew(
          new Symbol(
              d.name().text(),
              Kind.LOCAL,
              v.ty().isError() ? want : v.ty(),
              d.name().loc(),
              v.data(),
              null),
          d.name());
      return;
    }
    if (ctx != Ctx.MODEL) {
      error(
          Code.E0414,
          d.loc(),
          ctx == Ctx.GUIDE
              ? "a guide cannot declare a flat latent: draw '"
                  + d.name().text()
                  + "' from a distribution"
              : "a declaration without a value is only allowed in a data block or a model");
      return;
    }
    if (loops > 0 || margDepth > 0) {
      error(Code.E0404, d.loc(), "declare latents outside loops");
    }
    Resolution.LatentDecl ld = env.latentDecl(this, d.type());
    if (ld == null) {
      return;
    }
    env.res.latents.put(d, ld);
    typedDecls.put(d.name().text(), d);
    Ty ty = typeOf(d.type(), true, true);
    reserved(d.name());
    Symbol prev = scope.lookup(d.name().text());
    if (prev != null) {
      alreadyDefined(d.name(), prev);
      return;
    }
    scope.define(
        new Symbol(d.name().text(), Kind.TYPED_LATENT, ty, d.name().loc(), false, ld.support()));
    sites.put(
        d.name().text(),
        new SiteInfo(
            d.name().text(), d.name().loc(), ld.support(), ty.rank(), ld.family(), false, null));
  }

  void assign(Stmt.Assign a) {
    String n = a.target().text();
    Symbol prev = scope.lookup(n);
    if (!a.indices().isEmpty()) {
      ET v = expr(a.value());
      if (prev == null) {
        error(
            Code.E0200,
            a.target().loc(),
            "unknown name '"
                + n
                + "': declare it first with var "
                + n
                + ": real[...]"
                + Suggest.hint(n, scope.visible()));
        return;
      }
      if (prev.kind() != Kind.VAR_ARRAY) {
        error(
            Code.E0205,
            a.target().loc(),
            "cannot set an element of "
                + n
                + ", which is "
                + prev.kind().describe()
                + " (only var arrays are filled element by element)");
        return;
      }
      if (a.indices().size() != prev.ty().rank()) {
        error(
            Code.E0302,
            a.loc(),
            n
                + " has "
                + prev.ty().rank()
                + " dimension(s) but "
                + a.indices().size()
                + " index(es) are given");
      }
      checkSingleIndices(a.indices(), a.loc());
      if (!v.ty().isScalar()) {
        error(
            Code.E0308,
            a.value().loc(),
            "an element of " + n + " must be a single number, got shape " + v.ty().shape());
      }
      env.res.elementAssigns.put(a, true);
      return;
    }
    ET v = expr(a.value());
    if (v.ty().elem() == Ty.Elem.GEN || v.ty().elem() == Ty.Elem.TRACE) {
      if (!(ctx == Ctx.OBJECTIVE && v.ty().elem() == Ty.Elem.GEN)) {
        error(Code.E0313, a.value().loc(), "a " + v.ty() + " cannot be stored in a variable");
      }
    }
    if (prev == null) {
      reserved(a.target());
      Kind k = v.ty().elem() == Ty.Elem.GEN ? Kind.GEN_ARG : Kind.LOCAL;
      scope.define(new Symbol(n, k, v.ty(), a.target().loc(), v.data(), null));
      return;
    }
    if (prev.kind() == Kind.LOCAL) {
      if (!v.ty().isError() && !prev.ty().isError() && v.ty().rank() != prev.ty().rank()) {
        error(
            Code.E0309,
            a.value().loc(),
            n
                + " was "
                + prev.ty().shape()
                + " (line "
                + prev.loc().line()
                + ") and is now given a value of shape "
                + v.ty().shape());
      }
      scope.update(
          new Symbol(
              n,
              Kind.LOCAL,
              prev.ty().isError() ? v.ty() : prev.ty(),
              prev.loc(),
              prev.dataOnly() && v.data(),
              null));
      return;
    }
    error(
        Code.E0205,
        a.target().loc(),
        "cannot assign to "
            + n
            + ", which is "
            + prev.kind().describe()
            + " (line "
            + prev.loc().line()
            + ")");
  }
}
