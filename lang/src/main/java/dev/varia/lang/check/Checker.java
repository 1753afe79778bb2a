package dev.varia.lang.check;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.Domain;
import dev.varia.lang.ast.Decl;
import dev.varia.lang.ast.Expr;
import dev.varia.lang.ast.Loc;
import dev.varia.lang.ast.Name;
import dev.varia.lang.ast.Stmt;
import dev.varia.lang.ast.TypeExpr;
import dev.varia.lang.ast.Unit;
import dev.varia.lang.check.Symbol.Kind;
import dev.varia.lang.check.internal.Scope;
import dev.varia.lang.data.DataBinder;
import dev.varia.lang.data.DataFile;
import dev.varia.lang.data.FieldSpec;
import dev.varia.lang.diag.Code;
import dev.varia.lang.diag.Diagnostics;
import dev.varia.lang.diag.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checker: resolves names and scopes, infers types and shapes, checks distributions, sites and
 * strategies, binds the data file against the data declarations, and checks fits and model/guide
 * consistency. Every problem is a diagnostic; checking goes on after an error so that several are
 * reported at once.
 */
public final class Checker {
  final SourceFile file;
  final Diagnostics diags;
  final Resolution res = new Resolution();
  final CheckedProgram out;
  private final Scope globals = new Scope(null);
  final Map<String, Decl.Gen> gens = new LinkedHashMap<>();
  final Map<String, Decl.Fn> fns = new LinkedHashMap<>();
  final Map<String, Decl.Objective> objectives = new LinkedHashMap<>();
  private final Map<String, Expr> dataDefs = new HashMap<>();
  private final Map<String, Ty> fnReturns = new HashMap<>();
  private final Map<String, Ty> genReturns = new HashMap<>();
  private final Map<String, Boolean> inProgress = new HashMap<>();
  private final DataBinder binder;
  private final ConstEval consts;

  private Checker(Unit unit, SourceFile file, Optional<DataFile> data, Diagnostics diags) {
    this.file = file;
    this.diags = diags;
    this.out = new CheckedProgram(unit, file, res);
    this.binder = data.map(d -> new DataBinder(d, diags)).orElse(null);
    this.consts = new ConstEval(this::lookupConst);
  }

  /** Checks {@code unit} (from {@code file}) with an optional data file. */
  public static CheckedProgram check(
      Unit unit, SourceFile file, Optional<DataFile> data, Diagnostics diags) {
    Checker c = new Checker(unit, file, data, diags);
    c.run();
    return c.out;
  }

  // --------------------------------------------------------------------------------------------

  void error(Code c, Loc l, String msg) {
    diags.report(c, file, l.line(), l.column(), l.length(), msg);
  }

  void warn(Code c, Loc l, String msg) {
    diags.report(c, file, l.line(), l.column(), l.length(), msg);
  }

  Scope globals() {
    return globals;
  }

  Symbol globalsLookup(String name) {
    return globals.lookup(name);
  }

  ConstEval constEval() {
    return consts;
  }

  private Optional<Tensor> lookupConst(String name) {
    Tensor t = out.boundData.get(name);
    if (t != null) {
      return Optional.of(t);
    }
    Expr def = dataDefs.get(name);
    if (def != null) {
      return consts.eval(def);
    }
    return Optional.empty();
  }

  /** A static dimension from a size expression. */
  Dim dim(Expr e) {
    Optional<Double> v = consts.scalar(e);
    String sym = Printer.show(e);
    if (v.isPresent() && v.get() >= 0 && v.get() == Math.rint(v.get())) {
      return new Dim(v.get().longValue(), sym);
    }
    return Dim.symbolic(sym);
  }

  // --------------------------------------------------------------------------------------------

