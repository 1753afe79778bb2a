package dev.varia.core.constraint;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.internal.Membership;

/**
 * The support of a distribution or the domain of a parameter. Bounds are tape values, so they may
 * depend on other latents (GARCH's {@code beta1} on (0, 1 - alpha1)). Continuous constraints map to
 * a {@link Bijector} from unconstrained space ({@link Bijectors#of(Constraint)}).
 */
public sealed interface Constraint {
  /** True for supports of discrete distributions. */
  default boolean isDiscrete() {
    return false;
  }

  /** A short description for messages, e.g. {@code "positive"} or {@code "interval(0, 1)"}. */
  String describe();

  /**
   * True if {@code value} lies in this set: bounds are strict (the open sets described below), sums
   * and row lengths are compared within 1e-8 (Stan's tolerance), integer ranges need whole numbers.
   * Distributions score a value outside their support as -infinity. Tape-valued bounds are read at
   * their current values.
   */
  default boolean contains(Tensor value) {
    return Membership.violation(this, value, "value", false) == null;
  }

  /** {@link #contains(Tensor)} for a tape value. */
  default boolean contains(Node value) {
    return contains(value.detach());
  }

  /**
   * As {@link #contains(Tensor)}, but a value on a bound counts as inside (0 is accepted as
   * positive, 0 and 1 as in the unit interval, zeros in a simplex), as Stan's checks of declared
   * data constraints do.
   */
  default boolean containsOrOnBoundary(Tensor value) {
    return Membership.violation(this, value, "value", true) == null;
  }

  /**
   * Checks data declared with this constraint, accepting values on a bound (as {@link
   * #containsOrOnBoundary}).
   *
   * @throws VariaException naming the first element that fails, 1-based ({@code y[3] = -1.0 is not
   *     positive})
   */
  default void check(Tensor value, String name) {
    String why = Membership.violation(this, value, name, true);
    if (why != null) {
      throw new VariaException(why);
    }
  }

  /** All reals. */
  record Real() implements Constraint {
    @Override
    public String describe() {
      return "real";
    }
  }

  /** (0, infinity). */
  record Positive() implements Constraint {
    @Override
    public String describe() {
      return "positive";
    }
  }

  /** (lower, infinity); lower has the shape of the value or broadcasts to it. */
  record GreaterThan(Node lower) implements Constraint {
    @Override
    public String describe() {
      return "greater than " + bound(lower);
    }
  }

  /** (-infinity, upper). */
  record LessThan(Node upper) implements Constraint {
    @Override
    public String describe() {
      return "less than " + bound(upper);
    }
  }

  /** (lower, upper). */
  record Interval(Node lower, Node upper) implements Constraint {
    @Override
    public String describe() {
      return "interval(" + bound(lower) + ", " + bound(upper) + ")";
    }
  }

  /** (0, 1). */
  record UnitInterval() implements Constraint {
    @Override
    public String describe() {
      return "unit interval (0, 1)";
    }
  }

  /** Vectors of positive elements summing to 1 (the last axis). */
  record Simplex() implements Constraint {
    @Override
    public String describe() {
      return "simplex";
    }
  }

  /** Strictly increasing vectors. */
  record Ordered() implements Constraint {
    @Override
    public String describe() {
      return "ordered vector";
    }
  }

  /** Strictly increasing vectors of positive elements. */
  record PositiveOrdered() implements Constraint {
    @Override
    public String describe() {
      return "positive ordered vector";
    }
  }

  /**
   * Lower-triangular Cholesky factors of correlation matrices (unit-norm rows, positive diagonal).
   */
  record CorrCholesky() implements Constraint {
    @Override
    public String describe() {
      return "Cholesky factor of a correlation matrix";
    }
  }

  /** Lower-triangular matrices with positive diagonal (Cholesky factors of covariance matrices). */
  record CovCholesky() implements Constraint {
    @Override
    public String describe() {
      return "Cholesky factor of a covariance matrix";
    }
  }

  /**
   * Integers {@code lower..upper} inclusive (upper may be {@link Integer#MAX_VALUE}: unbounded).
   */
  record IntegerRange(long lower, long upper) implements Constraint {
    @Override
    public boolean isDiscrete() {
      return true;
    }

    @Override
    public String describe() {
      return upper == Integer.MAX_VALUE
          ? "integers >= " + lower
          : "integers " + lower + ".." + upper;
    }
  }

  /** A single point: the support of a Delta (point-mass) distribution. */
  record Point(Node at) implements Constraint {
    @Override
    public String describe() {
      return "the point " + bound(at);
    }
  }

  private static String bound(Node n) {
    return n.size() == 1 ? Double.toString(n.get(0)) : "a " + n.shape() + " bound";
  }
}
