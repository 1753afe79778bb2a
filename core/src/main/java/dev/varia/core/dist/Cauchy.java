package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.ElementwiseKernel;
import dev.varia.core.dist.internal.LocationScale;
import dev.varia.core.dist.internal.Standard;

/**
 * Stan's {@code cauchy(mu, sigma)}: location mu, scale sigma > 0. It has no mean or variance.
 * Reparameterised draws {@code mu + sigma * tan(pi (u - 1/2))}.
 */
public final class Cauchy extends LocationScale {
  private static final ElementwiseKernel KERNEL =
      LocationScale.kernel(Standard.CAUCHY, Variant.PLAIN);
  static final String NAME = "cauchy";

  private Cauchy(Node mu, Node sigma) {
    super(NAME, Variant.PLAIN, Standard.CAUCHY, KERNEL, new String[] {"mu", "sigma"}, mu, sigma);
  }

  /** cauchy(mu, sigma) with tape parameters (broadcasting). */
  public static Cauchy of(Node mu, Node sigma) {
    Check.finite(NAME, "mu", mu);
    Check.positive(NAME, "sigma", sigma);
    return new Cauchy(mu, sigma);
  }

  /** cauchy(mu, sigma) with constant scalar parameters on {@code tape}. */
  public static Cauchy of(Tape tape, double mu, double sigma) {
    return of(tape.constant(mu), tape.constant(sigma));
  }

  @Override
  public Constraint support() {
    return new Constraint.Real();
  }
}