  private void run() {
    Map<String, Loc> top = new HashMap<>();
    for (Decl d : out.unit.decls()) {
      Name n = null;
      Kind k = null;
      if (d instanceof Decl.Gen g) {
        n = g.name();
        k = Kind.GEN;
      } else if (d instanceof Decl.Fn f) {
        n = f.name();
        k = Kind.FN;
      } else if (d instanceof Decl.Objective o) {
        n = o.name();
        k = Kind.OBJECTIVE;
      }
      if (n == null) {
        continue;
      }
      if (n.text().startsWith("__")) {
        error(Code.E0209, n.loc(), "names starting with __ are reserved for the compiler");
      }
      Loc prev = top.putIfAbsent(n.text(), n.loc());
      if (prev != null) {
        error(Code.E0207, n.loc(), "'" + n.text() + "' is already declared at line " + prev.line());
        continue;
      }
      if (Builtins.get(n.text()).isPresent() && k == Kind.FN) {
        error(
            Code.E0207,
            n.loc(),
            "'" + n.text() + "' is a built-in function and cannot be redefined");
        continue;
      }
      globals.define(new Symbol(n.text(), k, Ty.ERROR, n.loc(), false, null));
      if (d instanceof Decl.Gen g) {
        gens.put(n.text(), g);
        out.gens.put(n.text(), g);
      } else if (d instanceof Decl.Fn f) {
        fns.put(n.text(), f);
        out.fns.put(n.text(), f);
      } else {
        objectives.put(n.text(), (Decl.Objective) d);
        out.objectives.put(n.text(), (Decl.Objective) d);
      }
    }
    for (Decl d : out.unit.decls()) {
      if (d instanceof Decl.Data data) {
        dataBlock(data);
      }
    }
    out.dataBound = binder != null && !diags.hasErrors();
    for (Decl.Fn f : fns.values()) {
      fnReturn(f, f.name().loc());
    }
    for (String g : gens.keySet()) {
      genReturn(g);
    }
    for (Decl.Objective o : objectives.values()) {
      objective(o);
    }
    new FitChecker(this).checkAll();
    if (binder != null) {
      binder.noteUnused();
    }
  }

  // --------------------------------------------------------------------------------------------
  // data

  private void dataBlock(Decl.Data d) {
    Scope s = new Scope(globals);
    BodyChecker bc = new BodyChecker(this, BodyChecker.Ctx.DATA, "data", s, null);
    bc.bodyScope = s;
    bc.block(d.body());
    List<String> exported = new ArrayList<>();
    for (Symbol sym : s.own().values()) {
      if (sym.kind() == Kind.LOCAL || sym.kind() == Kind.VAR_ARRAY) {
        if (globals.lookup(sym.name()) != null) {
          continue;
        }
        globals.define(new Symbol(sym.name(), Kind.DATA, sym.ty(), sym.loc(), true, null));
        exported.add(sym.name());
      }
    }
    out.dataExports.put(d, exported);
  }

  /** A declaration in a data block: a field of the data file, or a typed definition. */
  void dataDeclare(BodyChecker bc, Stmt.Declare d, boolean nested) {
    String n = d.name().text();
    Symbol prev = bc.scope().lookup(n);
    if (prev != null) {
      error(
          Code.E0201,
          d.name().loc(),
          "'"
              + n
              + "' is already defined as "
              + prev.kind().describe()
              + " (line "
              + prev.loc().line()
              + ")");
      return;
    }
    if (n.startsWith("__")) {
      error(Code.E0209, d.name().loc(), "names starting with __ are reserved for the compiler");
    }
    if (d.value().isPresent()) {
      Ty want = typeOf(bc, d.type(), true);
      ExprChecker.ET v = bc.expr(d.value().get());
      checkFits(want, v.ty(), d.value().get().loc(), n);
      if (!nested) {
        dataDefs.put(n, d.value().get());
      }
      bc.scope()
          .define(
              new Symbol(
                  n, Kind.LOCAL, want.isError() ? v.ty() : want, d.name().loc(), true, null));
      return;
    }
    if (nested) {
      error(
          Code.E0414,
          d.loc(),
          "data fields are declared at the top of a data block, not inside loops or ifs");
      return;
    }
    out.dataDeclared = true;
    Ty ty = typeOf(bc, d.type(), false);
    FieldSpec spec = fieldSpec(bc, d, ty);
    if (binder != null && spec != null) {
      Optional<Tensor> t = binder.bind(spec, file, d.name().loc().line(), d.name().loc().column());
      t.ifPresent(x -> out.boundData.put(n, x));
      if (t.isPresent()) {
        List<Dim> dims = new ArrayList<>();
        Shape shape = t.get().shape();
        for (int i = 0; i < spec.dims().size(); i++) {
          long size = shape.rank() == 1 ? shape.cols() : i == 0 ? shape.rows() : shape.cols();
          String name = spec.sizeNames().get(i);
          dims.add(new Dim(size, name.isEmpty() ? null : name));
        }
        ty = ty.withDims(dims);
      }
    }
    globals.define(new Symbol(n, Kind.DATA, ty, d.name().loc(), true, null));
  }

