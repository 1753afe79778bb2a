package dev.varia.lang.ast;

import java.util.List;

/** An expression of the .ppl language (indices are 1-based, as written). */
public sealed interface Expr {
  /** Where it is. */
  Loc loc();

  /** A number literal; {@code integer} for literals written without a point or exponent. */
  record Num(double value, boolean integer, Loc loc) implements Expr {}

  /** A name: a variable, data, a site, a parameter, a generative function argument. */
  record Ref(String name, Loc loc) implements Expr {}

  /** {@code -x}, {@code +x}, {@code !x}. */
  record Unary(UnaryOp op, Expr operand, Loc loc) implements Expr {}

  /** A binary operation. */
  record Binary(BinaryOp op, Expr left, Expr right, Loc loc) implements Expr {}

  /** {@code f(args)}: a built-in or user function, or an objective construct. */
  record Call(Name fn, List<Arg> args, Loc loc) implements Expr {
    /** Copies the list. */
    public Call {
      args = List.copyOf(args);
    }
  }

  /** {@code x[i]}, {@code M[i, j]}, {@code x[a:b]}, {@code M[:, j]}. */
  record Index(Expr target, List<IndexArg> indices, Loc loc) implements Expr {
    /** Copies the list. */
    public Index {
      indices = List.copyOf(indices);
    }
  }

  /** {@code z.logq}: a field of a value (objective traces). */
  record Field(Expr target, Name field, Loc loc) implements Expr {}

  /** {@code X'}. */
  record Transpose(Expr target, Loc loc) implements Expr {}

  /** {@code [a, b, c]} (a vector) or {@code [[a, b], [c, d]]} (a matrix by rows). */
  record VectorLit(List<Expr> elements, Loc loc) implements Expr {
    /** Copies the list. */
    public VectorLit {
      elements = List.copyOf(elements);
    }
  }

  /**
   * {@code for k in a..b { statements; value }}: the vector of the block's final value for each k.
   */
  record ForExpr(Name var, Expr from, Expr to, Block body, Loc loc) implements Expr {}

  /** {@code E { statements; value }}: an expectation (objectives only). */
  record Expect(Block body, Loc loc) implements Expr {}

  /** Unary operators. */
  enum UnaryOp {
    NEG("-"),
    PLUS("+"),
    NOT("!");

    private final String symbol;

    UnaryOp(String symbol) {
      this.symbol = symbol;
    }

    /** As written. */
    public String symbol() {
      return symbol;
    }
  }

  /** Binary operators. */
  enum BinaryOp {
    ADD("+"),
    SUB("-"),
    MUL("*"),
    DIV("/"),
    ELT_MUL(".*"),
    ELT_DIV("./"),
    POW("^"),
    EQ("=="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    AND("&&"),
    OR("||");

    private final String symbol;

    BinaryOp(String symbol) {
      this.symbol = symbol;
    }

    /** As written. */
    public String symbol() {
      return symbol;
    }

    /** True for comparisons and logic (0/1 results). */
    public boolean isLogical() {
      return compareTo(EQ) >= 0;
    }
  }
}
