package dev.varia.inference.objective;

import dev.varia.core.VariaException;
import dev.varia.core.ir.Expr;
import dev.varia.core.ir.PrimOp;
import dev.varia.core.ir.Span;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Static checks of an objective program (errors are {@link VariaException}s with the statement's
 * location):
 *
 * <ul>
 *   <li>names of generative functions and traces, and a return at the end of each expectation;
 *   <li>the value of a nested {@code E { ... }} is used only linearly (sums, differences, scaling
 *       by constants, returning): anything else would bias the gradient (ADEV.md section 1);
 *   <li>in a bound, estimated densities keep their sign (ADEV.md section 5): the log of a
 *       reciprocal-density estimate (the log q of a {@code marginal} or {@code normalize} sample)
 *       only where the objective has {@code -log q}, and the log of a density estimate only where
 *       it has {@code +log p}; the other way round biases the objective upward.
 * </ul>
 */
final class ObjectiveChecker {
  /** The sign with which a value enters an expression. */
  private enum Pol {
    POS,
    NEG,
    MIXED;

    Pol flip() {
      return this == POS ? NEG : this == NEG ? POS : MIXED;
    }

    Pol join(Pol o) {
      return o == null || o == this ? this : MIXED;
    }
  }

  private final Map<String, Role> functions;
  private final boolean bound;
  private final Set<String> traces = new HashSet<>();
  private final Set<String> reciprocalTraces = new HashSet<>();
  private final Set<String> expectations = new HashSet<>();
  private final Set<String> constants = new HashSet<>();

  /** For each variable, how it depends on each estimate (by the estimate's variable). */
  private final Map<String, Map<String, Pol>> deps = new HashMap<>();

  /** An estimate: a reciprocal-density estimate (or a density estimate), and where it is made. */
  private record Estimate(boolean reciprocal, Span span) {}

  /** The estimates, by the variable holding them. */
  private final Map<String, Estimate> estimates = new HashMap<>();

  private ObjectiveChecker(Map<String, Role> functions, boolean bound) {
    this.functions = functions;
    this.bound = bound;
  }

  static void check(
      String name, Map<String, Role> functions, List<OStmt> body, boolean bound, Span span) {
    if (functions.isEmpty()) {
      throw new VariaException("objective " + name + " takes no generative functions");
    }
    ObjectiveChecker c = new ObjectiveChecker(functions, bound);
    Map<String, Pol> result = c.block(body, true, span);
    if (bound) {
      c.checkSigns(result, span);
    }
  }

  private void checkSigns(Map<String, Pol> result, Span span) {
    for (Map.Entry<String, Pol> e : result.entrySet()) {
      Estimate estimate = estimates.get(e.getKey());
      boolean reciprocal = estimate.reciprocal();
      Pol need = reciprocal ? Pol.NEG : Pol.POS;
      if (e.getValue() != need) {
        String what =
            reciprocal
                ? "the log of a reciprocal-density estimate (the log q of a marginal or normalize"
                    + " sample) may only be subtracted, where the objective has -log q"
                : "the log of a density estimate (density of a marginal or normalize family) may"
                    + " only be added, where the objective has +log p";
        throw error(
            estimate.span() != null ? estimate.span() : span,
            what
                + "; here it enters "
                + (e.getValue() == Pol.MIXED ? "with both signs" : "the" + " other way round")
                + ", which would bias the objective upward (ADEV.md"
                + " section 5)");
      }
    }
  }

  /** Checks a block; returns the dependence of its returned value on estimates. */
  private Map<String, Pol> block(List<OStmt> body, boolean needsReturn, Span span) {
    Map<String, Pol> result = Map.of();
    for (int i = 0; i < body.size(); i++) {
      OStmt s = body.get(i);
      if (s instanceof OStmt.Return && i != body.size() - 1) {
        throw error(s.span(), "statements after return are never run");
      }
      Map<String, Pol> r = stmt(s, needsReturn);
      if (s instanceof OStmt.Return) {
        result = r;
      }
    }
    boolean returns = !body.isEmpty() && body.get(body.size() - 1) instanceof OStmt.Return;
    if (needsReturn && !returns) {
      throw error(span, "an expectation must end with a return of its value");
    }
    return result;
  }