  private FieldSpec fieldSpec(BodyChecker bc, Stmt.Declare d, Ty ty) {
    if (ty.isError()) {
      return null;
    }
    TypeExpr t = d.type();
    String base = t.base().text();
    FieldSpec.Structure st = FieldSpec.Structure.NONE;
    switch (base) {
      case "simplex":
        st = FieldSpec.Structure.SIMPLEX;
        break;
      case "ordered":
        st = FieldSpec.Structure.ORDERED;
        break;
      case "positive_ordered":
        st = FieldSpec.Structure.POSITIVE_ORDERED;
        break;
      case "cholesky_factor_corr":
      case "cholesky_factor_cov":
        error(Code.E0414, t.loc(), base + " data are not supported: declare a matrix");
        return null;
      default:
        break;
    }
    double lo = Double.NEGATIVE_INFINITY;
    double hi = Double.POSITIVE_INFINITY;
    for (TypeExpr.TypeArg a : t.args()) {
      Optional<Double> v = consts.scalar(a.value());
      if (v.isEmpty()) {
        if (binder != null) {
          error(
              Code.E0312,
              a.value().loc(),
              "the bound of a data field must be a number or an expression of earlier data");
        }
        continue;
      }
      if (a.name().text().equals("lower")) {
        lo = v.get();
      } else {
        hi = v.get();
      }
    }
    List<Integer> dims = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Optional<Expr>> written = new ArrayList<>(t.dims());
    if (t.base().text().startsWith("cholesky_factor") && written.size() == 1) {
      written.add(written.get(0));
    }
    for (Optional<Expr> oe : written) {
      if (oe.isEmpty()) {
        dims.add(-1);
        names.add("");
        continue;
      }
      Expr e = oe.get();
      Optional<Double> v = consts.scalar(e);
      names.add(Printer.show(e));
      if (v.isEmpty()) {
        if (binder != null) {
          error(
              Code.E0507,
              e.loc(),
              "the size "
                  + Printer.show(e)
                  + " is not known: sizes of data must be numbers or earlier data");
        }
        return null;
      }
      double x = v.get();
      if (x < 0 || x != Math.rint(x) || x > Integer.MAX_VALUE) {
        error(
            Code.E0507,
            e.loc(),
            "the size " + Printer.show(e) + " = " + DataFmt.num(x) + " is not a whole number >= 0");
        return null;
      }
      dims.add((int) x);
    }
    if (base.equals("cholesky_factor_corr") || base.equals("cholesky_factor_cov")) {
      return null;
    }
    return new FieldSpec(d.name().text(), ty.elem() == Ty.Elem.INT, dims, lo, hi, st, names);
  }

  /** The size expressions of a type (cholesky factors: K, K). */
  static List<Expr> sizeExprs(TypeExpr t) {
    List<Expr> out = new ArrayList<>();
    for (Optional<Expr> e : t.dims()) {
      e.ifPresent(out::add);
    }
    if (t.base().text().startsWith("cholesky_factor") && out.size() == 1) {
      out.add(out.get(0));
    }
    return out;
  }

  // --------------------------------------------------------------------------------------------
  // types

  private static final List<String> TYPE_NAMES =
      List.of(
          "int",
          "real",
          "vector",
          "matrix",
          "simplex",
          "ordered",
          "positive_ordered",
          "cholesky_factor_corr",
          "cholesky_factor_cov");

