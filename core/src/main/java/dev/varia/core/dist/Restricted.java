package dev.varia.core.dist;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Supports;
import dev.varia.core.random.RandomStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * A distribution of one value per element restricted to a constrained support without
 * renormalising, as Stan does for a prior on a constrained parameter: {@code ordered[2] mu; mu ~
 * normal(0, 2)} is {@code normal(0, 2)} on two values restricted to increasing vectors. The log
 * density is the base's inside the support and -infinity outside; the missing normalising constant
 * is a constant (the base probability of the support) whenever the support does not depend on the
 * base's parameters, so posteriors are unaffected.
 *
 * <p>Shapes are the base's (one value per element); a vector constraint (ordered, simplex) applies
 * to the whole value, or to each row of a matrix. Draws: for ordered and positive-ordered supports,
 * base draws sorted (exact for iid bases); otherwise base draws rejected until they fall in the
 * support (an error after many tries).
 */
public final class Restricted implements Distribution {
  private static final int MAX_TRIES = 10_000;

  private final Distribution base;
  private final Constraint support;

  private Restricted(Distribution base, Constraint support) {
    this.base = base;
    this.support = support;
  }

  /** {@code base} restricted to {@code support}. */
  public static Restricted of(Distribution base, Constraint support) {
    if (!base.eventShape().isScalar()) {
      throw new VariaException(
          base.name()
              + " draws shape "
              + base.eventShape()
              + ": only distributions of one value"
              + " per element can be restricted to "
              + support.describe());
    }
    if (base.isDiscrete() != support.isDiscrete()) {
      throw new VariaException(
          "cannot restrict "
              + base.name()
              + " to "
              + support.describe()
              + " (one is discrete, the other continuous)");
    }
    return new Restricted(base, support);
  }

  /** The unrestricted distribution. */
  public Distribution base() {
    return base;
  }

  @Override
  public String name() {
    return base.name();
  }

  @Override
  public Shape batchShape() {
    return base.batchShape();
  }

  @Override
  public Constraint support() {
    return support;
  }

  private boolean allIn(Node x) {
    for (boolean b : Supports.contains(support, x)) {
      if (!b) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Node logDensity(Node x) {
    Node lp = base.logDensity(x);
    if (allIn(x)) {
      return lp;
    }
    return x.tape().constant(Tensor.full(lp.shape(), Double.NEGATIVE_INFINITY));
  }

  @Override
  public Node logDensitySum(Node x) {
    return allIn(x) ? base.logDensitySum(x) : x.tape().constant(Double.NEGATIVE_INFINITY);
  }

  @Override
  public boolean hasReparam() {
    return false;
  }

  @Override
  public Tensor sample(RandomStream rng, Shape batch) {
    boolean ordered =
        support instanceof Constraint.Ordered || support instanceof Constraint.PositiveOrdered;
    Tape t = Supports.boundTape(support).orElseGet(Tape::new);
    for (int i = 0; i < MAX_TRIES; i++) {
      Tensor draw = base.sample(rng, batch);
      if (ordered) {
        double[] d = draw.toArray();
        int k = draw.shape().cols();
        for (int r = 0; r < d.length; r += k) {
          Arrays.sort(d, r, r + k);
        }
        draw = Tensor.wrap(d, draw.shape());
      }
      try (var s = t.valueOnly()) {
        if (allIn(t.constant(draw))) {
          return draw;
        }
      }
    }
    throw new VariaException(
        base.name()
            + " restricted to "
            + support.describe()
            + ": no draw fell in the support after "
            + MAX_TRIES
            + " tries");
  }

  @Override
  public Optional<Tensor> mean() {
    return Optional.empty();
  }

  @Override
  public String toString() {
    return base + " restricted to " + support.describe();
  }
}
