package dev.varia.inference.objective;

import dev.varia.core.gen.Address;
import dev.varia.core.ir.Expr;
import dev.varia.core.ir.Span;
import dev.varia.core.model.Val;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Writes objectives in Java: the body of {@code E { ... }} as a lambda that returns the
 * expectation's value.
 *
 * <pre>{@code
 * Objective iwelbo2 = ObjectiveBuilder.define("iwelbo2", ObjectiveBuilder.MODEL_AND_GUIDE, o -> {
 *   Trace z1 = o.sim("q");
 *   Trace z2 = o.sim("q");
 *   Val w1 = o.density("p", z1).sub(o.logq(z1));
 *   Val w2 = o.density("p", z2).sub(o.logq(z2));
 *   return Val.concat(w1, w2).logMeanExp();
 * });
 * }</pre>
 */
public final class ObjectiveBuilder {
  /** The usual roles: p is the model, q the guide. */
  public static final Map<String, Role> MODEL_AND_GUIDE = Map.of("p", Role.MODEL, "q", Role.GUIDE);

  private final Deque<List<OStmt>> blocks = new ArrayDeque<>();
  private int temps;

  private ObjectiveBuilder() {
    blocks.push(new ArrayList<>());
  }

  /** A trace drawn by {@link #sim}, by its local name. */
  public record Trace(String name) {}

  /**
   * An objective updating both the model's and the guide's parameters; {@code body} returns the
   * value of the expectation.
   */
  public static Objective define(
      String name, Map<String, Role> functions, Function<ObjectiveBuilder, Object> body) {
    return define(name, functions, Set.of(Role.MODEL, Role.GUIDE), body);
  }

  /** An objective updating the parameters of the given roles only. */
  public static Objective define(
      String name,
      Map<String, Role> functions,
      Set<Role> updates,
      Function<ObjectiveBuilder, Object> body) {
    Span span = caller();
    ObjectiveBuilder b = new ObjectiveBuilder();
    Object value = body.apply(b);
    b.add(new OStmt.Return(lift(value, span), span));
    return new Objective(name, functions, b.blocks.pop(), updates, span);
  }

  private void add(OStmt s) {
    blocks.peek().add(s);
  }

  private String temp(String prefix) {
    return "_" + prefix + (++temps);
  }

  private static Expr lift(Object o, Span span) {
    if (o instanceof Val v) {
      return v.expr();
    }
    if (o instanceof Number n) {
      return new Expr.Const(dev.varia.core.ad.Tensor.scalar(n.doubleValue()), span);
    }
    throw new IllegalArgumentException("expected a Val or a number, got " + o);
  }

  private static List<Expr> lift(Object[] os, Span span) {
    List<Expr> out = new ArrayList<>(os.length);
    for (Object o : os) {
      out.add(lift(o, span));
    }
    return out;
  }

  private static Val var(String name, Span span) {
    return Val.wrap(new Expr.Var(name, span));
  }

  private static Span caller() {
    return StackWalker.getInstance()
        .walk(
            s ->
                s.filter(f -> !f.getClassName().startsWith("dev.varia.inference.objective."))
                    .findFirst()
                    .map(
                        f ->
                            new Span(
                                f.getFileName() == null ? f.getClassName() : f.getFileName(),
                                Math.max(1, f.getLineNumber()),
                                1))
                    .orElse(Span.synthetic("objective")));
  }

  /** Draws a trace of {@code fn} with each site's gradient strategy. */
  public Trace sim(String fn, Object... args) {
    Span span = caller();
    String t = temp("z");
    add(new OStmt.Sim(t, fn, lift(args, span), span));
    return new Trace(t);
  }

  /** The log density of trace {@code z} (with the model's observations) under {@code model}. */
  public Val density(String model, Trace z, Object... args) {
    Span span = caller();
    String t = temp("lp");
    add(new OStmt.Density(t, model, z.name(), lift(args, span), span));
    return var(t, span);
  }

  /** The log density of trace {@code z} under the function that drew it. */
  public Val logq(Trace z) {
    Span span = caller();
    String t = temp("lq");
    add(new OStmt.LogQ(t, z.name(), span));
    return var(t, span);
  }

  /** The value of choice {@code address} of trace {@code z}. */
  public Val choice(Trace z, String address) {
    Span span = caller();
    String t = temp("c");
    add(new OStmt.Choice(t, z.name(), Address.parse(address), span));
    return var(t, span);
  }

  /** The return value of the function that drew {@code z}. */
  public Val returned(Trace z) {
    Span span = caller();
    String t = temp("r");
    add(new OStmt.Returned(t, z.name(), span));
    return var(t, span);
  }

  /** Binds a value to a fresh local, so it is computed once. */
  public Val let(Object value) {
    Span span = caller();
    String t = temp("v");
    add(new OStmt.Let(t, lift(value, span), span));
    return var(t, span);
  }

  /**
   * {@code count} particles: runs {@code body} (given the builder and the particle index) once per
   * particle and returns the vector of the values it returns.
   */
  public Val particles(
      Object count, MultiSample baseline, BiFunction<ObjectiveBuilder, Val, Object> body) {
    Span span = caller();
    String bind = temp("w");
    String k = temp("k");
    blocks.push(new ArrayList<>());
    Object y = body.apply(this, var(k, span));
    List<OStmt> stmts = blocks.pop();
    add(new OStmt.Particles(bind, k, lift(count, span), stmts, lift(y, span), baseline, span));
    return var(bind, span);
  }

  /** Adds {@code value} to the objective. */
  public void addCost(Object value) {
    Span span = caller();
    add(new OStmt.AddCost(lift(value, span), span));
  }

  /** A nested expectation {@code E { body }}; its value may only be used linearly. */
  public Val expect(Function<ObjectiveBuilder, Object> body) {
    Span span = caller();
    String bind = temp("e");
    blocks.push(new ArrayList<>());
    Object value = body.apply(this);
    add(new OStmt.Return(lift(value, span), span));
    List<OStmt> stmts = blocks.pop();
    add(new OStmt.Expect(bind, stmts, span));
    return var(bind, span);
  }

  @Override
  public String toString() {
    return "ObjectiveBuilder" + Arrays.toString(blocks.toArray());
  }
}
