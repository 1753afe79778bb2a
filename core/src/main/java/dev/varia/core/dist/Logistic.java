package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.ElementwiseKernel;
import dev.varia.core.dist.internal.LocationScale;
import dev.varia.core.dist.internal.Standard;

/**
 * Stan's {@code logistic(mu, sigma)}: standard log density {@code -z - 2 log(1 + exp(-z))}.
 * Reparameterised draws {@code mu + sigma * log(u / (1 - u))}.
 */
public final class Logistic extends LocationScale {
  private static final ElementwiseKernel KERNEL =
      LocationScale.kernel(Standard.LOGISTIC, Variant.PLAIN);
  static final String NAME = "logistic";

  private Logistic(Node mu, Node sigma) {
    super(NAME, Variant.PLAIN, Standard.LOGISTIC, KERNEL, new String[] {"mu", "sigma"}, mu, sigma);
  }

  /** logistic(mu, sigma) with tape parameters (broadcasting). */
  public static Logistic of(Node mu, Node sigma) {
    Check.finite(NAME, "mu", mu);
    Check.positive(NAME, "sigma", sigma);
    return new Logistic(mu, sigma);
  }

  /** logistic(mu, sigma) with constant scalar parameters on {@code tape}. */
  public static Logistic of(Tape tape, double mu, double sigma) {
    return of(tape.constant(mu), tape.constant(sigma));
  }

  @Override
  public Constraint support() {
    return new Constraint.Real();
  }

  @Override
  protected double meanOf(double[] p) {
    return p[0];
  }

  @Override
  protected double varianceOf(double[] p) {
    return Math.PI * Math.PI * p[1] * p[1] / 3;
  }
}
