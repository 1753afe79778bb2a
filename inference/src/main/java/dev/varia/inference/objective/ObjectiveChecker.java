package dev.varia.inference.objective;

import dev.varia.core.VariaException;
import dev.varia.core.ir.Expr;
import dev.varia.core.ir.PrimOp;
import dev.varia.core.ir.Span;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Static checks of an objective program: names of generative functions and traces, a return at the
 * end of each expectation, and the rule that makes nested expectations unbiased: the value of an
 * {@code E { ... }} may only be used linearly (added, subtracted, scaled by constants, summed,
 * returned). Errors are {@link VariaException}s naming the statement's location.
 */
final class ObjectiveChecker {
  private final Map<String, Role> functions;
  private final Set<String> traces = new HashSet<>();
  private final Set<String> expectations = new HashSet<>();
  private final Set<String> constants = new HashSet<>();

  private ObjectiveChecker(Map<String, Role> functions) {
    this.functions = functions;
  }

  static void check(String name, Map<String, Role> functions, List<OStmt> body, Span span) {
    if (functions.isEmpty()) {
      throw new VariaException("objective " + name + " takes no generative functions");
    }
    new ObjectiveChecker(functions).block(body, true, span);
  }

  private void block(List<OStmt> body, boolean needsReturn, Span span) {
    for (int i = 0; i < body.size(); i++) {
      OStmt s = body.get(i);
      if (s instanceof OStmt.Return && i != body.size() - 1) {
        throw error(s.span(), "statements after return are never run");
      }
      stmt(s, needsReturn);
    }
    boolean returns = !body.isEmpty() && body.get(body.size() - 1) instanceof OStmt.Return;
    if (needsReturn && !returns) {
      throw error(span, "an expectation must end with a return of its value");
    }
  }

  private void stmt(OStmt s, boolean returnAllowed) {
    if (s instanceof OStmt.Let l) {
      boolean tainted = linear(l.value(), l.span(), "a let");
      define(l.name(), tainted);
      if (!tainted && isConstant(l.value())) {
        constants.add(l.name());
      }
    } else if (s instanceof OStmt.Sim x) {
      function(x.fn(), x.span());
      args(x.args(), x.span());
      traces.add(x.bind());
      define(x.bind(), false);
    } else if (s instanceof OStmt.Density d) {
      function(d.model(), d.span());
      trace(d.trace(), d.span());
      args(d.args(), d.span());
      define(d.bind(), false);
    } else if (s instanceof OStmt.LogQ l) {
      trace(l.trace(), l.span());
      define(l.bind(), false);
    } else if (s instanceof OStmt.Choice c) {
      trace(c.trace(), c.span());
      define(c.bind(), false);
    } else if (s instanceof OStmt.Returned r) {
      trace(r.trace(), r.span());
      define(r.bind(), false);
    } else if (s instanceof OStmt.Particles p) {
      untainted(p.count(), p.span(), "a particle count");
      define(p.var(), false);
      for (OStmt b : p.body()) {
        if (b instanceof OStmt.Return) {
          throw error(
              b.span(), "return inside a particle loop: return the expectation's value after it");
        }
        stmt(b, false);
      }
      boolean tainted = linear(p.yield(), p.span(), "a particle's value");
      define(p.bind(), tainted);
    } else if (s instanceof OStmt.AddCost c) {
      linear(c.value(), c.span(), "a cost");
    } else if (s instanceof OStmt.Expect e) {
      new ObjectiveChecker(functions).inherit(this).block(e.body(), true, e.span());
      define(e.bind(), true);
    } else if (s instanceof OStmt.Return r) {
      if (!returnAllowed) {
        throw error(r.span(), "return is only allowed at the end of an expectation");
      }
      linear(r.value(), r.span(), "the returned value");
    }
  }

  private ObjectiveChecker inherit(ObjectiveChecker outer) {
    traces.addAll(outer.traces);
    expectations.addAll(outer.expectations);
    constants.addAll(outer.constants);
    return this;
  }

  private void define(String name, boolean tainted) {
    if (tainted) {
      expectations.add(name);
    } else {
      expectations.remove(name);
    }
    constants.remove(name);
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
      return !p.op().equals(PrimOp.STOP_GRADIENT) && p.args().stream().allMatch(this::isConstant);
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
            + " differences, scaling by constants and returning keep the gradient estimate unbiased");
  }

  private static VariaException error(Span span, String message) {
    return new VariaException(span + ": " + message);
  }
}