  /** The static type denoted by {@code t}; with {@code bc}, size expressions are checked. */
  Ty typeOf(ExprChecker bc, TypeExpr t, boolean requireSizes) {
    String base = t.base().text();
    if (!TYPE_NAMES.contains(base)) {
      error(
          Code.E0204,
          t.base().loc(),
          "unknown type '"
              + base
              + "'"
              + Suggest.hint(base, TYPE_NAMES)
              + "; the types are "
              + String.join(", ", TYPE_NAMES));
      return Ty.ERROR;
    }
    int want;
    switch (base) {
      case "int":
      case "real":
        want = -1;
        break;
      case "matrix":
        want = 2;
        break;
      default:
        want = 1;
        break;
    }
    int n = t.dims().size();
    if (!requireSizes && n == 0 && want > 0) {
      List<Dim> unsized = new ArrayList<>();
      for (int i = 0; i < want; i++) {
        unsized.add(Dim.UNKNOWN);
      }
      if (base.startsWith("cholesky_factor")) {
        unsized.add(Dim.UNKNOWN);
      }
      return new Ty(Ty.Elem.REAL, unsized);
    }
    if (want >= 0 && n != want) {
      error(
          Code.E0306,
          t.loc(),
          base + " takes " + want + " size(s), e.g. " + base + (want == 1 ? "[N]" : "[M, N]"));
      return Ty.ERROR;
    }
    if (n > 2) {
      error(Code.E0306, t.loc(), "at most 2 dimensions are supported, got " + n);
      return Ty.ERROR;
    }
    for (TypeExpr.TypeArg a : t.args()) {
      String an = a.name().text();
      if (!an.equals("lower") && !an.equals("upper")) {
        error(
            Code.E0311,
            a.name().loc(),
            "unknown constraint '" + an + "' (the constraints are lower and upper)");
        return Ty.ERROR;
      }
      if (!(base.equals("int")
          || base.equals("real")
          || base.equals("vector")
          || base.equals("matrix"))) {
        error(Code.E0311, a.name().loc(), base + " takes no lower/upper constraint");
        return Ty.ERROR;
      }
      if (bc != null) {
        ExprChecker.ET bt = bc.expr(a.value());
        bc.numeric(bt.ty(), a.value().loc(), an);
      }
    }
    if (t.args().size() == 2) {
      Optional<Double> lo = consts.scalar(t.args().get(0).value());
      Optional<Double> hi = consts.scalar(t.args().get(1).value());
      if (t.args().get(0).name().text().equals(t.args().get(1).name().text())) {
        error(
            Code.E0311,
            t.args().get(1).loc(),
            "the constraint " + t.args().get(1).name().text() + " is given twice");
        return Ty.ERROR;
      }
      if (lo.isPresent() && hi.isPresent()) {
        double l = t.args().get(0).name().text().equals("lower") ? lo.get() : hi.get();
        double h = t.args().get(0).name().text().equals("lower") ? hi.get() : lo.get();
        if (!(l < h)) {
          error(
              Code.E0311,
              t.loc(),
              "the lower bound "
                  + DataFmt.num(l)
                  + " must be below the upper bound "
                  + DataFmt.num(h));
          return Ty.ERROR;
        }
      }
    }
    List<Dim> dims = new ArrayList<>();
    for (java.util.Optional<Expr> e : t.dims()) {
      if (e.isEmpty()) {
        if (requireSizes) {
          error(Code.E0507, t.loc(), "this type needs sizes, e.g. " + base + "[N]");
          return Ty.ERROR;
        }
        dims.add(Dim.UNKNOWN);
        continue;
      }
      if (bc != null) {
        ExprChecker.ET st = bc.expr(e.get());
        bc.intScalar(st.ty(), e.get().loc(), "a size");
      }
      dims.add(dim(e.get()));
    }
    if (base.startsWith("cholesky_factor")) {
      dims.add(dims.get(0));
    }
    return new Ty(base.equals("int") ? Ty.Elem.INT : Ty.Elem.REAL, dims);
  }

  /** The type of a declared parameter of a function or generative function (sizes optional). */
  Ty declaredType(TypeExpr t) {
    return typeOfQuiet(t);
  }

  private final Map<TypeExpr, Ty> quietTypes = new java.util.IdentityHashMap<>();

  private Ty typeOfQuiet(TypeExpr t) {
    Ty cached = quietTypes.get(t);
    if (cached != null) {
      return cached;
    }
    Ty r = typeOf(null, t, false);
    quietTypes.put(t, r);
    return r;
  }

  /** Checks that a value of type {@code got} fits the declared {@code want}. */
  void checkFits(Ty want, Ty got, Loc loc, String name) {
    if (want.isError() || got.isError()) {
      return;
    }
    if (want.rank() != got.rank()) {
      error(
          Code.E0308,
          loc,
          name + " is declared " + want + " but is given a value of shape " + got.shape());
      return;
    }
    for (int i = 0; i < want.rank(); i++) {
      if (want.dims().get(i).differs(got.dims().get(i))) {
        error(
            Code.E0308,
            loc,
            name
                + " is declared with shape "
                + want.shape()
                + " but is given a value of shape "
                + got.shape());
        return;
      }
    }
    if (want.elem() == Ty.Elem.INT && got.elem() == Ty.Elem.REAL) {
      error(Code.E0308, loc, name + " is declared int but is given a real value");
    }
  }

