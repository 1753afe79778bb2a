package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.FiniteCategorical;

/**
 * Stan's {@code categorical(theta)} over 1..K: theta a simplex (K), or a matrix (B, K) of B simplex
 * rows (a batch). Enumerable; mean and variance are those of the value as a number.
 */
public final class Categorical extends FiniteCategorical {
  static final String NAME = "categorical";
  private final Node theta;

  private Categorical(Node theta) {
    super(NAME, theta, false);
    this.theta = theta;
  }

  /** categorical(theta) with a tape parameter. */
  public static Categorical of(Node theta) {
    Check.simplex(NAME, "theta", theta);
    return new Categorical(theta);
  }

  /** categorical(theta) with constant probabilities on {@code tape}. */
  public static Categorical of(Tape tape, double... theta) {
    return of(tape.constant(Tensor.vector(theta)));
  }

  @Override
  protected double[] probabilities() {
    return Check.values(theta);
  }
}
