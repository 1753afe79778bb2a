package dev.varia.core.model;

import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.ir.Block;
import dev.varia.core.ir.Domain;
import dev.varia.core.ir.Expr;
import dev.varia.core.ir.Span;
import dev.varia.core.ir.Stmt;
import dev.varia.core.ir.Strategy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Records the statements of a generative function built in Java (see {@link Model}). Each method
 * appends one IR statement, with the span of the Java line that called it.
 */
public final class Builder {
  private final Deque<List<Stmt>> blocks = new ArrayDeque<>();
  private int temps;

  Builder() {
    blocks.push(new ArrayList<>());
  }

  List<Stmt> finish() {
    if (blocks.size() != 1) {
      throw new IllegalStateException("unbalanced blocks");
    }
    return blocks.peek();
  }

  private void add(Stmt s) {
    blocks.peek().add(s);
  }

  private Block nested(Runnable body) {
    blocks.push(new ArrayList<>());
    body.run();
    return new Block(blocks.pop());
  }

  private static List<Expr> exprs(Span span, Object... values) {
    List<Expr> out = new ArrayList<>(values.length);
    for (Object v : values) {
      out.add(Val.lift(v, span));
    }
    return out;
  }

  /** A local variable by name (an argument, a loop index, an earlier definition). */
  public Val var(String name) {
    return new Val(new Expr.Var(name, Spans.caller()));
  }

  /** A data value, bound by name when the function is compiled. */
  public Val data(String name) {
    return new Val(new Expr.DataRef(name, Spans.caller()));
  }

  /** Binds {@code value} to the local {@code name}. */
  public Val let(String name, Object value) {
    Span span = Spans.caller();
    add(new Stmt.Let(name, Val.lift(value, span), span));
    return new Val(new Expr.Var(name, span));
  }

  /** Binds {@code value} to a fresh local (so it is computed once). */
  public Val let(Object value) {
    return let("_t" + (++temps), value);
  }

  /** A random choice at site {@code name} (the distribution's own shape). */
  public Val sample(String name, DistSpec dist) {
    return sample(name, dist, Strategy.AUTO);
  }

  /** A random choice with a gradient strategy for the variational estimators. */
  public Val sample(String name, DistSpec dist, Strategy strategy) {
    Span span = Spans.caller();
    add(new Stmt.Sample(name, List.of(), dist.expr(), List.of(), strategy, span));
    return new Val(new Expr.Var(name, span));
  }

  /**
   * A vector (one size) or matrix (two sizes) site of iid draws: {@code eta ~ normal(0, 1) [J]}.
   */
  public Val sample(String name, DistSpec dist, Object... dims) {
    Span span = Spans.caller();
    add(new Stmt.Sample(name, List.of(), dist.expr(), exprs(span, dims), Strategy.AUTO, span));
    return new Val(new Expr.Var(name, span));
  }

  /** Draws element {@code index} (0-based) of the vector site {@code name}: {@code x[t] ~ ...}. */
  public Val sampleAt(String name, Object index, DistSpec dist) {
    return sampleAt(name, index, dist, Strategy.AUTO);
  }

  /** Draws element {@code index} with a gradient strategy. */
  public Val sampleAt(String name, Object index, DistSpec dist, Strategy strategy) {
    Span span = Spans.caller();
    Expr i = Val.lift(index, span);
    add(new Stmt.Sample(name, List.of(i), dist.expr(), List.of(), strategy, span));
    return new Val(new Expr.Index(new Expr.Var(name, span), List.of(i), span));
  }

  /** Observes {@code value} (data) under {@code dist}. */
  public void observe(Object value, DistSpec dist) {
    Span span = Spans.caller();
    add(new Stmt.Observe(Val.lift(value, span), dist.expr(), span));
  }

  /** Adds a log weight. */
  public void factor(Object logWeight) {
    Span span = Spans.caller();
    add(new Stmt.Factor(Val.lift(logWeight, span), span));
  }

  /** A reported deterministic quantity. */
  public Val report(String name, Object value) {
    Span span = Spans.caller();
    add(new Stmt.Report(name, List.of(), Val.lift(value, span), span));
    return new Val(new Expr.Var(name, span));
  }

  /** Element {@code index} of a reported array. */
  public void reportAt(String name, Object index, Object value) {
    Span span = Spans.caller();
    add(new Stmt.Report(name, exprs(span, index), Val.lift(value, span), span));
  }

  /** A real parameter with an initial value. */
  public Val param(String name, double init) {
    return param(name, Shape.SCALAR, Domain.real(), Tensor.scalar(init));
  }

