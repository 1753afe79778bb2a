package dev.varia.core.constraint;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.constraint.internal.Broadcast;
import dev.varia.core.constraint.internal.CorrCholeskyBijector;
import dev.varia.core.constraint.internal.CovCholeskyBijector;
import dev.varia.core.constraint.internal.ExpBijector;
import dev.varia.core.constraint.internal.IdentityBijector;
import dev.varia.core.constraint.internal.IntervalBijector;
import dev.varia.core.constraint.internal.LogisticBijector;
import dev.varia.core.constraint.internal.LowerBoundBijector;
import dev.varia.core.constraint.internal.OrderedBijector;
import dev.varia.core.constraint.internal.SoftplusBijector;
import dev.varia.core.constraint.internal.StickBreakingBijector;
import dev.varia.core.constraint.internal.UpperBoundBijector;

/**
 * The bijectors from unconstrained space onto each continuous constraint, following Stan's
 * reference manual ("Constraint transforms"), plus alternatives such as {@link #softplus()}.
 *
 * <p>Elementwise bijectors (real, positive, bounds, unit interval) act on values of any shape;
 * bounds are tape values that broadcast to the value's shape and receive gradients, so a bound may
 * be computed from other latents (an upper bound {@code 1 - alpha1}). A bijector holding tape
 * values belongs to the evaluation in which they were recorded. The simplex and ordered transforms
 * act on a vector, or on each row of a matrix; the Cholesky-factor transforms map a vector of free
 * values to a K x K matrix.
 */
public final class Bijectors {
  private static final Bijector IDENTITY = new IdentityBijector();
  private static final Bijector EXP = new ExpBijector();
  private static final Bijector SOFTPLUS = new SoftplusBijector();
  private static final Bijector LOGISTIC = new LogisticBijector();
  private static final Bijector STICK_BREAKING = new StickBreakingBijector();
  private static final Bijector ORDERED = new OrderedBijector(false);
  private static final Bijector POSITIVE_ORDERED = new OrderedBijector(true);
  private static final Bijector CORR_CHOLESKY = new CorrCholeskyBijector();
  private static final Bijector COV_CHOLESKY = new CovCholeskyBijector();

  private Bijectors() {}

  /**
   * The bijector from unconstrained space onto {@code c} (Stan's transform for each constraint). A
   * bound whose elements are all infinite counts as absent (an interval with lower bound -infinity
   * is an upper bound).
   *
   * @throws VariaException for a discrete support or a point, which no bijector reaches, and for
   *     bounds that are partly infinite or not ordered
   */
  public static Bijector of(Constraint c) {
    if (c instanceof Constraint.Real) {
      return IDENTITY;
    } else if (c instanceof Constraint.Positive) {
      return EXP;
    } else if (c instanceof Constraint.GreaterThan g) {
      return bounded(g.lower(), null, c);
    } else if (c instanceof Constraint.LessThan l) {
      return bounded(null, l.upper(), c);
    } else if (c instanceof Constraint.Interval i) {
      return bounded(i.lower(), i.upper(), c);
    } else if (c instanceof Constraint.UnitInterval) {
      return LOGISTIC;
    } else if (c instanceof Constraint.Simplex) {
      return STICK_BREAKING;
    } else if (c instanceof Constraint.Ordered) {
      return ORDERED;
    } else if (c instanceof Constraint.PositiveOrdered) {
      return POSITIVE_ORDERED;
    } else if (c instanceof Constraint.CorrCholesky) {
      return CORR_CHOLESKY;
    } else if (c instanceof Constraint.CovCholesky) {
      return COV_CHOLESKY;
    }
    throw new VariaException(
        "no bijector for a discrete support ("
            + c.describe()
            + "): only continuous latents can be transformed to unconstrained space; enumerate"
            + " or marginalise a discrete latent, or give it a REINFORCE/ENUM strategy");
  }

  /** The identity, onto all reals. */
  public static Bijector identity() {
    return IDENTITY;
  }

  /** {@code exp}, onto (0, infinity): the default for positive values. */
  public static Bijector exp() {
    return EXP;
  }

  /** {@code softplus(u) = log(1 + exp(u))}, onto (0, infinity): an alternative to exp. */
  public static Bijector softplus() {
    return SOFTPLUS;
  }

  /** {@code lower + exp(u)}, onto (lower, infinity). */
  public static Bijector lowerBound(Node lower) {
    return new LowerBoundBijector(lower);
  }

  /** {@code upper - exp(u)}, onto (-infinity, upper). */
  public static Bijector upperBound(Node upper) {
    return new UpperBoundBijector(upper);
  }

  /** {@code lower + (upper - lower) sigmoid(u)}, onto (lower, upper). */
  public static Bijector interval(Node lower, Node upper) {
    return new IntervalBijector(lower, upper);
  }

  /** The logistic function, onto (0, 1). */
  public static Bijector logistic() {
    return LOGISTIC;
  }

  /** Stick-breaking, from K - 1 values onto the K-simplex. */
  public static Bijector stickBreaking() {
    return STICK_BREAKING;
  }

  /** Onto strictly increasing vectors. */
  public static Bijector ordered() {
    return ORDERED;
  }

  /** Onto strictly increasing vectors of positive values. */
  public static Bijector positiveOrdered() {
    return POSITIVE_ORDERED;
  }

  /** From K(K - 1)/2 values onto Cholesky factors of K x K correlation matrices. */
  public static Bijector corrCholesky() {
    return CORR_CHOLESKY;
  }

  /** From K(K + 1)/2 values onto Cholesky factors of K x K covariance matrices. */
  public static Bijector covCholesky() {
    return COV_CHOLESKY;
  }

  private static Bijector bounded(Node lower, Node upper, Constraint c) {
    boolean hasLower = lower != null && !allEqual(lower, Double.NEGATIVE_INFINITY, c);
    boolean hasUpper = upper != null && !allEqual(upper, Double.POSITIVE_INFINITY, c);
    if (hasLower && hasUpper) {
      Shape joint = Shape.broadcast(c.describe(), lower.shape(), upper.shape());
      for (int i = 0; i < joint.size(); i++) {
        double lo = Broadcast.at(lower, joint, i);
        double hi = Broadcast.at(upper, joint, i);
        if (!(lo < hi)) {
          throw new VariaException(
              "bounds of "
                  + c.describe()
                  + ": the lower bound "
                  + lo
                  + " is not below the upper bound "
                  + hi);
        }
      }
      return interval(lower, upper);
    }
    if (hasLower) {
      return lowerBound(lower);
    }
    return hasUpper ? upperBound(upper) : IDENTITY;
  }

  /**
   * True if every element of the bound is {@code infinite}; false if none is infinite or NaN.
   *
   * @throws VariaException for a bound that is infinite in some elements only, or NaN
   */
  private static boolean allEqual(Node bound, double infinite, Constraint c) {
    int count = 0;
    for (int i = 0; i < bound.size(); i++) {
      double v = bound.get(i);
      if (Double.isNaN(v) || v == -infinite) {
        throw new VariaException("a bound of " + c.describe() + " is " + v);
      }
      if (v == infinite) {
        count++;
      }
    }
    if (count != 0 && count != bound.size()) {
      throw new VariaException(
          "the bounds of "
              + c.describe()
              + " are infinite in some elements only: give either finite bounds or none");
    }
    return count == bound.size();
  }
}
