package dev.varia.lang.check;

import dev.varia.core.ir.Strategy;
import dev.varia.lang.ast.Annotation;
import dev.varia.lang.ast.Arg;
import dev.varia.lang.ast.Block;
import dev.varia.lang.ast.CallRef;
import dev.varia.lang.ast.Decl;
import dev.varia.lang.ast.Expr;
import dev.varia.lang.ast.IndexArg;
import dev.varia.lang.ast.Loc;
import dev.varia.lang.ast.Name;
import dev.varia.lang.ast.Stmt;
import dev.varia.lang.ast.TypeExpr;
import dev.varia.lang.check.Resolution.DistUse;
import dev.varia.lang.check.Resolution.TildeInfo;
import dev.varia.lang.check.Resolution.TildeKind;
import dev.varia.lang.check.Symbol.Kind;
import dev.varia.lang.check.internal.Scope;
import dev.varia.lang.diag.Code;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the statements and expressions of one body (a data block, a function, a model, a guide or
 * an objective): names and scopes, types and shapes, distributions and sites, strategies.
 */
final class BodyChecker {
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

  private final Checker env;
  private final Ctx ctx;
  private final String owner;
  private Scope scope;
  private int loops;
  private int margDepth;
  private int valueBlocks;
  private final Map<String, SiteInfo> sites;
  private final Map<String, Stmt.Declare> typedDecls = new LinkedHashMap<>();
  private final Map<String, List<Stmt.Tilde>> latentTildes = new LinkedHashMap<>();
  private final Map<Stmt.Tilde, Boolean> topLevelTildes = new java.util.IdentityHashMap<>();

