package dev.varia.lang.check;

import dev.varia.core.ir.Strategy;
import dev.varia.lang.ast.Annotation;
import dev.varia.lang.ast.Arg;
import dev.varia.lang.ast.CallRef;
import dev.varia.lang.ast.Decl;
import dev.varia.lang.ast.Expr;
import dev.varia.lang.ast.Loc;
import dev.varia.lang.ast.Name;
import dev.varia.lang.ast.Stmt;
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
 * The checking of {@code ~} statements: new sites (whole and by element), observations, traced
 * calls and objective draws; distributions and their arguments; strategy annotations; declared
 * latents.
 */
abstract class SiteChecker extends ExprChecker {
  final Map<String, Stmt.Declare> typedDecls = new LinkedHashMap<>();
  final Map<String, List<Stmt.Tilde>> latentTildes = new LinkedHashMap<>();
  final Map<Stmt.Tilde, Boolean> topLevelTildes = new java.util.IdentityHashMap<>();

  SiteChecker(Checker env, Ctx ctx, String owner, Scope scope, Map<String, SiteInfo> sites) {
    super(env, ctx, owner, scope, sites);
  }

  // --------------------------------------------------------------------------------------------
  // ~

  void tilde(Stmt.Tilde t) {
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

  boolean refersToTypedLatent(Expr lhs) {
    Expr e = lhs instanceof Expr.Index ix ? ix.target() : lhs;
    if (e instanceof Expr.Ref r) {
      Symbol s = scope.lookup(r.name());
      return s != null && s.kind() == Kind.TYPED_LATENT;
    }
    return false;
  }

  void checkObserved(Ty value, Expr lhs, DistUse du) {
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

  void call(Stmt.Tilde t, Decl.Gen callee) {
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

  void newSite(Stmt.Tilde t, Expr.Ref r, Optional<DistUse> du, Strategy strategy) {
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

  void elementSite(
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

  void objectiveTilde(Stmt.Tilde t) {
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

  Ty siteType(DistUse du, List<Optional<Expr>> batch, Loc loc) {
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
  Ty paramsBroadcast(DistUse du, Loc loc) {
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

  Strategy strategy(List<Annotation> anns) {
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

  void noArgs(Annotation a) {
    if (!a.args().isEmpty()) {
      error(Code.E0407, a.loc(), "@" + a.name().text() + " takes no arguments");
    }
  }

  Strategy.Baseline baseline(Annotation a) {
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

  void checkStrategy(Strategy s, DistSig d, Stmt.Tilde t) {
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

  static String paramNames(DistSig d) {
    List<String> n = new ArrayList<>();
    for (DistSig.ParamSig p : d.params()) {
      n.add(p.name());
    }
    return String.join(", ", n);
  }

  boolean argOk(DistSig d, DistSig.ParamSig p, Expr e, Ty t) {
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
}
