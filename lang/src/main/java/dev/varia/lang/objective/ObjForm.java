package dev.varia.lang.objective;

import dev.varia.core.ir.PrimOp;
import dev.varia.core.ir.Span;
import java.util.List;

/**
 * The intermediate form of a user-written objective, produced by the language from the checked
 * syntax and translated by the inference layer into its objective IR (the language does not build
 * that IR itself). Loops are 0-based and half-open like the generative-function IR; arithmetic uses
 * the IR's {@link PrimOp}s.
 */
public sealed interface ObjForm {
  /** Where it comes from. */
  Span span();

  /** A sequence of statements ending in a value (an expectation's or a loop body's). */
  record Body(List<ObjForm> stmts, ObjForm value, Span span) implements ObjForm {
    /** Copies the list. */
    public Body {
      stmts = List.copyOf(stmts);
    }
  }

  /** {@code E { body }}. */
  record Expect(Body body, Span span) implements ObjForm {}

  /** A number. */
  record Num(double value, Span span) implements ObjForm {}

  /** A numeric parameter of the objective. */
  record Arg(String name, Span span) implements ObjForm {}

  /** A local value (or a 0-based loop index). */
  record Local(String name, Span span) implements ObjForm {}

  /** An arithmetic operation. */
  record Prim(PrimOp op, List<ObjForm> args, Span span) implements ObjForm {
    /** Copies the list. */
    public Prim {
      args = List.copyOf(args);
    }
  }

  /** {@code name = value}. */
  record Let(String name, ObjForm value, Span span) implements ObjForm {}

  /**
   * A generative function by name: a parameter of the objective, or a local bound to a derived
   * family ({@code m = marginal(q, 4)}).
   */
  record GenRef(String name, Span span) implements ObjForm {}

  /**
   * {@code trace ~ sim(gen)}: draws a trace of {@code gen}, a {@link GenRef} or a {@link Family}.
   */
  record Sim(String trace, ObjForm gen, Span span) implements ObjForm {}

  /**
   * {@code density(gen, trace)}: the log density of the trace's choices under {@code gen} (a {@link
   * GenRef}, or a {@link Family}, whose density is estimated).
   */
  record Density(ObjForm gen, String trace, Span span) implements ObjForm {}

  /** {@code trace.logq}: the log density of a simulated trace under the function it came from. */
  record LogQ(String trace, Span span) implements ObjForm {}

  /** {@code add_cost(value)}: adds value to the objective. */
  record AddCost(ObjForm value, Span span) implements ObjForm {}

  /** {@code for var in from..to-1 { body }} as a vector of the body's values (0-based). */
  record ForVector(String var, ObjForm from, ObjForm to, Body body, Span span) implements ObjForm {}

  /** A statement loop {@code for var in from..to-1 { stmts }}. */
  record ForStmt(String var, ObjForm from, ObjForm to, List<ObjForm> body, Span span)
      implements ObjForm {
    /** Copies the list. */
    public ForStmt {
      body = List.copyOf(body);
    }
  }

  /** {@code if cond { then } else { otherwise }}. */
  record If(ObjForm cond, List<ObjForm> then, List<ObjForm> otherwise, Span span)
      implements ObjForm {
    /** Copies the lists. */
    public If {
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }
  }

  /**
   * A family derived from the generative function {@code gen}: {@code marginal(q)} or {@code
   * marginal(q, N)} (q's choices the fit's model lacks marginalised by SIR with N particles), or
   * {@code normalize(p, q, K)} (model p's posterior approximated by SIR with K particles from q;
   * {@code args} are then q as a {@link GenRef} and K).
   */
  record Family(String kind, String gen, List<ObjForm> args, Span span) implements ObjForm {
    /** Copies the list. */
    public Family {
      args = List.copyOf(args);
    }
  }
}
