package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.ElementwiseKernel;
import dev.varia.core.dist.internal.LocationScale;
import dev.varia.core.dist.internal.Standard;

/**
 * Stan's {@code lognormal(mu, sigma)}: log x ~ normal(mu, sigma), x > 0. Reparameterised draws
 * {@code exp(mu + sigma * eps)}.
 */
public final class LogNormal extends LocationScale {
  private static final ElementwiseKernel KERNEL =
      LocationScale.kernel(Standard.NORMAL, Variant.LOG);
  static final String NAME = "lognormal";

  private LogNormal(Node mu, Node sigma) {
    super(NAME, Variant.LOG, Standard.NORMAL, KERNEL, new String[] {"mu", "sigma"}, mu, sigma);
  }

  /** lognormal(mu, sigma) with tape parameters (broadcasting). */
  public static LogNormal of(Node mu, Node sigma) {
    Check.finite(NAME, "mu", mu);
    Check.positive(NAME, "sigma", sigma);
    return new LogNormal(mu, sigma);
  }

  /** lognormal(mu, sigma) with constant scalar parameters on {@code tape}. */
  public static LogNormal of(Tape tape, double mu, double sigma) {
    return of(tape.constant(mu), tape.constant(sigma));
  }

  @Override
  public Constraint support() {
    return new Constraint.Positive();
  }

  @Override
  protected double meanOf(double[] p) {
    return Math.exp(p[0] + 0.5 * p[1] * p[1]);
  }

  @Override
  protected double varianceOf(double[] p) {
    double s2 = p[1] * p[1];
    return Math.expm1(s2) * Math.exp(2 * p[0] + s2);
  }
}