  BodyChecker(Checker env, Ctx ctx, String owner, Scope scope, Map<String, SiteInfo> sites) {
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

  private void error(Code c, Loc l, String msg) {
    env.error(c, l, msg);
  }

  private String where() {
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

  // ============================================================================================
  // statements

  void block(Block b) {
    List<Stmt> stmts = b.stmts();
    for (int i = 0; i < stmts.size(); i++) {
      stmt(stmts.get(i), i == stmts.size() - 1);
    }
  }

  /** A block in a new scope; returns the scope (for merging if-branches). */
  private Scope nested(Block b) {
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

  private void exprStmt(Stmt.ExprStmt e) {
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

  private void returnStmt(Stmt.Return r, boolean last) {
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

  Ty returnTy;
  Scope bodyScope;

  private void forStmt(Stmt.For f) {
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

  private void ifStmt(Stmt.If i) {
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

  private void marginalize(Stmt.Marginalize m) {
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

  private void report(Stmt.Report r) {
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

  private void checkSingleIndices(List<IndexArg> idx, Loc l) {
    for (IndexArg a : idx) {
      if (a instanceof IndexArg.Single s) {
        ET t = expr(s.index());
        index(t.ty(), s.index());
      } else {
        error(Code.E0302, a.loc(), "a range cannot be used here: give single indices");
      }
    }
  }

  private void varDecl(Stmt.VarDecl v) {
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

  private void param(Stmt.Param p) {
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

  private void declare(Stmt.Declare d) {
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

  private void assign(Stmt.Assign a) {
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

  // --------------------------------------------------------------------------------------------
  // ~

  private void tilde(Stmt.Tilde t) {
    String rhs = t.rhs().name().text();
    if (ctx == Ctx.OBJECTIVE) {
      objectiveTilde(t);
      return;
    }
    if (ctx == Ctx.DATA || ctx == Ctx.FN) {
      error(
          Code.E0414,
          t.loc(),
          "~ is not allowed in " + where() + " (only in models, guides and objectives)");
      return;
    }
    if (valueBlocks > 0) {
      error(Code.E0414, t.loc(), "~ is not allowed inside a for-expression; use a for statement");
      return;
    }
    Decl.Gen callee = env.gens.get(rhs);
    Symbol shadow = scope.lookup(rhs);
    if (callee != null && (shadow == null || shadow.kind() == Kind.GEN)) {
      call(t, callee);
      return;
    }
    if (t.bind().isPresent()) {
      error(
          Code.E0405,
          t.loc(),
          "v = name ~ f(...) is for calls of generative functions; "
              + rhs
              + " is not a model or guide");
      return;
    }
    Strategy strategy = strategy(t.annotations());
    Optional<DistUse> du = distribution(t.rhs(), false);
    Expr lhs = t.lhs();
    if (lhs instanceof Expr.Ref r
        && scope.lookup(r.name()) == null
        && env.globalsLookup(r.name()) == null) {
      newSite(t, r, du, strategy);
      return;
    }
    if (lhs instanceof Expr.Index ix && ix.target() instanceof Expr.Ref r) {
      Symbol s = scope.lookup(r.name());
      if (s == null || s.kind() == Kind.ELEMENT_SITE) {
        elementSite(t, ix, r, s, du, strategy);
        return;
      }
      if (s.kind() == Kind.SITE) {
        error(
            Code.E0412,
            r.loc(),
            "site "
                + r.name()
                + " was drawn whole at line "
                + s.loc().line()
                + "; its elements cannot also be drawn one by one");
        return;
      }
    }
    if (lhs instanceof Expr.Ref r) {
      Symbol s = scope.lookup(r.name());
      if (s != null && (s.kind() == Kind.SITE || s.kind() == Kind.ELEMENT_SITE)) {
        error(
            Code.E0403,
            r.loc(),
            "site "
                + r.name()
                + " is already sampled (line "
                + s.loc().line()
                + "); a site is drawn once");
        return;
      }
    }
    // an observation: data, an expression of data, or a density term on a declared latent
    if (!t.annotations().isEmpty()) {
      error(
          Code.E0406,
          t.annotations().get(0).loc(),
          "a strategy annotation only applies to a latent site, not to an observation");
    }
    if (!t.batch().isEmpty()) {
      error(Code.E0414, t.loc(), "a batch shape [..] is only for new sites, not observations");
    }
    ET v = expr(lhs);
    boolean declaredLatent = refersToTypedLatent(lhs);
    if (!v.data() && !declaredLatent) {
      String what =
          lhs instanceof Expr.Ref r && scope.lookup(r.name()) != null
              ? r.name() + " is " + scope.lookup(r.name()).kind().describe()
              : "this expression depends on latent values";
      error(
          Code.E0405,
          lhs.loc(),
          "the left of ~ must be a new site name, an element of a site, data, "
              + "or an expression of data; "
              + what);
      return;
    }
    if (ctx == Ctx.GUIDE) {
      error(Code.E0414, t.loc(), "a guide draws latents; observing data belongs in the model");
      return;
    }
    if (declaredLatent) {
      String ln = ((Expr.Ref) (lhs instanceof Expr.Index ix ? ix.target() : lhs)).name();
      latentTildes.computeIfAbsent(ln, k -> new ArrayList<>()).add(t);
      if (lhs instanceof Expr.Ref && scope == bodyScope && loops == 0 && margDepth == 0) {
        topLevelTildes.put(t, true);
      }
    }
    if (du.isPresent()) {
      checkObserved(v.ty(), lhs, du.get());
      env.res.tildes.put(t, new TildeInfo(TildeKind.OBSERVE, du, Strategy.AUTO, null, v.ty()));
    }
  }

  /**
   * Decides, for each declared latent, whether its one whole {@code ~} at the top of the body gives
   * the site's distribution (restricted to the declared support).
   */
  void finishLatents() {
    for (Map.Entry<String, Stmt.Declare> e : typedDecls.entrySet()) {
      List<Stmt.Tilde> ts = latentTildes.getOrDefault(e.getKey(), List.of());
      if (ts.size() == 1
          && topLevelTildes.containsKey(ts.get(0))
          && env.res.tildes.containsKey(ts.get(0))) {
        Resolution.LatentDecl ld = env.res.latents.get(e.getValue());
        TildeInfo ti = env.res.tildes.get(ts.get(0));
        DistSig d = ti.dist().orElseThrow().dist();
        boolean same =
            ld.support().acceptsGuide(env.support(ti.dist().get()))
                && ld.support().kind() == env.support(ti.dist().get()).kind();
        boolean restrictable =
            ld.restriction().isEmpty()
                || same
                || (d.eventRank() == 0
                    && !d.isDiscrete()
                    && !List.of("simplex", "corr_cholesky", "cov_cholesky")
                        .contains(ld.restriction()));
        if (!restrictable) {
          error(
              Code.E0406,
              ts.get(0).rhs().loc(),
              d.name()
                  + " cannot be restricted to "
                  + ld.support()
                  + " (declared for "
                  + e.getKey()
                  + ")");
          continue;
        }
        env.res.fusedRestricted.put(ts.get(0), !same && !ld.restriction().isEmpty());
        env.res.fused.put(e.getValue(), ts.get(0));
        env.res.fusedBy.put(ts.get(0), e.getValue());
      } else if (env.res.latents.get(e.getValue()).family() == null) {
        Stmt.Declare d = e.getValue();
        error(
            Code.E0414,
            d.loc(),
            e.getKey()
                + " is declared "
                + d.type().base().text()
                + ", which has no flat density: give it one distribution with ~ (e.g. "
                + e.getKey()
                + " ~ dirichlet(...))");
      }
    }
  }

  private boolean refersToTypedLatent(Expr lhs) {
    Expr e = lhs instanceof Expr.Index ix ? ix.target() : lhs;
    if (e instanceof Expr.Ref r) {
      Symbol s = scope.lookup(r.name());
      return s != null && s.kind() == Kind.TYPED_LATENT;
    }
    return false;
  }

  private void checkObserved(Ty value, Expr lhs, DistUse du) {
    DistSig d = du.dist();
    if (d.isDiscrete() && value.elem() == Ty.Elem.REAL) {
      env.warn(
          Code.W0411,
          lhs.loc(),
          d.name() + " is a distribution over integers but the observed value is real");
    }
    if (d.eventRank() == 0) {
      Ty batch = paramsBroadcast(du, lhs.loc());
      if (batch != null && !value.isError()) {
        broadcast(
            value,
            batch,
            lhs.loc(),
            "~ " + d.name(),
            "the observed value",
            d.name() + "'s parameters");
      }
    }
  }

  private void call(Stmt.Tilde t, Decl.Gen callee) {
    if (!t.annotations().isEmpty() || !t.batch().isEmpty()) {
      error(
          Code.E0414, t.loc(), "a call of a generative function takes no strategy or batch shape");
    }
    if (!t.rhs().hasParens() && !callee.params().isEmpty()) {
      error(
          Code.E0700,
          t.rhs().loc(),
          callee.name().text() + " takes " + callee.params().size() + " arguments");
    }
    List<Arg> args = t.rhs().args();
    if (args.size() != callee.params().size()) {
      error(
          Code.E0700,
          t.rhs().loc(),
          callee.name().text()
              + " takes "
              + callee.params().size()
              + " argument(s), got "
              + args.size());
    }
    for (int i = 0; i < args.size(); i++) {
      Arg a = args.get(i);
      if (a.name().isPresent()) {
        error(Code.E0402, a.loc(), "arguments of a generative function are positional");
      }
      ET at = expr(a.value());
      if (i < callee.params().size()) {
        Ty want = env.declaredType(callee.params().get(i).type());
        if (!at.ty().isError() && !want.isError() && want.rank() != at.ty().rank()) {
          error(
              Code.E0307,
              a.loc(),
              "argument "
                  + (i + 1)
                  + " of "
                  + callee.name().text()
                  + " must be "
                  + want
                  + ", got shape "
                  + at.ty().shape());
        }
      }
    }
    Ty ret = env.genReturn(callee.name().text());
    Expr lhs = t.lhs();
    String ns;
    if (lhs instanceof Expr.Ref r) {
      ns = r.name();
    } else if (lhs instanceof Expr.Index ix && ix.target() instanceof Expr.Ref r) {
      ns = r.name();
      checkSingleIndices(ix.indices(), ix.loc());
      if (t.bind().isEmpty() && loops == 0) {
        // fine: constant index
      }
    } else {
      error(Code.E0405, lhs.loc(), "the left of a call must be an address: a name or name[index]");
      return;
    }
    boolean indexed = lhs instanceof Expr.Index;
    Symbol prev = scope.lookup(ns);
    if (prev != null
        && (prev.kind() == Kind.GEN || prev.kind() == Kind.FN || prev.kind() == Kind.OBJECTIVE)) {
      prev = null;
    }
    SiteInfo prevSite = sites.get(ns);
    if (indexed && prevSite != null && prevSite.isCall() && prevSite.elementwise()) {
      prev = null;
    } else if (prevSite != null && prev == null) {
      error(
          Code.E0403,
          lhs.loc(),
          "the address " + ns + " is already used at line " + prevSite.loc().line());
      return;
    }
    if (prev != null) {
      alreadyDefined(new Name(ns, lhs.loc()), prev);
      return;
    }
    if (!indexed && loops > 0) {
      error(
          Code.E0404,
          lhs.loc(),
          "the call "
              + ns
              + " is inside a loop: give it an indexed address, e.g. "
              + ns
              + "[t] ~ "
              + callee.name().text()
              + "(...)");
    }
    reserved(new Name(ns, lhs.loc()));
    sites.putIfAbsent(
        ns, new SiteInfo(ns, lhs.loc(), Support.REAL, 0, null, indexed, callee.name().text()));
    if (!indexed) {
      scope.define(new Symbol(ns, Kind.LOCAL, ret, lhs.loc(), false, null));
    }
    t.bind()
        .ifPresent(
            b -> {
              Symbol bp = scope.lookup(b.text());
              if (bp != null && bp.kind() != Kind.LOCAL) {
                alreadyDefined(b, bp);
              } else if (bp == null) {
                reserved(b);
                scope.define(new Symbol(b.text(), Kind.LOCAL, ret, b.loc(), false, null));
              }
            });
    env.res.tildes.put(
        t,
        new TildeInfo(TildeKind.CALL, Optional.empty(), Strategy.AUTO, callee.name().text(), ret));
  }

  private void newSite(Stmt.Tilde t, Expr.Ref r, Optional<DistUse> du, Strategy strategy) {
    reserved(new Name(r.name(), r.loc()));
    if (margDepth > 0) {
      error(
          Code.E0409,
          t.loc(),
          "a random choice ("
              + r.name()
              + ") inside marginalize: only observations "
              + "and factors may depend on the marginalised label");
      return;
    }
    if (loops > 0) {
      error(
          Code.E0404,
          t.loc(),
          "site "
              + r.name()
              + " is drawn whole inside a loop, so it would be drawn "
              + "once per iteration: draw an element ("
              + r.name()
              + "[i] ~ ...) or move it out of the loop");
    }
    Ty ty = Ty.ERROR;
    Support sup = Support.REAL;
    if (du.isPresent()) {
      DistSig d = du.get().dist();
      sup = env.support(du.get());
      ty = siteType(du.get(), t.batch(), t.loc());
      checkStrategy(strategy, d, t);
      if (ctx == Ctx.GUIDE && !d.sampler()) {
        error(
            Code.E0406,
            t.rhs().loc(),
            d.name()
                + " is an improper density with no sampler: a guide must draw from a proper distribution");
      }
    }
    scope.define(new Symbol(r.name(), Kind.SITE, ty, r.loc(), false, sup));
    sites.put(
        r.name(),
        new SiteInfo(
            r.name(),
            r.loc(),
            sup,
            ty.isError() ? -1 : ty.rank(),
            du.map(x -> x.dist().name()).orElse(null),
            false,
            null));
    env.res.types.put(r, ty);
    env.res.refs.put(r, scope.lookup(r.name()));
    if (du.isPresent()) {
      env.res.tildes.put(t, new TildeInfo(TildeKind.SAMPLE, du, strategy, null, ty));
    }
  }

  private void elementSite(
      Stmt.Tilde t,
      Expr.Index ix,
      Expr.Ref r,
      Symbol prev,
      Optional<DistUse> du,
      Strategy strategy) {
    reserved(new Name(r.name(), r.loc()));
    if (margDepth > 0) {
      error(
          Code.E0409,
          t.loc(),
          "a random choice ("
              + r.name()
              + "[..]) inside marginalize: only "
              + "observations and factors may depend on the marginalised label");
      return;
    }
    if (!t.batch().isEmpty()) {
      error(
          Code.E0413,
          t.loc(),
          "an element draw " + r.name() + "[..] ~ ... cannot have a batch shape");
    }
    int n = ix.indices().size();
    if (n > 2) {
      error(Code.E0306, ix.loc(), "a site has at most 2 indices");
      return;
    }
    if (prev != null && prev.ty().rank() != n && !prev.ty().isError()) {
      error(
          Code.E0302,
          ix.loc(),
          "site "
              + r.name()
              + " was drawn with "
              + prev.ty().rank()
              + " index(es) at line "
              + prev.loc().line()
              + ", here with "
              + n);
    }
    checkSingleIndices(ix.indices(), ix.loc());
    Support sup = Support.REAL;
    Ty.Elem elem = Ty.Elem.REAL;
    if (du.isPresent()) {
      DistSig d = du.get().dist();
      sup = env.support(du.get());
      elem = d.isDiscrete() ? Ty.Elem.INT : Ty.Elem.REAL;
      Ty one = siteType(du.get(), List.of(), t.loc());
      if (!one.isError() && one.rank() > 0) {
        error(
            Code.E0415,
            t.rhs().loc(),
            "an element "
                + r.name()
                + "[..] must be drawn as a single number, but "
                + d.name()
                + "(...) here draws shape "
                + one.shape());
      }
      checkStrategy(strategy, d, t);
      if (ctx == Ctx.GUIDE && !d.sampler()) {
        error(
            Code.E0406,
            t.rhs().loc(),
            d.name()
                + " is an improper density with no sampler: a guide must draw from a proper distribution");
      }
    }
    List<Dim> dims = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      dims.add(Dim.UNKNOWN);
    }
    Ty ty = new Ty(elem, dims);
    if (prev == null) {
      bodyScope.define(new Symbol(r.name(), Kind.ELEMENT_SITE, ty, r.loc(), false, sup));
      sites.put(
          r.name(),
          new SiteInfo(
              r.name(), r.loc(), sup, n, du.map(x -> x.dist().name()).orElse(null), true, null));
    }
    env.res.refs.put(r, scope.lookup(r.name()));
    env.res.types.put(r, ty);
    if (du.isPresent()) {
      env.res.tildes.put(
          t, new TildeInfo(TildeKind.SAMPLE_ELEMENT, du, strategy, null, ty.dropFirst()));
    }
  }

  private void objectiveTilde(Stmt.Tilde t) {
    String rhs = t.rhs().name().text();
    if (!rhs.equals("sim")) {
      error(Code.E0414, t.loc(), "in an objective, ~ only draws traces: name ~ sim(q)");
      return;
    }
    if (t.rhs().args().size() != 1) {
      error(Code.E0700, t.rhs().loc(), "sim takes 1 argument (a generative function)");
      return;
    }
    ET g = expr(t.rhs().args().get(0).value());
    if (g.ty().elem() != Ty.Elem.GEN && !g.ty().isError()) {
      error(
          Code.E0710,
          t.rhs().args().get(0).loc(),
          "sim needs a generative function, got " + g.ty());
    }
    if (!(t.lhs() instanceof Expr.Ref r)) {
      error(Code.E0405, t.lhs().loc(), "the left of ~ sim(...) must be a new name");
      return;
    }
    Symbol prev = scope.lookup(r.name());
    if (prev != null) {
      alreadyDefined(new Name(r.name(), r.loc()), prev);
      return;
    }
    reserved(new Name(r.name(), r.loc()));
    scope.define(new Symbol(r.name(), Kind.TRACE, Ty.of(Ty.Elem.TRACE), r.loc(), false, null));
    env.res.refs.put(r, scope.lookup(r.name()));
    env.res.tildes.put(
        t,
        new TildeInfo(TildeKind.SIM, Optional.empty(), Strategy.AUTO, null, Ty.of(Ty.Elem.TRACE)));
  }

  private Ty siteType(DistUse du, List<Optional<Expr>> batch, Loc loc) {
    DistSig d = du.dist();
    Ty.Elem elem = d.isDiscrete() ? Ty.Elem.INT : Ty.Elem.REAL;
    List<Dim> event = new ArrayList<>();
    if (d.eventRank() == 1) {
      for (int i = 0; i < d.params().size(); i++) {
        if (!d.params().get(i).kind().elementwise()
            && d.params().get(i).kind() != DistSig.PKind.SIZE) {
          Ty at = env.res.type(du.args().get(i));
          event.add(at.rank() >= 1 ? at.dims().get(0) : Dim.UNKNOWN);
          break;
        }
      }
    } else if (d.eventRank() == 2) {
      Dim k = env.dim(du.args().get(0));
      event.add(k);
      event.add(k);
    }
    List<Dim> dims = new ArrayList<>();
    if (!batch.isEmpty()) {
      for (Optional<Expr> b : batch) {
        if (b.isEmpty()) {
          error(Code.E0507, loc, "a batch shape needs sizes, e.g. [J]");
          return Ty.ERROR;
        }
        intScalar(expr(b.get()).ty(), b.get().loc(), "a size");
        dims.add(env.dim(b.get()));
      }
      if (d.eventRank() == 0) {
        Ty pb = paramsBroadcast(du, loc);
        if (pb != null && pb.rank() > 0) {
          broadcast(
              new Ty(elem, dims), pb, loc, d.name(), "the batch shape", d.name() + "'s parameters");
        }
      }
    } else if (d.eventRank() == 0) {
      Ty pb = paramsBroadcast(du, loc);
      if (pb == null) {
        return Ty.ERROR;
      }
      dims.addAll(pb.dims());
    }
    dims.addAll(event);
    if (dims.size() > 2) {
      error(
          Code.E0306,
          loc,
          "this site would have " + dims.size() + " dimensions; at most 2 are supported");
      return Ty.ERROR;
    }
    return new Ty(elem, dims);
  }

  /** The broadcast shape of a univariate distribution's elementwise parameters (null on error). */
  private Ty paramsBroadcast(DistUse du, Loc loc) {
    Ty acc = Ty.REAL;
    List<DistSig.ParamSig> ps = du.dist().params();
    for (int i = 0; i < ps.size() && i < du.args().size(); i++) {
      if (!ps.get(i).kind().elementwise()) {
        continue;
      }
      Ty t = env.res.type(du.args().get(i));
      if (t.isError()) {
        return null;
      }
      Ty r =
          broadcast(
              acc, t, du.args().get(i).loc(), du.dist().name(), "its parameters", ps.get(i).name());
      if (r == null) {
        return null;
      }
      acc = r;
    }
    return acc;
  }

  private Strategy strategy(List<Annotation> anns) {
    if (anns.isEmpty()) {
      return Strategy.AUTO;
    }
    if (anns.size() > 1) {
      error(Code.E0407, anns.get(1).loc(), "a site takes one strategy annotation");
    }
    Annotation a = anns.get(0);
    String n = a.name().text();
    switch (n) {
      case "reparam":
        noArgs(a);
        return Strategy.REPARAM;
      case "enum":
        noArgs(a);
        return Strategy.ENUM;
      case "mvd":
        noArgs(a);
        return Strategy.MVD;
      case "auto":
        noArgs(a);
        return Strategy.AUTO;
      case "reinforce":
        return Strategy.reinforce(baseline(a));
      case "marginalize":
        error(
            Code.E0407,
            a.loc(),
            "to sum a discrete site out in the model, write: marginalize "
                + "z ~ dist(...) { ... }");
        return Strategy.AUTO;
      default:
        error(
            Code.E0407,
            a.name().loc(),
            "unknown strategy @"
                + n
                + Suggest.hint(n, List.of("reparam", "reinforce", "enum", "mvd", "auto"))
                + "; the strategies are @reparam, @reinforce, @enum, @mvd");
        return Strategy.AUTO;
    }
  }

  private void noArgs(Annotation a) {
    if (!a.args().isEmpty()) {
      error(Code.E0407, a.loc(), "@" + a.name().text() + " takes no arguments");
    }
  }

  private Strategy.Baseline baseline(Annotation a) {
    if (a.args().isEmpty()) {
      return Strategy.Baseline.movingAverage(0.9);
    }
    if (a.args().size() > 1) {
      error(
          Code.E0407,
          a.loc(),
          "@reinforce takes one baseline: none, learned, ema = d or constant = c");
      return Strategy.Baseline.movingAverage(0.9);
    }
    Arg arg = a.args().get(0);
    if (arg.name().isEmpty() && arg.value() instanceof Expr.Ref r) {
      if (r.name().equals("none")) {
        return Strategy.Baseline.none();
      }
      if (r.name().equals("learned")) {
        return Strategy.Baseline.learned();
      }
    }
    if (arg.name().isPresent()) {
      Optional<Double> v = ConstEval.literals().scalar(arg.value());
      String k = arg.name().get().text();
      if (v.isPresent() && k.equals("ema") && v.get() > 0 && v.get() < 1) {
        return Strategy.Baseline.movingAverage(v.get());
      }
      if (v.isPresent() && k.equals("constant")) {
        return Strategy.Baseline.constant(v.get());
      }
    }
    error(
        Code.E0407, arg.loc(), "a baseline is none, learned, ema = d (0 < d < 1) or constant = c");
    return Strategy.Baseline.movingAverage(0.9);
  }

  private void checkStrategy(Strategy s, DistSig d, Stmt.Tilde t) {
    if (s.kind() == Strategy.Kind.AUTO) {
      return;
    }
    if (!d.strategies().contains(s.kind())) {
      String why;
      switch (s.kind()) {
        case ENUM:
          why =
              d.isDiscrete() ? d.name() + " has an infinite support" : d.name() + " is continuous";
          break;
        case REPARAM:
          why =
              d.isDiscrete()
                  ? d.name() + " is discrete"
                  : d.name() + " has no reparameterised sampler";
          break;
        case MVD:
          why = "measure-valued derivatives are available for bernoulli, poisson and normal";
          break;
        default:
          why = d.name() + " cannot be sampled";
          break;
      }
      error(
          Code.E0406,
          t.annotations().get(0).loc(),
          "@"
              + s.kind().name().toLowerCase(java.util.Locale.ROOT)
              + " does not apply here: "
              + why);
    }
  }

  /** Checks a distribution reference and its arguments; empty if unknown or wrong. */
  Optional<DistUse> distribution(CallRef c, boolean quiet) {
    String n = c.name().text();
    Optional<DistSig> sig = Distributions.get(n);
    if (sig.isEmpty()) {
      for (Arg a : c.args()) {
        expr(a.value());
      }
      String extra =
          Builtins.get(n).isPresent() || env.fns.containsKey(n)
              ? " (" + n + " is a function, not a distribution)"
              : Suggest.hint(n, Distributions.names());
      error(Code.E0202, c.name().loc(), "unknown distribution '" + n + "'" + extra);
      return Optional.empty();
    }
    DistSig d = sig.get();
    List<Arg> args = new ArrayList<>(c.args());
    int np = d.params().size();
    if (d.zeroLocation()
        && args.size() == np + 1
        && args.stream().allMatch(a -> a.name().isEmpty())) {
      Arg loc = args.remove(0);
      expr(loc.value());
      Optional<Double> z = consts().scalar(loc.value());
      if (z.isEmpty() || z.get() != 0) {
        error(
            Code.E0401, loc.loc(), d.name() + "(0, sigma) is centred at 0: its location must be 0");
      }
    }
    Expr[] ordered = new Expr[np];
    boolean bad = false;
    int pos = 0;
    for (Arg a : args) {
      if (a.name().isPresent()) {
        String an = a.name().get().text();
        int k = -1;
        for (int i = 0; i < np; i++) {
          if (d.params().get(i).name().equals(an)) {
            k = i;
          }
        }
        if (k < 0 || ordered[k] != null) {
          error(
              Code.E0402,
              a.name().get().loc(),
              (k < 0 ? "unknown" : "repeated")
                  + " argument '"
                  + an
                  + "' of "
                  + d.name()
                  + " (its parameters are "
                  + paramNames(d)
                  + ")");
          bad = true;
          expr(a.value());
          continue;
        }
        ordered[k] = a.value();
      } else {
        if (pos < np) {
          ordered[pos] = a.value();
        }
        pos++;
      }
    }
    int given = args.size();
    if (bad) {
      for (Arg a : args) {
        if (a.name().isEmpty()) {
          expr(a.value());
        }
      }
      return Optional.empty();
    }
    if (given != np) {
      error(
          Code.E0400,
          c.loc(),
          d.name()
              + " takes "
              + np
              + " argument"
              + (np == 1 ? "" : "s")
              + (np == 0 ? "" : " (" + paramNames(d) + ")")
              + ", got "
              + given);
      for (Arg a : args) {
        if (a.name().isEmpty()) {
          expr(a.value());
        }
      }
      return Optional.empty();
    }
    List<Expr> list = new ArrayList<>();
    for (int i = 0; i < np; i++) {
      Expr e = ordered[i];
      if (e == null) {
        error(
            Code.E0400,
            c.loc(),
            d.name() + " is missing its argument '" + d.params().get(i).name() + "'");
        return Optional.empty();
      }
      ET t = expr(e);
      if (!argOk(d, d.params().get(i), e, t.ty())) {
        bad = true;
      }
      list.add(e);
    }
    return bad ? Optional.empty() : Optional.of(new DistUse(d, list));
  }

  private static String paramNames(DistSig d) {
    List<String> n = new ArrayList<>();
    for (DistSig.ParamSig p : d.params()) {
      n.add(p.name());
    }
    return String.join(", ", n);
  }

  private boolean argOk(DistSig d, DistSig.ParamSig p, Expr e, Ty t) {
    if (t.isError()) {
      return false;
    }
    if (!t.isNumeric()) {
      error(Code.E0410, e.loc(), p.name() + " of " + d.name() + " must be a number, got " + t);
      return false;
    }
    DistSig.PKind k = p.kind();
    if ((k == DistSig.PKind.VECTOR || k == DistSig.PKind.POS_VECTOR || k == DistSig.PKind.SIMPLEX)
        && t.rank() != 1) {
      error(
          Code.E0410,
          e.loc(),
          p.name()
              + " of "
              + d.name()
              + " must be "
              + k.description()
              + ", got shape "
              + t.shape());
      return false;
    }
    if (k == DistSig.PKind.MATRIX && t.rank() != 2) {
      error(
          Code.E0410,
          e.loc(),
          p.name() + " of " + d.name() + " must be a matrix, got shape " + t.shape());
      return false;
    }
    if (k == DistSig.PKind.SIZE && (t.rank() != 0 || t.elem() != Ty.Elem.INT)) {
      error(
          Code.E0410, e.loc(), p.name() + " of " + d.name() + " must be a whole number, got " + t);
      return false;
    }
    Optional<dev.varia.core.ad.Tensor> v = consts().eval(e);
    if (v.isPresent()) {
      dev.varia.core.ad.Tensor x = v.get();
      for (int i = 0; i < x.size(); i++) {
        double y = x.get(i);
        boolean ok;
        switch (k) {
          case POSITIVE:
          case POS_VECTOR:
            ok = y > 0;
            break;
          case PROB:
          case SIMPLEX:
            ok = y >= 0 && y <= 1;
            break;
          case COUNT:
            ok = y >= 0 && y == Math.rint(y);
            break;
          case SIZE:
            ok = y >= 1 && y == Math.rint(y);
            break;
          default:
            ok = !Double.isNaN(y);
            break;
        }
        if (!ok) {
          error(
              Code.E0401,
              e.loc(),
              p.name()
                  + " of "
                  + d.name()
                  + " must be "
                  + k.description()
                  + ", got "
                  + DataFmt.num(y));
          return false;
        }
      }
      if (k == DistSig.PKind.SIMPLEX) {
        double s = 0;
        for (int i = 0; i < x.size(); i++) {
          s += x.get(i);
        }
        if (Math.abs(s - 1) > 1e-8) {
          error(
              Code.E0401,
              e.loc(),
              p.name() + " of " + d.name() + " must sum to 1, got " + DataFmt.num(s));
          return false;
        }
      }
    }
    return true;
  }

  // ============================================================================================
  // expressions

  ET expr(Expr e) {
    ET r = exprInner(e);
    env.res.types.put(e, r.ty());
    return r;
  }

  private ET exprInner(Expr e) {
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

  private ET ref(Expr.Ref r) {
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

  private ET binary(Expr.Binary b) {
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

  private ET vectorLit(Expr.VectorLit v) {
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

  private ET index(Expr.Index ix) {
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
  private void index(Ty t, Expr e) {
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

  private ET call(Expr.Call c) {
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

  private ET userFn(Expr.Call c, Decl.Fn f) {
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

  private void reserved(Name n) {
    if (n.text().startsWith("__")) {
      error(Code.E0209, n.loc(), "names starting with __ are reserved for the compiler");
    }
  }

  private void defineNew(Symbol s, Name n) {
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

  private void alreadyDefined(Name n, Symbol prev) {
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