  private Map<String, Pol> stmt(OStmt s, boolean returnAllowed) {
    if (s instanceof OStmt.Let l) {
      boolean tainted = linear(l.value(), l.span(), "a let");
      define(l.name(), tainted, pol(l.value()));
      if (!tainted && isConstant(l.value())) {
        constants.add(l.name());
      }
    } else if (s instanceof OStmt.Sim x) {
      function(x.fn(), x.span());
      args(x.args(), x.span());
      defineTrace(x.bind(), false);
    } else if (s instanceof OStmt.Density d) {
      function(d.model(), d.span());
      trace(d.trace(), d.span());
      args(d.args(), d.span());
      define(d.bind(), false, Map.of());
    } else if (s instanceof OStmt.Merge mg) {
      trace(mg.base(), mg.span());
      trace(mg.other(), mg.span());
      defineTrace(mg.bind(), false);
    } else if (s instanceof OStmt.Restrict r) {
      trace(r.trace(), r.span());
      untainted(r.logq(), r.span(), "a log density estimate");
      defineTrace(r.bind(), r.reciprocal());
    } else if (s instanceof OStmt.DensityEstimate d) {
      untainted(d.value(), d.span(), "a density estimate");
      define(d.bind(), false, Map.of(d.bind(), Pol.POS));
      estimates.put(d.bind(), new Estimate(false, d.span()));
    } else if (s instanceof OStmt.SimNormalize n) {
      function(n.model(), n.span());
      function(n.guide(), n.span());
      untainted(n.particles(), n.span(), "a particle count");
      args(n.modelArgs(), n.span());
      args(n.guideArgs(), n.span());
      defineTrace(n.bind(), true);
    } else if (s instanceof OStmt.DensityNormalize n) {
      function(n.model(), n.span());
      function(n.guide(), n.span());
      trace(n.trace(), n.span());
      untainted(n.particles(), n.span(), "a particle count");
      args(n.modelArgs(), n.span());
      args(n.guideArgs(), n.span());
      define(n.bind(), false, Map.of(n.bind(), Pol.POS));
      estimates.put(n.bind(), new Estimate(false, n.span()));
    } else if (s instanceof OStmt.LogQ l) {
      trace(l.trace(), l.span());
      if (reciprocalTraces.contains(l.trace())) {
        define(l.bind(), false, Map.of(l.bind(), Pol.POS));
        estimates.put(l.bind(), new Estimate(true, l.span()));
      } else {
        define(l.bind(), false, Map.of());
      }
    } else if (s instanceof OStmt.Choice c) {
      trace(c.trace(), c.span());
      define(c.bind(), false, Map.of());
    } else if (s instanceof OStmt.Returned r) {
      trace(r.trace(), r.span());
      define(r.bind(), false, Map.of());
    } else if (s instanceof OStmt.Particles p) {
      untainted(p.count(), p.span(), "a particle count");
      define(p.var(), false, Map.of());
      for (OStmt b : p.body()) {
        if (b instanceof OStmt.Return) {
          throw error(
              b.span(), "return inside a particle loop: return the expectation's value after it");
        }
        stmt(b, false);
      }
      boolean tainted = linear(p.yield(), p.span(), "a particle's value");
      define(p.bind(), tainted, pol(p.yield()));
    } else if (s instanceof OStmt.AddCost c) {
      linear(c.value(), c.span(), "a cost");
    } else if (s instanceof OStmt.Expect e) {
      ObjectiveChecker inner = new ObjectiveChecker(functions, bound).inherit(this);
      Map<String, Pol> r = inner.block(e.body(), true, e.span());
      estimates.putAll(inner.estimates);
      define(e.bind(), true, r);
    } else if (s instanceof OStmt.Return r) {
      if (!returnAllowed) {
        throw error(r.span(), "return is only allowed at the end of an expectation");
      }
      linear(r.value(), r.span(), "the returned value");
      return pol(r.value());
    }
    return Map.of();
  }

  private ObjectiveChecker inherit(ObjectiveChecker outer) {
    traces.addAll(outer.traces);
    reciprocalTraces.addAll(outer.reciprocalTraces);
    expectations.addAll(outer.expectations);
    constants.addAll(outer.constants);
    deps.putAll(outer.deps);
    estimates.putAll(outer.estimates);
    return this;
  }

  private void define(String name, boolean tainted, Map<String, Pol> dependence) {
    if (tainted) {
      expectations.add(name);
    } else {
      expectations.remove(name);
    }
    constants.remove(name);
    deps.put(name, dependence);
  }

  private void defineTrace(String name, boolean reciprocal) {
    traces.add(name);
    if (reciprocal) {
      reciprocalTraces.add(name);
    } else {
      reciprocalTraces.remove(name);
    }
    define(name, false, Map.of());
  }

  /** How {@code e} depends on each estimate. */
  private Map<String, Pol> pol(Expr e) {
    if (e instanceof Expr.Var v) {
      return deps.getOrDefault(v.name(), Map.of());
    }
    if (e instanceof Expr.Index ix) {
      return pol(ix.target());
    }
    if (e instanceof Expr.Slice sl) {
      return pol(sl.target());
    }
    if (!(e instanceof Expr.Prim p)) {
      return Map.of();
    }
    List<Expr> a = p.args();
    switch (p.op()) {
      case ADD:
        return join(pol(a.get(0)), pol(a.get(1)));
      case SUB:
        return join(pol(a.get(0)), flip(pol(a.get(1))));
      case NEG:
        return flip(pol(a.get(0)));
      case MUL:
      case DIV:
        {
          Map<String, Pol> x = pol(a.get(0));
          Map<String, Pol> y = pol(a.get(1));
          if (y.isEmpty() && a.get(1) instanceof Expr.Const c && c.value().size() == 1) {
            return c.value().get(0) >= 0 ? x : flip(x);
          }
          if (x.isEmpty()
              && p.op() == PrimOp.MUL
              && a.get(0) instanceof Expr.Const c
              && c.value().size() == 1) {
            return c.value().get(0) >= 0 ? y : flip(y);
          }
          return mixed(join(x, y));
        }
      case SUM:
      case MEAN:
      case LOG_SUM_EXP:
      case LOG:
      case LOG1P:
      case EXP:
      case SQRT:
      case SOFTPLUS:
      case SIGMOID:
      case LOG_SIGMOID:
      case CONCAT:
      case MAX:
      case MIN:
      case MAXIMUM:
      case MINIMUM:
        {
          Map<String, Pol> r = Map.of();
          for (Expr x : a) {
            r = join(r, pol(x));
          }
          return r;
        }
      case SIZE:
        return Map.of();
      default:
        {
          Map<String, Pol> r = Map.of();
          for (Expr x : a) {
            r = join(r, pol(x));
          }
          return mixed(r);
        }
    }
  }