  // --------------------------------------------------------------------------------------------
  // latents and params

  /** The support of a distribution use (bounds from constant arguments, dynamic otherwise). */
  Support support(Resolution.DistUse du) {
    DistSig d = du.dist();
    switch (d.supportFromArgs()) {
      case "lower":
        return bounded(Support.Kind.LOWER, du.args().get(0), null);
      case "upper":
        return bounded(Support.Kind.UPPER, null, du.args().get(0));
      case "interval":
        return bounded(Support.Kind.INTERVAL, du.args().get(0), du.args().get(1));
      default:
        return d.support();
    }
  }

  private Support bounded(Support.Kind k, Expr lo, Expr hi) {
    Optional<Double> l = lo == null ? Optional.of(Double.NEGATIVE_INFINITY) : consts.scalar(lo);
    Optional<Double> h = hi == null ? Optional.of(Double.POSITIVE_INFINITY) : consts.scalar(hi);
    boolean dyn = l.isEmpty() || h.isEmpty();
    return new Support(k, l.orElse(Double.NaN), h.orElse(Double.NaN), dyn);
  }

  /** The flat site of a typed latent declaration, or null after an error. */
  Resolution.LatentDecl latentDecl(ExprChecker bc, TypeExpr t) {
    Ty ty = typeOf(bc, t, true);
    if (ty.isError()) {
      return null;
    }
    String base = t.base().text();
    if (base.equals("int")) {
      error(
          Code.E0414,
          t.loc(),
          "a discrete latent needs a distribution: write name ~ poisson(...) or similar");
      return null;
    }
    List<Expr> sizes = new ArrayList<>();
    for (Optional<Expr> e : t.dims()) {
      e.ifPresent(sizes::add);
    }
    switch (base) {
      case "simplex":
        return new Resolution.LatentDecl(
            null, List.of(), sizes, Support.of(Support.Kind.SIMPLEX), "simplex", List.of());
      case "ordered":
        return new Resolution.LatentDecl(
            "ordered:flat",
            List.of(),
            sizes,
            Support.of(Support.Kind.ORDERED),
            "ordered",
            List.of());
      case "positive_ordered":
        return new Resolution.LatentDecl(
            "positive_ordered:flat",
            List.of(),
            sizes,
            Support.of(Support.Kind.POSITIVE_ORDERED),
            "positive_ordered",
            List.of());
      case "cholesky_factor_corr":
        return new Resolution.LatentDecl(
            null,
            List.of(),
            List.of(),
            Support.of(Support.Kind.CORR_CHOLESKY),
            "corr_cholesky",
            List.of());
      case "cholesky_factor_cov":
        return new Resolution.LatentDecl(
            null,
            List.of(),
            List.of(),
            Support.of(Support.Kind.COV_CHOLESKY),
            "cov_cholesky",
            List.of());
      default:
        break;
    }
    Expr lo = null;
    Expr hi = null;
    for (TypeExpr.TypeArg a : t.args()) {
      if (a.name().text().equals("lower")) {
        lo = a.value();
      } else {
        hi = a.value();
      }
    }
    if (lo != null && hi != null) {
      return new Resolution.LatentDecl(
          "flat_interval",
          List.of(lo, hi),
          sizes,
          bounded(Support.Kind.INTERVAL, lo, hi),
          "interval",
          List.of(lo, hi));
    }
    if (lo != null) {
      Support sup = bounded(Support.Kind.LOWER, lo, null);
      boolean positive = !sup.dynamic() && sup.lower() == 0;
      return new Resolution.LatentDecl(
          "flat_lower",
          List.of(lo),
          sizes,
          sup,
          positive ? "positive" : "lower",
          positive ? List.of() : List.of(lo));
    }
    if (hi != null) {
      return new Resolution.LatentDecl(
          "flat_upper",
          List.of(hi),
          sizes,
          bounded(Support.Kind.UPPER, null, hi),
          "upper",
          List.of(hi));
    }
    return new Resolution.LatentDecl("flat", List.of(), sizes, Support.REAL, "", List.of());
  }

