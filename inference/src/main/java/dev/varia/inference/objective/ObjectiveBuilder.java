package dev.varia.inference.objective;

import dev.varia.core.gen.Address;
import dev.varia.core.gen.Selection;
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
  private Span at;

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
    return build(name, functions, updates, true, body);
  }

  /**
   * An expectation that is not a bound to fit (an estimator of some other quantity, e.g. a test of
   * unbiasedness): estimated densities may then enter it with any sign.
   */
  public static Objective defineEstimator(
      String name, Map<String, Role> functions, Function<ObjectiveBuilder, Object> body) {
    return build(name, functions, Set.of(Role.MODEL, Role.GUIDE), false, body);
  }

  /**
   * An objective written in another language (a {@code .ppl} file): every statement is attributed
   * to {@code span}, or to the place last given to {@link #at(Span)}, instead of the Java caller,
   * so that the objective checker's messages point into that source.
   */
  public static Objective defineAt(
      String name,
      Map<String, Role> functions,
      Span span,
      Function<ObjectiveBuilder, Object> body) {
    return build(name, functions, Set.of(Role.MODEL, Role.GUIDE), true, span, body);
  }

  private static Objective build(
      String name,
      Map<String, Role> functions,
      Set<Role> updates,
      boolean bound,
      Function<ObjectiveBuilder, Object> body) {
    return build(name, functions, updates, bound, null, body);
  }

  private static Objective build(
      String name,
      Map<String, Role> functions,
      Set<Role> updates,
      boolean bound,
      Span at,
      Function<ObjectiveBuilder, Object> body) {
    ObjectiveBuilder b = new ObjectiveBuilder();
    b.at = at;
    Span span = b.here();
    Object value = body.apply(b);
    Span end = b.here();
    b.add(new OStmt.Return(lift(value, end), end));
    return new Objective(name, functions, b.blocks.pop(), updates, bound, span);
  }

  /**
   * Attributes the statements written from now on to {@code span} (for objectives translated from
   * another source; see {@link #defineAt}). Returns this builder.
   */
  public ObjectiveBuilder at(Span span) {
    this.at = span;
    return this;
  }

  /** Where the statement being written comes from: the place set by {@link #at}, or the caller. */
  private Span here() {
    return at != null ? at : caller();
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
    Span span = here();
    String t = temp("z");
    add(new OStmt.Sim(t, fn, lift(args, span), span));
    return new Trace(t);
  }

  /**
   * Draws a trace of {@code fn} held constant: no gradient flows through the choices (log q still
   * depends on fn's parameters). The particles of reweighted wake-sleep.
   */
  public Trace simDetached(String fn, Object... args) {
    Span span = here();
    String t = temp("z");
    add(new OStmt.Sim(t, fn, lift(args, span), true, span));
    return new Trace(t);
  }

  /** The log density of the sites {@code sites} selects of trace {@code z} under {@code model}. */
  public Val density(String model, Trace z, Selection sites, Object... args) {
    Span span = here();
    String t = temp("lp");
    add(new OStmt.Density(t, model, z.name(), lift(args, span), sites, span));
    return var(t, span);
  }

  /**
   * A trace with {@code base}'s choices at the {@code keep} sites and {@code other}'s elsewhere.
   */
  public Trace merge(Trace base, Selection keep, Trace other) {
    Span span = here();
    String t = temp("m");
    add(new OStmt.Merge(t, base.name(), keep, other.name(), span));
    return new Trace(t);
  }

  /**
   * {@code sim(marginal(q, keep, SIR(n)))}: draws q, keeps the choices {@code keep} selects (x) and
   * treats the rest as auxiliary (u); the trace's log q is {@code log (1/n) sum_j q(x, u_j) /
   * r(u_j)} with u_0 the generating u and u_1.. fresh draws from q's own process for u (r), an
   * unbiased reciprocal-density estimate (ADEV.md section 5). The auxiliary choices must come
   * before the kept ones in q (r is q's process for u alone).
   */
  public Trace simMarginal(String q, Selection keep, int n, Object... args) {
    if (n < 1) {
      throw new IllegalArgumentException("marginal needs at least one particle, got " + n);
    }
    Span span = here();
    Selection aux = keep.complement();
    Trace z0 = sim(q, args);
    Val t0 = density(q, z0, Selection.all(), args).sub(density(q, z0, aux, args));
    Val all = t0;
    if (n > 1) {
      Val rest =
          particles(
              n - 1,
              MultiSample.NONE,
              (b, j) -> {
                Trace zj = b.sim(q, args);
                Trace m = b.merge(z0, keep, zj);
                return b.density(q, m, Selection.all(), args).sub(b.density(q, zj, aux, args));
              });
      all = Val.concat(t0, rest);
    }
    Val logw = all.logMeanExp();
    String t = temp("marg");
    add(new OStmt.Restrict(t, z0.name(), keep, logw.expr(), true, span));
    return new Trace(t);
  }

  /**
   * {@code density(marginal(q, keep, SIR(n)), x)}: the log of an unbiased estimate of the marginal
   * density of the kept choices in trace {@code x}, {@code log (1/n) sum_j q(x, u_j) / r(u_j)} with
   * all u_j drawn from q's own process for u.
   */
  public Val densityMarginal(String q, Selection keep, int n, Trace x, Object... args) {
    Span span = here();
    Selection aux = keep.complement();
    Val terms =
        particles(
            n,
            MultiSample.NONE,
            (b, j) -> {
              Trace zj = b.sim(q, args);
              Trace m = b.merge(x, keep, zj);
              return b.density(q, m, Selection.all(), args).sub(b.density(q, zj, aux, args));
            });
    String t = temp("dm");
    add(new OStmt.DensityEstimate(t, terms.logMeanExp().expr(), span));
    return var(t, span);
  }

  /**
   * {@code sim(normalize(model, SIR(k) from guide))}: an approximate posterior sample; its log q is
   * log p(x, y) / Z-hat. Particles and weights are held constant.
   */
  public Trace simNormalize(String model, String guide, int k) {
    Span span = here();
    String t = temp("norm");
    add(new OStmt.SimNormalize(t, model, guide, lift(k, span), List.of(), List.of(), span));
    return new Trace(t);
  }

  /** {@code density(normalize(model, SIR(k) from guide), x)} by conditional SIR. */
  public Val densityNormalize(String model, String guide, int k, Trace x) {
    Span span = here();
    String t = temp("dn");
    add(
        new OStmt.DensityNormalize(
            t, model, guide, x.name(), lift(k, span), List.of(), List.of(), span));
    return var(t, span);
  }

  /** The log density of trace {@code z} (with the model's observations) under {@code model}. */
  public Val density(String model, Trace z, Object... args) {
    Span span = here();
    String t = temp("lp");
    add(new OStmt.Density(t, model, z.name(), lift(args, span), span));
    return var(t, span);
  }

  /** The log density of trace {@code z} under the function that drew it. */
  public Val logq(Trace z) {
    Span span = here();
    String t = temp("lq");
    add(new OStmt.LogQ(t, z.name(), span));
    return var(t, span);
  }

  /** The value of choice {@code address} of trace {@code z}. */
  public Val choice(Trace z, String address) {
    Span span = here();
    String t = temp("c");
    add(new OStmt.Choice(t, z.name(), Address.parse(address), span));
    return var(t, span);
  }

  /** The return value of the function that drew {@code z}. */
  public Val returned(Trace z) {
    Span span = here();
    String t = temp("r");
    add(new OStmt.Returned(t, z.name(), span));
    return var(t, span);
  }

  /** Binds a value to a fresh local, so it is computed once. */
  public Val let(Object value) {
    Span span = here();
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
    Span span = here();
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
    Span span = here();
    add(new OStmt.AddCost(lift(value, span), span));
  }

  /** A nested expectation {@code E { body }}; its value may only be used linearly. */
  public Val expect(Function<ObjectiveBuilder, Object> body) {
    Span span = here();
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
