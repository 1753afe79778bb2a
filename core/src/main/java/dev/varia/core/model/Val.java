package dev.varia.core.model;

import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.Expr;
import dev.varia.core.ir.PrimOp;
import dev.varia.core.ir.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * A value in a model being built with {@link Model}: a handle on an IR expression with the usual
 * operations, so Java model code reads like the maths ({@code mu.add(tau.mul(eta))}). Nothing is
 * computed while building: the operations record the program, which runs later under a handler.
 * Arguments that are not {@code Val}s may be Java numbers or {@link Tensor}s.
 */
public final class Val {
  private final Expr expr;

  Val(Expr expr) {
    this.expr = expr;
  }

  /** A constant. */
  public static Val of(double v) {
    return new Val(new Expr.Const(Tensor.scalar(v), Spans.caller()));
  }

  /** A constant tensor. */
  public static Val of(Tensor t) {
    return new Val(new Expr.Const(t, Spans.caller()));
  }

  /** A value for an IR expression (for builders of other layers, e.g. objectives). */
  public static Val wrap(Expr expr) {
    return new Val(expr);
  }

  /** The vector of the given scalars (or the concatenation of vectors). */
  public static Val concat(Object... parts) {
    return prim(PrimOp.CONCAT, parts);
  }

  /** The IR expression. */
  public Expr expr() {
    return expr;
  }

  static Expr lift(Object o, Span span) {
    if (o instanceof Val v) {
      return v.expr;
    }
    if (o instanceof Number n) {
      return new Expr.Const(Tensor.scalar(n.doubleValue()), span);
    }
    if (o instanceof Tensor t) {
      return new Expr.Const(t, span);
    }
    throw new IllegalArgumentException(
        "expected a Val, a number or a Tensor, got " + (o == null ? "null" : o.getClass()));
  }

  static Val prim(PrimOp op, Object... args) {
    Span span = Spans.caller();
    List<Expr> a = new ArrayList<>(args.length);
    for (Object o : args) {
      a.add(lift(o, span));
    }
    return new Val(new Expr.Prim(op, a, span));
  }

  /** this + b. */
  public Val add(Object b) {
    return prim(PrimOp.ADD, this, b);
  }

  /** this - b. */
  public Val sub(Object b) {
    return prim(PrimOp.SUB, this, b);
  }

  /** this * b. */
  public Val mul(Object b) {
    return prim(PrimOp.MUL, this, b);
  }

  /** this / b. */
  public Val div(Object b) {
    return prim(PrimOp.DIV, this, b);
  }

  /** this ^ b. */
  public Val pow(Object b) {
    return prim(PrimOp.POW, this, b);
  }

  /** -this. */
  public Val neg() {
    return prim(PrimOp.NEG, this);
  }

  /** this^2. */
  public Val square() {
    return prim(PrimOp.SQUARE, this);
  }

  /** Square root. */
  public Val sqrt() {
    return prim(PrimOp.SQRT, this);
  }

  /** exp. */
  public Val exp() {
    return prim(PrimOp.EXP, this);
  }

  /** Natural log. */
  public Val log() {
    return prim(PrimOp.LOG, this);
  }

  /** Logistic function. */
  public Val sigmoid() {
    return prim(PrimOp.SIGMOID, this);
  }

  /** log(1 + exp(x)). */
  public Val softplus() {
    return prim(PrimOp.SOFTPLUS, this);
  }

  /** tanh. */
  public Val tanh() {
    return prim(PrimOp.TANH, this);
  }

  /** sin. */
  public Val sin() {
    return prim(PrimOp.SIN, this);
  }

  /** cos. */
  public Val cos() {
    return prim(PrimOp.COS, this);
  }

  /** Transpose of a matrix. */
  public Val transpose() {
    return prim(PrimOp.TRANSPOSE, this);
  }

  /** The same value with no gradient flowing back through it. */
  public Val stopGradient() {
    return prim(PrimOp.STOP_GRADIENT, this);
  }

  /** Sum of all elements. */
  public Val sum() {
    return prim(PrimOp.SUM, this);
  }

  /** Mean of all elements. */
  public Val mean() {
    return prim(PrimOp.MEAN, this);
  }

  /** log(mean(exp(x))): log-sum-exp minus the log of the number of elements. */
  public Val logMeanExp() {
    return prim(
        PrimOp.SUB, prim(PrimOp.LOG_SUM_EXP, this), prim(PrimOp.LOG, prim(PrimOp.SIZE, this)));
  }

  /** log(sum(exp(x))). */
  public Val logSumExp() {
    return prim(PrimOp.LOG_SUM_EXP, this);
  }

  /** Matrix product. */
  public Val matmul(Object b) {
    return prim(PrimOp.MATMUL, this, b);
  }

  /** Inner product. */
  public Val dot(Object b) {
    return prim(PrimOp.DOT, this, b);
  }

  /** this < b, as 0/1. */
  public Val lt(Object b) {
    return prim(PrimOp.LT, this, b);
  }

  /** this > b, as 0/1. */
  public Val gt(Object b) {
    return prim(PrimOp.GT, this, b);
  }

  /** Element (vector) or row (matrix) {@code i}, 0-based. */
  public Val at(Object i) {
    Span span = Spans.caller();
    return new Val(new Expr.Index(expr, List.of(lift(i, span)), span));
  }

  /** Element (i, j) of a matrix, 0-based. */
  public Val at(Object i, Object j) {
    Span span = Spans.caller();
    return new Val(new Expr.Index(expr, List.of(lift(i, span), lift(j, span)), span));
  }

  /** Elements (or rows) {@code from} (inclusive) to {@code to} (exclusive). */
  public Val slice(Object from, Object to) {
    Span span = Spans.caller();
    return new Val(new Expr.Slice(expr, lift(from, span), lift(to, span), span));
  }

  @Override
  public String toString() {
    return "Val(" + expr + ")";
  }
}