  /** A parameter's type and domain. */
  record ParamType(Ty ty, Domain domain) {}

  ParamType paramType(TypeExpr t) {
    Ty ty = typeOf(null, t, true);
    if (ty.isError()) {
      return null;
    }
    String base = t.base().text();
    if (base.equals("int")) {
      error(Code.E0414, t.loc(), "params are real-valued: use real");
      return null;
    }
    switch (base) {
      case "simplex":
        return new ParamType(ty, Domain.of(Domain.Kind.SIMPLEX));
      case "ordered":
        return new ParamType(ty, Domain.of(Domain.Kind.ORDERED));
      case "positive_ordered":
        return new ParamType(ty, Domain.of(Domain.Kind.POSITIVE_ORDERED));
      case "cholesky_factor_corr":
        return new ParamType(ty, Domain.of(Domain.Kind.CORR_CHOLESKY));
      case "cholesky_factor_cov":
        return new ParamType(ty, Domain.of(Domain.Kind.COV_CHOLESKY));
      default:
        break;
    }
    double lo = Double.NEGATIVE_INFINITY;
    double hi = Double.POSITIVE_INFINITY;
    for (TypeExpr.TypeArg a : t.args()) {
      Optional<Double> v = ConstEval.literals().scalar(a.value());
      if (v.isEmpty()) {
        error(Code.E0312, a.value().loc(), "the bounds of a param must be constant numbers");
        return null;
      }
      if (a.name().text().equals("lower")) {
        lo = v.get();
      } else {
        hi = v.get();
      }
    }
    Domain dom;
    if (lo > Double.NEGATIVE_INFINITY && hi < Double.POSITIVE_INFINITY) {
      dom = Domain.interval(lo, hi);
    } else if (lo > Double.NEGATIVE_INFINITY) {
      dom = Domain.lower(lo);
    } else if (hi < Double.POSITIVE_INFINITY) {
      dom = Domain.upper(hi);
    } else {
      dom = Domain.real();
    }
    return new ParamType(ty, dom);
  }

  void checkParamInit(Stmt.Param p, ParamType pt, Tensor v, Ty vt) {
    Expr e = p.init().orElseThrow();
    if (v.size() != 1) {
      List<Dim> d = pt.ty().dims();
      long want = 1;
      for (Dim x : d) {
        want = x.isKnown() && want >= 0 ? want * x.value() : -1;
      }
      if (vt.rank() != pt.ty().rank() || (want >= 0 && want != v.size())) {
        error(
            Code.E0308,
            e.loc(),
            "the initial value of "
                + p.name().text()
                + " has shape "
                + vt.shape()
                + " but the param has shape "
                + pt.ty().shape());
        return;
      }
    }
    Domain dom = pt.domain();
    for (int i = 0; i < v.size(); i++) {
      double x = v.get(i);
      boolean ok;
      switch (dom.kind()) {
        case LOWER:
          ok = x > dom.lower();
          break;
        case UPPER:
          ok = x < dom.upper();
          break;
        case INTERVAL:
          ok = x > dom.lower() && x < dom.upper();
          break;
        case REAL:
          ok = Double.isFinite(x);
          break;
        default:
          ok = true;
          break;
      }
      if (!ok) {
        error(
            Code.E0308,
            e.loc(),
            "the initial value "
                + DataFmt.num(x)
                + " of "
                + p.name().text()
                + " is outside its domain");
        return;
      }
    }
  }

  /** The shape of a param, evaluated (null if the sizes are not known yet). */
  Shape paramShape(Ty ty) {
    int[] d = new int[ty.rank()];
    for (int i = 0; i < d.length; i++) {
      Dim x = ty.dims().get(i);
      if (!x.isKnown()) {
        return null;
      }
      d[i] = (int) x.value();
    }
    return Shape.of(d);
  }

  // --------------------------------------------------------------------------------------------
  // functions, generative functions, objectives

