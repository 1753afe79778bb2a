package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.ElementwiseKernel;
import dev.varia.core.dist.internal.LocationScale;
import dev.varia.core.dist.internal.Standard;

/**
 * The half-Cauchy distribution {@code half_cauchy(0, sigma)}: {@code cauchy(0, sigma)} restricted
 * to x >= 0, density {@code 2 Cauchy(x | 0, sigma)}. No mean or variance. Reparameterised draws
 * {@code sigma * |tan(pi (u - 1/2))|}.
 */
public final class HalfCauchy extends LocationScale {
  private static final ElementwiseKernel KERNEL =
      LocationScale.kernel(Standard.CAUCHY, Variant.HALF);
  static final String NAME = "half_cauchy";

  private HalfCauchy(Node sigma) {
    super(NAME, Variant.HALF, Standard.CAUCHY, KERNEL, new String[] {"sigma"}, sigma);
  }

  /** half_cauchy(0, sigma) with a tape parameter. */
  public static HalfCauchy of(Node sigma) {
    Check.positive(NAME, "sigma", sigma);
    return new HalfCauchy(sigma);
  }

  /** half_cauchy(0, sigma) with a constant scalar parameter on {@code tape}. */
  public static HalfCauchy of(Tape tape, double sigma) {
    return of(tape.constant(sigma));
  }

  @Override
  public Constraint support() {
    return new Constraint.Positive();
  }
}