  private static Map<String, Pol> join(Map<String, Pol> a, Map<String, Pol> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    Map<String, Pol> r = new HashMap<>(a);
    b.forEach((k, v) -> r.merge(k, v, Pol::join));
    return r;
  }

  private static Map<String, Pol> flip(Map<String, Pol> a) {
    Map<String, Pol> r = new HashMap<>();
    a.forEach((k, v) -> r.put(k, v.flip()));
    return r;
  }

  private static Map<String, Pol> mixed(Map<String, Pol> a) {
    Map<String, Pol> r = new HashMap<>();
    a.forEach((k, v) -> r.put(k, Pol.MIXED));
    return r;
  }

  private void function(String fn, Span span) {
    if (!functions.containsKey(fn)) {
      throw error(
          span,
          "unknown generative function "
              + fn
              + " (the objective takes "
              + functions.keySet()
              + ")");
    }
  }

  private void trace(String t, Span span) {
    if (!traces.contains(t)) {
      throw error(span, t + " is not a trace drawn by sim(...) before this point");
    }
  }

  private void args(List<Expr> args, Span span) {
    for (Expr a : args) {
      untainted(a, span, "an argument of a generative function");
    }
  }

  private void untainted(Expr e, Span span, String what) {
    if (mentionsExpectation(e)) {
      throw nonLinear(span, what);
    }
  }

  /** Checks that e uses expectation values only linearly; returns whether it depends on one. */
  private boolean linear(Expr e, Span span, String what) {
    if (!mentionsExpectation(e)) {
      return false;
    }
    if (!isLinear(e)) {
      throw nonLinear(span, what);
    }
    return true;
  }

  private boolean isLinear(Expr e) {
    if (!mentionsExpectation(e)) {
      return true;
    }
    if (e instanceof Expr.Var) {
      return true;
    }
    if (e instanceof Expr.Index ix) {
      return isLinear(ix.target()) && ix.indices().stream().noneMatch(this::mentionsExpectation);
    }
    if (e instanceof Expr.Prim p) {
      List<Expr> a = p.args();
      switch (p.op()) {
        case ADD:
        case SUB:
          return isLinear(a.get(0)) && isLinear(a.get(1));
        case NEG:
        case SUM:
        case MEAN:
          return a.size() == 1 && isLinear(a.get(0));
        case CONCAT:
          return a.stream().allMatch(this::isLinear);
        case MUL:
          return (isConstant(a.get(0)) && isLinear(a.get(1)))
              || (isConstant(a.get(1)) && isLinear(a.get(0)));
        case DIV:
          return isConstant(a.get(1)) && isLinear(a.get(0));
        default:
          return false;
      }
    }
    return false;
  }

  private boolean isConstant(Expr e) {
    if (e instanceof Expr.Const) {
      return true;
    }
    if (e instanceof Expr.Var v) {
      return constants.contains(v.name());
    }
    if (e instanceof Expr.Prim p) {
      return p.op() != PrimOp.STOP_GRADIENT && p.args().stream().allMatch(this::isConstant);
    }
    return false;
  }

  private boolean mentionsExpectation(Expr e) {
    if (e instanceof Expr.Var v) {
      return expectations.contains(v.name());
    }
    if (e instanceof Expr.Prim p) {
      return p.args().stream().anyMatch(this::mentionsExpectation);
    }
    if (e instanceof Expr.Index ix) {
      return mentionsExpectation(ix.target())
          || ix.indices().stream().anyMatch(this::mentionsExpectation);
    }
    if (e instanceof Expr.Slice s) {
      return mentionsExpectation(s.target())
          || mentionsExpectation(s.from())
          || mentionsExpectation(s.to());
    }
    return false;
  }

  private static VariaException nonLinear(Span span, String what) {
    return error(
        span,
        "the value of an expectation is used non-linearly in "
            + what
            + ": only sums,"
            + " differences, scaling by constants and returning keep the gradient estimate"
            + " unbiased");
  }

  private static VariaException error(Span span, String message) {
    return new VariaException(span + ": " + message);
  }
}