  /** The return type of a function, checking its body the first time. */
  Ty fnReturn(Decl.Fn f, Loc use) {
    String n = f.name().text();
    Ty done = fnReturns.get(n);
    if (done != null) {
      return done;
    }
    if (inProgress.containsKey("fn:" + n)) {
      error(
          Code.E0701,
          use,
          "function "
              + n
              + " calls itself (directly or through other functions); "
              + "functions are inlined and cannot be recursive");
      fnReturns.put(n, Ty.ERROR);
      return Ty.ERROR;
    }
    inProgress.put("fn:" + n, true);
    Scope s = new Scope(globals);
    for (Decl.Param p : f.params()) {
      Ty pt = declaredType(p.type());
      if (s.local(p.name().text()) != null) {
        error(Code.E0201, p.name().loc(), "'" + p.name().text() + "' is already defined");
      }
      s.define(new Symbol(p.name().text(), Kind.ARG, pt, p.name().loc(), true, null));
    }
    BodyChecker bc = new BodyChecker(this, BodyChecker.Ctx.FN, n, s, null);
    bc.bodyScope = s;
    bc.block(f.body());
    List<Stmt> stmts = f.body().stmts();
    Ty ret = bc.returnTy == null ? Ty.ERROR : bc.returnTy;
    if (stmts.isEmpty() || !(stmts.get(stmts.size() - 1) instanceof Stmt.Return)) {
      error(Code.E0702, f.name().loc(), "function " + n + " must end with return <value>");
    }
    if (f.result().isPresent()) {
      Ty want = declaredType(f.result().get());
      if (bc.returnTy != null) {
        checkFits(want, ret, stmts.get(stmts.size() - 1).loc(), "the result of " + n);
      }
      ret = want.isError() ? ret : want;
    }
    inProgress.remove("fn:" + n);
    if (!fnReturns.containsKey(n)) {
      fnReturns.put(n, ret);
    }
    return fnReturns.get(n);
  }

  /** The return type of a model or guide, checking it the first time. */
  Ty genReturn(String n) {
    Ty done = genReturns.get(n);
    if (done != null) {
      return done;
    }
    if (inProgress.containsKey("gen:" + n)) {
      return Ty.ERROR;
    }
    inProgress.put("gen:" + n, true);
    Decl.Gen g = gens.get(n);
    Scope s = new Scope(globals);
    for (Decl.Param p : g.params()) {
      Ty pt = declaredType(p.type());
      if (s.local(p.name().text()) != null) {
        error(Code.E0201, p.name().loc(), "'" + p.name().text() + "' is already defined");
      }
      s.define(new Symbol(p.name().text(), Kind.ARG, pt, p.name().loc(), false, null));
    }
    Map<String, SiteInfo> sites = new LinkedHashMap<>();
    out.sites.put(n, sites);
    BodyChecker bc =
        new BodyChecker(
            this, g.guide() ? BodyChecker.Ctx.GUIDE : BodyChecker.Ctx.MODEL, n, s, sites);
    bc.bodyScope = s;
    bc.block(g.body());
    bc.finishLatents();
    Ty ret = bc.returnTy == null ? Ty.REAL : bc.returnTy;
    inProgress.remove("gen:" + n);
    genReturns.put(n, ret);
    return ret;
  }

  private void objective(Decl.Objective o) {
    Scope s = new Scope(globals);
    for (Decl.ObjParam p : o.params()) {
      String pn = p.name().text();
      if (s.local(pn) != null) {
        error(Code.E0201, p.name().loc(), "'" + pn + "' is already defined");
      }
      if (p.type().isPresent()) {
        s.define(
            new Symbol(pn, Kind.ARG, declaredType(p.type().get()), p.name().loc(), true, null));
      } else {
        s.define(new Symbol(pn, Kind.GEN_ARG, Ty.of(Ty.Elem.GEN), p.name().loc(), false, null));
      }
    }
    int before = diags.errorCount();
    BodyChecker bc = new BodyChecker(this, BodyChecker.Ctx.OBJECTIVE, o.name().text(), s, null);
    bc.bodyScope = s;
    ExprChecker.ET v = bc.expr(o.body());
    if (!v.ty().isError() && !(v.ty().isNumeric() && v.ty().rank() == 0)) {
      error(
          Code.E0308,
          o.body().loc(),
          "an objective's value must be a single number, got " + v.ty());
    }
    if (diags.errorCount() == before) {
      dev.varia.lang.objective.ObjectiveDef def = ObjectiveLowering.lower(this, o);
      if (def != null) {
        out.objectiveDefs.put(o.name().text(), def);
      }
    }
  }
}
