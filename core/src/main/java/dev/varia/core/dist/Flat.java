package dev.varia.core.dist;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Bijector;
import dev.varia.core.constraint.Bijectors;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Broadcast;
import dev.varia.core.dist.internal.Supports;
import dev.varia.core.random.RandomStream;

/**
 * The improper uniform ("flat") density on a support, for a latent with no prior (Stan's
 * unspecified prior on a constrained parameter): log density 0 inside the support, including on its
 * boundary, and -infinity outside; no gradient. Bounds may be tape values depending on other
 * latents (GARCH's {@code beta1} on (0, 1 - alpha1)): unlike {@code uniform(0, 1 - alpha1)} this
 * adds no {@code -log(1 - alpha1)} term.
 *
 * <p><b>It has no sampler.</b> Where a draw is needed (initialisation, prior simulation), {@link
 * #sample} draws uniform(-2, 2) on the unconstrained scale and maps it through the constraint's
 * bijector ({@link Bijectors#of}), as Stan initialises parameters; those draws are not from any
 * distribution the density describes. Discrete supports have no such draw.
 *
 * <p>Shapes: scalar constraints make every element of the value an event; vector constraints
 * (simplex, ordered) make each row an event; Cholesky-factor constraints make the whole matrix one
 * event.
 */
public final class Flat implements Distribution {
  static final String NAME = "flat";
  private final Constraint support;
  private final Shape batchShape;
  private final Shape eventShape;

  private Flat(Constraint support, Shape batchShape, Shape eventShape) {
    this.support = support;
    this.batchShape = batchShape;
    this.eventShape = eventShape;
  }

  /** A flat density on {@code support} for values of shape {@code shape}. */
  public static Flat of(Constraint support, Shape shape) {
    int rank = Supports.eventRank(support);
    Shape batch = Broadcast.leadingBatch(NAME, shape, rank);
    int[] dims = shape.dims();
    Shape event = Shape.of(java.util.Arrays.copyOfRange(dims, dims.length - rank, dims.length));
    return new Flat(support, batch, event);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Shape batchShape() {
    return batchShape;
  }

  @Override
  public Shape eventShape() {
    return eventShape;
  }

  @Override
  public Constraint support() {
    return support;
  }

  @Override
  public Node logDensity(Node x) {
    Shape batch = Broadcast.leadingBatch(NAME, x.shape(), Supports.eventRank(support));
    boolean[] in = Supports.contains(support, x);
    double[] lp = new double[in.length];
    for (int i = 0; i < lp.length; i++) {
      lp[i] = in[i] ? 0.0 : Double.NEGATIVE_INFINITY;
    }
    return x.tape().constant(Tensor.wrap(lp, batch));
  }

  /** Uniform(-2, 2) on the unconstrained scale, mapped onto the support (see the class comment). */
  @Override
  public Tensor sample(RandomStream rng, Shape batch) {
    if (support.isDiscrete()) {
      throw new VariaException(
          NAME
              + " on "
              + support.describe()
              + " has no sampler and no unconstrained scale to draw on");
    }
    Shape value =
        Broadcast.withEvent(NAME, Broadcast.drawShape(NAME, batch, batchShape), eventShape);
    Bijector b = Bijectors.of(support);
    Shape free = b.unconstrainedShape(value);
    double[] u = new double[free.size()];
    for (int i = 0; i < u.length; i++) {
      u[i] = -2 + 4 * rng.uniform();
    }
    Tape tape = Supports.boundTape(support).orElseGet(Tape::new);
    try (var scope = tape.valueOnly()) {
      return b.forward(tape.constant(Tensor.wrap(u, free))).detach();
    }
  }

  @Override
  public String toString() {
    return NAME + " on " + support.describe() + ", batch shape " + batchShape;
  }
}
