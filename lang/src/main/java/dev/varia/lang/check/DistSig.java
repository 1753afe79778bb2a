package dev.varia.lang.check;

import dev.varia.core.ir.Strategy;
import java.util.List;
import java.util.Set;

/**
 * What the language knows statically about a distribution: its Stan name and parameters, its
 * support, the rank of one draw, and the gradient strategies that apply to it.
 *
 * @param name Stan's name, as written in .ppl files
 * @param params the parameters in order
 * @param support the support (for {@code supportFromArgs}, the kind; bounds come from arguments)
 * @param supportFromArgs how the bounds come from the arguments: "" none, "lower", "upper",
 *     "interval" (arguments 1 and 2)
 * @param eventRank 0 for univariate, 1 for vector-valued (Dirichlet, multivariate normal), 2 for
 *     matrix-valued (LKJ)
 * @param strategies the gradient strategies the distribution supports
 * @param sampler false for improper (flat) densities, which cannot be drawn from
 * @param zeroLocation true for half_normal/half_cauchy, which also accept Stan's two-argument form
 *     {@code half_cauchy(0, s)} (the location must be 0)
 */
public record DistSig(
    String name,
    List<ParamSig> params,
    Support support,
    String supportFromArgs,
    int eventRank,
    Set<Strategy.Kind> strategies,
    boolean sampler,
    boolean zeroLocation) {
  /** Copies the collections. */
  public DistSig {
    params = List.copyOf(params);
    strategies = Set.copyOf(strategies);
  }

  /** The kinds of parameter, for static domain and shape checks. */
  public enum PKind {
    /** Any real, broadcast elementwise. */
    REAL("a real"),
    /** A positive real, broadcast elementwise. */
    POSITIVE("> 0"),
    /** A probability in [0, 1], broadcast elementwise. */
    PROB("in [0, 1]"),
    /** A non-negative integer, broadcast elementwise. */
    COUNT("a whole number >= 0"),
    /** A positive whole size given as a constant or data (LKJ's K). */
    SIZE("a whole number >= 1"),
    /** A vector (event parameter). */
    VECTOR("a vector"),
    /** A vector of positive values. */
    POS_VECTOR("a vector of positive values"),
    /** A simplex vector (probabilities summing to 1). */
    SIMPLEX("a simplex vector"),
    /** A matrix. */
    MATRIX("a matrix");

    private final String description;

    PKind(String description) {
      this.description = description;
    }

    /** In words, for messages. */
    public String description() {
      return description;
    }

    /** True for parameters that broadcast elementwise (scalars or arrays). */
    public boolean elementwise() {
      return ordinal() <= COUNT.ordinal();
    }
  }

  /** One parameter: its Stan name and kind. */
  public record ParamSig(String name, PKind kind) {}

  /** True for discrete distributions. */
  public boolean isDiscrete() {
    return support.isDiscrete();
  }
}
