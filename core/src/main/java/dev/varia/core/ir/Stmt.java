package dev.varia.core.ir;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import java.util.List;

/**
 * A statement of the generative-function IR. Random choices ({@link Sample}), observations, factors
 * and parameters are interpreted by a handler; the rest is ordinary control flow.
 *
 * <p>Sites are named: {@code Sample("eta", ...)} is the site {@code eta}. A site may be filled
 * whole (a scalar, or a vector/matrix site when {@code batch} is given) or element by element
 * ({@code element} gives the 0-based index of the element this statement draws, e.g. {@code x[t]}
 * in a loop): either way the trace holds one value per site name, reported as {@code x[1]}, {@code
 * x[2]}, ... .
 */
public sealed interface Stmt {
  /** Where the statement comes from. */
  Span span();

  /** {@code name = value}: binds (or rebinds) a local variable. */
  record Let(String name, Expr value, Span span) implements Stmt {}

  /**
   * Declares a local array of the given shape, filled element by element with {@link SetElement}
   * (e.g. a variance recursion {@code sigma[t] = ...}); unset elements read as {@code init}.
   */
  record DeclareArray(String name, List<Expr> dims, double init, Span span) implements Stmt {
    /** Copies the list. */
    public DeclareArray {
      dims = List.copyOf(dims);
    }
  }

  /** {@code name[indices] = value} on a local array. */
  record SetElement(String name, List<Expr> indices, Expr value, Span span) implements Stmt {
    /** Copies the list. */
    public SetElement {
      indices = List.copyOf(indices);
    }
  }

  /**
   * A random choice at site {@code name}, bound to the local variable {@code name}.
   *
   * @param element 0-based index of the element drawn here, empty to draw the whole site
   * @param batch the shape of a vector/matrix site of iid (or batched) draws, empty for the
   *     distribution's own batch shape
   */
  record Sample(
      String name,
      List<Expr> element,
      DistExpr dist,
      List<Expr> batch,
      Strategy strategy,
      Span span)
      implements Stmt {
    /** Copies the lists. */
    public Sample {
      element = List.copyOf(element);
      batch = List.copyOf(batch);
      if (!element.isEmpty() && !batch.isEmpty()) {
        throw new IllegalArgumentException(
            "site " + name + ": an element draw cannot also have a batch shape");
      }
    }
  }

  /** An observation: adds the log density of the (data) {@code value} under {@code dist}. */
  record Observe(Expr value, DistExpr dist, Span span) implements Stmt {}

  /** Adds {@code logWeight} (summed if not a scalar) to the log density. */
  record Factor(Expr logWeight, Span span) implements Stmt {}

  /**
   * A reported deterministic quantity (e.g. eight schools' {@code theta = mu + tau * eta}):
   * recorded in the trace under {@code name} and bound as a local. With {@code element}, fills one
   * element of the reported array.
   */
  record Report(String name, List<Expr> element, Expr value, Span span) implements Stmt {
    /** Copies the list. */
    public Report {
      element = List.copyOf(element);
    }
  }

  /** {@code if (cond != 0) then else otherwise}. */
  record If(Expr cond, Block then, Block otherwise, Span span) implements Stmt {}

  /**
   * A sequential loop, {@code var} running from {@code from} (inclusive) to {@code to} (exclusive).
   */
  record For(String var, Expr from, Expr to, Block body, Span span) implements Stmt {}

  /**
   * A plate: {@code size} conditionally independent iterations of {@code body} with {@code var}
   * running over 0..size-1. The body may draw elements {@code [var]} of vector sites. With a {@link
   * Subsample}, variational estimators visit a minibatch of the iterations per estimate and scale
   * the plate's log densities by {@code size / minibatch} (null: every iteration).
   */
  record Plate(String var, Expr size, Block body, Subsample subsample, Span span) implements Stmt {
    /** A plate visiting every iteration. */
    public Plate(String var, Expr size, Block body, Span span) {
      this(var, size, body, null, span);
    }
  }

  /**
   * Exact marginalisation of a finite discrete choice: {@code var} ranges over the support of
   * {@code dist}, and the log densities that {@code body} adds (observations and factors only) are
   * combined as {@code log sum_v p(v) exp(body(v))}.
   *
   * <p>With {@code elementwise}, the choice is one label per data point (a mixture label in a
   * vectorised plate): the body's contributions are vectors of one log density per point, and each
   * point is summed out separately, {@code sum_n log sum_v p(v) exp(body_n(v))}, which costs O(N K)
   * in one pass. Inside a sequential plate the same marginalisation runs once per iteration.
   */
  record Marginalize(String var, DistExpr dist, Block body, boolean elementwise, Span span)
      implements Stmt {}

  /**
   * Calls the generative function named {@code callee} (resolved in the {@link Program}; it may be
   * the caller itself) under the address namespace {@code namespace} (with 0-based {@code index},
   * e.g. {@code step[t]}), binding its return value to {@code bind}.
   */
  record Call(
      String bind, String namespace, List<Expr> index, String callee, List<Expr> args, Span span)
      implements Stmt {
    /** Copies the lists. */
    public Call {
      index = List.copyOf(index);
      args = List.copyOf(args);
    }
  }

  /** Returns {@code value} from the function. */
  record Return(Expr value, Span span) implements Stmt {}

  /**
   * A parameter: a point value learned by the optimiser (not a random choice), bound as a local.
   * Stored unconstrained; {@code domain} maps it to its constrained value.
   */
  record Param(String name, Shape shape, Domain domain, Tensor init, Span span) implements Stmt {
    /** Checks that the initial value fits the shape and the domain. */
    public Param {
      if (!init.shape().equals(shape) && init.size() != 1) {
        throw new IllegalArgumentException(
            "param "
                + name
                + ": initial value of shape "
                + init.shape()
                + " does not fit "
                + shape);
      }
    }
  }
}
