package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.ElementwiseKernel;
import dev.varia.core.dist.internal.LocationScale;
import dev.varia.core.dist.internal.Standard;

/**
 * The half-normal distribution: {@code normal(0, sigma)} restricted to x >= 0 (Stan writes it as
 * {@code x ~ normal(0, sigma)} with {@code x} declared {@code <lower=0>}); density {@code 2 N(x |
 * 0, sigma)}. Reparameterised draws {@code sigma * |eps|}.
 */
public final class HalfNormal extends LocationScale {
  private static final ElementwiseKernel KERNEL =
      LocationScale.kernel(Standard.NORMAL, Variant.HALF);
  static final String NAME = "half_normal";

  private HalfNormal(Node sigma) {
    super(NAME, Variant.HALF, Standard.NORMAL, KERNEL, new String[] {"sigma"}, sigma);
  }

  /** half_normal(sigma) with a tape parameter. */
  public static HalfNormal of(Node sigma) {
    Check.positive(NAME, "sigma", sigma);
    return new HalfNormal(sigma);
  }

  /** half_normal(sigma) with a constant scalar parameter on {@code tape}. */
  public static HalfNormal of(Tape tape, double sigma) {
    return of(tape.constant(sigma));
  }

  @Override
  public Constraint support() {
    return new Constraint.Positive();
  }

  @Override
  protected double meanOf(double[] p) {
    return p[0] * Math.sqrt(2 / Math.PI);
  }

  @Override
  protected double varianceOf(double[] p) {
    return p[0] * p[0] * (1 - 2 / Math.PI);
  }
}