  /** A parameter of the given shape, domain and initial value (a scalar init fills the shape). */
  public Val param(String name, Shape shape, Domain domain, Tensor init) {
    Span span = Spans.caller();
    add(new Stmt.Param(name, shape, domain, init, span));
    return new Val(new Expr.Var(name, span));
  }

  /** A local array filled element by element with {@link #setAt}. */
  public Val array(String name, double init, Object... dims) {
    Span span = Spans.caller();
    add(new Stmt.DeclareArray(name, exprs(span, dims), init, span));
    return new Val(new Expr.Var(name, span));
  }

  /** {@code name[index] = value} on a local array. */
  public void setAt(String name, Object index, Object value) {
    Span span = Spans.caller();
    add(new Stmt.SetElement(name, exprs(span, index), Val.lift(value, span), span));
  }

  /** A sequential loop over {@code from} (inclusive) to {@code to} (exclusive). */
  public void forRange(String var, Object from, Object to, BiConsumer<Builder, Val> body) {
    Span span = Spans.caller();
    Val i = new Val(new Expr.Var(var, span));
    Block b = nested(() -> body.accept(this, i));
    add(new Stmt.For(var, Val.lift(from, span), Val.lift(to, span), b, span));
  }

  /** A plate of {@code size} conditionally independent iterations. */
  public void plate(String var, Object size, BiConsumer<Builder, Val> body) {
    Span span = Spans.caller();
    Val i = new Val(new Expr.Var(var, span));
    Block b = nested(() -> body.accept(this, i));
    add(new Stmt.Plate(var, Val.lift(size, span), b, span));
  }

  /**
   * A plate whose iterations variational estimators subsample: each estimate visits a minibatch of
   * {@code minibatch} of the {@code size} iterations (the same ones in the model and the guide for
   * the plate named {@code name}) and scales the plate's log densities by size / minibatch.
   * Everything else (simulation, scoring, summaries) visits every iteration.
   */
  public void subsampledPlate(
      String var, Object size, String name, Object minibatch, BiConsumer<Builder, Val> body) {
    Span span = Spans.caller();
    Val i = new Val(new Expr.Var(var, span));
    Block b = nested(() -> body.accept(this, i));
    add(
        new Stmt.Plate(
            var,
            Val.lift(size, span),
            b,
            new dev.varia.core.ir.Subsample(name, Val.lift(minibatch, span), span),
            span));
  }

  /** {@code if (cond) then}. */
  public void ifThen(Object cond, Consumer<Builder> then) {
    ifElse(cond, then, b -> {});
  }

  /** {@code if (cond) then else otherwise}. */
  public void ifElse(Object cond, Consumer<Builder> then, Consumer<Builder> otherwise) {
    Span span = Spans.caller();
    Block t = nested(() -> then.accept(this));
    Block o = nested(() -> otherwise.accept(this));
    add(new Stmt.If(Val.lift(cond, span), t, o, span));
  }

  /** Sums {@code var} out exactly over the finite support of {@code dist}. */
  public void marginalize(String var, DistSpec dist, BiConsumer<Builder, Val> body) {
    marginalize(var, dist, false, body);
  }

  /**
   * Sums out one label per data point ({@code elementwise}: the body observes vectors and each
   * point is marginalised separately, in O(N K)), or one label for the whole body.
   */
  public void marginalize(
      String var, DistSpec dist, boolean elementwise, BiConsumer<Builder, Val> body) {
    Span span = Spans.caller();
    Val v = new Val(new Expr.Var(var, span));
    Block b = nested(() -> body.accept(this, v));
    add(new Stmt.Marginalize(var, dist.expr(), b, elementwise, span));
  }

  /** Calls generative function {@code callee} under the namespace {@code namespace}. */
  public Val call(String namespace, String callee, Object... args) {
    Span span = Spans.caller();
    String bind = "_c" + (++temps);
    add(new Stmt.Call(bind, namespace, List.of(), callee, exprs(span, args), span));
    return new Val(new Expr.Var(bind, span));
  }

  /** Calls {@code callee} under the namespace {@code namespace[index]}. */
  public Val callAt(String namespace, Object index, String callee, Object... args) {
    Span span = Spans.caller();
    String bind = "_c" + (++temps);
    add(new Stmt.Call(bind, namespace, exprs(span, index), callee, exprs(span, args), span));
    return new Val(new Expr.Var(bind, span));
  }

  /** Returns {@code value}. */
  public void ret(Object value) {
    Span span = Spans.caller();
    add(new Stmt.Return(Val.lift(value, span), span));
  }
}
