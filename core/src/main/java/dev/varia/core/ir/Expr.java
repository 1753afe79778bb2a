package dev.varia.core.ir;

import dev.varia.core.ad.Tensor;
import java.util.List;

/**
 * A deterministic expression of the generative-function IR: it computes a tensor from constants,
 * data, local variables and primitive operations. Indices are 0-based in the IR (the language
 * translates its 1-based ones).
 */
public sealed interface Expr {
  /** Where the expression comes from. */
  Span span();

  /** A constant tensor. */
  record Const(Tensor value, Span span) implements Expr {}

  /** A data value, bound by name when the function is compiled. */
  record DataRef(String name, Span span) implements Expr {}

  /**
   * A local variable: a function argument, a {@code let}, a loop index, a parameter or the value of
   * an earlier sample or report.
   */
  record Var(String name, Span span) implements Expr {}

  /** A primitive operation on the values of {@code args}. */
  record Prim(PrimOp op, List<Expr> args, Span span) implements Expr {
    /** Validates the number of arguments. */
    public Prim {
      args = List.copyOf(args);
      if (!op.acceptsArity(args.size())) {
        throw new IllegalArgumentException(
            op + " takes " + op.arityDescription() + " arguments, got " + args.size());
      }
    }
  }

  /**
   * Element or row {@code indices[0]} of a vector or matrix, or element (i, j) of a matrix with two
   * indices; indices are scalar expressions, 0-based.
   */
  record Index(Expr target, List<Expr> indices, Span span) implements Expr {
    /** Validates the number of indices. */
    public Index {
      indices = List.copyOf(indices);
      if (indices.isEmpty() || indices.size() > 2) {
        throw new IllegalArgumentException("an index has 1 or 2 components, got " + indices.size());
      }
    }
  }

  /** Elements (or rows) {@code from} (inclusive) to {@code to} (exclusive), 0-based. */
  record Slice(Expr target, Expr from, Expr to, Span span) implements Expr {}
}
