package dev.varia.inference.objective;

import dev.varia.core.gen.Address;
import dev.varia.core.gen.Selection;
import dev.varia.core.ir.Expr;
import dev.varia.core.ir.Span;
import java.util.List;

/**
 * A statement of the objective language: the body of an expectation {@code E { ... }}. Pure
 * arithmetic uses the core IR's {@link Expr} over the objective's local variables; the statements
 * below add what objectives need: drawing traces of generative functions with their gradient
 * strategies ({@link Sim}), scoring traces under a model ({@link Density}), particle loops, costs
 * and nested expectations.
 */
public sealed interface OStmt {
  /** Where the statement comes from. */
  Span span();

  /** {@code name = value}. */
  record Let(String name, Expr value, Span span) implements OStmt {}

  /**
   * {@code bind ~ sim(fn, args)}: runs generative function {@code fn} drawing each choice with its
   * site's gradient strategy; binds a trace (its choices, log q and return value).
   */
  record Sim(String bind, String fn, List<Expr> args, boolean detached, Span span)
      implements OStmt {
    /** Copies the list. */
    public Sim {
      args = List.copyOf(args);
    }

    /** A draw with gradient strategies. */
    public Sim(String bind, String fn, List<Expr> args, Span span) {
      this(bind, fn, args, false, span);
    }
  }

  /**
   * {@code bind = density(model, trace, args)}: the log density of the trace's choices (and the
   * model's observations) under {@code model}; every model site must be in the trace and every
   * trace choice in the model.
   */
  record Density(
      String bind, String model, String trace, List<Expr> args, Selection sites, Span span)
      implements OStmt {
    /** Copies the list. */
    public Density {
      args = List.copyOf(args);
    }

    /** The log density of all sites. */
    public Density(String bind, String model, String trace, List<Expr> args, Span span) {
      this(bind, model, trace, args, Selection.all(), span);
    }
  }

  /**
   * {@code bind = keep(base) + rest(other)}: a trace with {@code base}'s choices at the selected
   * sites and {@code other}'s at the remaining ones (how a marginal family pairs the kept choices x
   * with auxiliary draws u_j).
   */
  record Merge(String bind, String base, Selection keep, String other, Span span)
      implements OStmt {}

  /**
   * {@code bind = trace restricted to keep, with log q := logq}: the kept choices of a trace with
   * an estimate of their log density (a marginal family's sample). When {@code reciprocal}, the
   * estimate is of a reciprocal density (E[1/w] = 1/q) and may only be subtracted in a bound.
   */
  record Restrict(
      String bind, String trace, Selection keep, Expr logq, boolean reciprocal, Span span)
      implements OStmt {}

  /**
   * {@code bind = value}, marked as a density estimate (E[w] = p), which may only be added in a
   * bound (ADEV.md section 5).
   */
  record DensityEstimate(String bind, Expr value, Span span) implements OStmt {}

  /**
   * {@code bind ~ sim(normalize(model, SIR(particles) from guide))}: an approximate posterior
   * sample by sampling-importance-resampling; the trace's log q is log of {@code p(x, y) / Z-hat},
   * an unbiased reciprocal-density estimate. Particles and weights are held constant.
   */
  record SimNormalize(
      String bind,
      String model,
      String guide,
      Expr particles,
      List<Expr> modelArgs,
      List<Expr> guideArgs,
      Span span)
      implements OStmt {
    /** Copies the lists. */
    public SimNormalize {
      modelArgs = List.copyOf(modelArgs);
      guideArgs = List.copyOf(guideArgs);
    }
  }

  /**
   * {@code bind = density(normalize(model, SIR(particles) from guide), trace)}: the log of an
   * unbiased estimate of the posterior density of the trace's choices, by conditional SIR (the
   * trace is one particle, the others come from the guide, held constant).
   */
  record DensityNormalize(
      String bind,
      String model,
      String guide,
      String trace,
      Expr particles,
      List<Expr> modelArgs,
      List<Expr> guideArgs,
      Span span)
      implements OStmt {
    /** Copies the lists. */
    public DensityNormalize {
      modelArgs = List.copyOf(modelArgs);
      guideArgs = List.copyOf(guideArgs);
    }
  }

  /**
   * {@code bind = trace.logq}: the log density of a simulated trace under the function that drew
   * it.
   */
  record LogQ(String bind, String trace, Span span) implements OStmt {}

  /** {@code bind = trace[address]}: the value of one choice of a simulated trace. */
  record Choice(String bind, String trace, Address address, Span span) implements OStmt {}

  /** {@code bind = trace.retval}: the return value of the function that drew the trace. */
  record Returned(String bind, String trace, Span span) implements OStmt {}

  /**
   * {@code bind = for var in 0..count { body; yield }}: runs {@code body} {@code count} times and
   * collects the values of {@code yield} into a vector. With a multi-sample baseline, the
   * score-function terms of each particle use the other particles' values as their baseline (VIMCO,
   * leave-one-out).
   */
  record Particles(
      String bind,
      String var,
      Expr count,
      List<OStmt> body,
      Expr yield,
      MultiSample baseline,
      Span span)
      implements OStmt {
    /** Copies the list. */
    public Particles {
      body = List.copyOf(body);
    }
  }

  /** Adds {@code value} to the objective (the value of the enclosing expectation). */
  record AddCost(Expr value, Span span) implements OStmt {}

  /**
   * {@code bind = E { body }}: a nested expectation. Its value may only be used linearly (added,
   * scaled by constants, returned): anything else would bias the gradient.
   */
  record Expect(String bind, List<OStmt> body, Span span) implements OStmt {
    /** Copies the list. */
    public Expect {
      body = List.copyOf(body);
    }
  }

  /** Ends the enclosing expectation with {@code value}. */
  record Return(Expr value, Span span) implements OStmt {}
}
