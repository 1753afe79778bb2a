package dev.varia.core.model;

import dev.varia.core.ir.Block;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Span;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The fluent Java API: builds a generative function's IR by running Java code once, like JAX
 * tracing. The same IR comes from .ppl files, so a Java model and its .ppl twin agree on every
 * address and name.
 *
 * <pre>{@code
 * GenFn schools = Model.define("schools", m -> {
 *   Val mu = m.sample("mu", Dist.normal(0, 5));
 *   Val tau = m.sample("tau", Dist.halfCauchy(5));
 *   Val eta = m.sample("eta", Dist.normal(0, 1), m.data("J"));
 *   Val theta = m.report("theta", mu.add(tau.mul(eta)));
 *   m.observe(m.data("y"), Dist.normal(theta, m.data("sigma")));
 * });
 * }</pre>
 */
public final class Model {
  private Model() {}

  /** A generative function without arguments. */
  public static GenFn define(String name, Consumer<Builder> body) {
    Span span = Spans.caller();
    Builder b = new Builder();
    body.accept(b);
    return new GenFn(name, List.of(), new Block(b.finish()), span);
  }

  /** A generative function with named arguments, passed to the body as values. */
  public static GenFn define(String name, List<String> args, BiConsumer<Builder, Val[]> body) {
    Span span = Spans.caller();
    Builder b = new Builder();
    Val[] a = args.stream().map(b::var).toArray(Val[]::new);
    body.accept(b, a);
    return new GenFn(name, args, new Block(b.finish()), span);
  }

  /** A generative function with named arguments (varargs form). */
  public static GenFn define(String name, BiConsumer<Builder, Val[]> body, String... args) {
    return define(name, Arrays.asList(args), body);
  }
}
