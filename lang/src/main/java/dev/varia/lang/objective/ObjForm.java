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

  /** {@code trace ~ sim(gen)}: draws a trace of the generative-function parameter {@code gen}. */
  record Sim(String trace, String gen, Span span) implements ObjForm {}

  /** {@code density(gen, trace)}: the log density of the trace's choices under {@code gen}. */
  record Density(String gen, String trace, Span span) implements ObjForm {}

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
   * {@code marginal(gen, args...)} or {@code normalize(gen, args...)}: a family derived from a
   * generative function (arguments as written; their meaning is the inference layer's).
   */
  record Family(String kind, String gen, List<ObjForm> args, Span span) implements ObjForm {
    /** Copies the list. */
    public Family {
      args = List.copyOf(args);
    }
  }
}
