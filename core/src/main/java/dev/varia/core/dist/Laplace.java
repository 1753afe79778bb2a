package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.ElementwiseKernel;
import dev.varia.core.dist.internal.LocationScale;
import dev.varia.core.dist.internal.Standard;

/**
 * Stan's {@code double_exponential(mu, sigma)} (the Laplace distribution): density {@code exp(-|x -
 * mu| / sigma) / (2 sigma)}. Reparameterised draws by the inverse CDF.
 */
public final class Laplace extends LocationScale {
  private static final ElementwiseKernel KERNEL =
      LocationScale.kernel(Standard.LAPLACE, Variant.PLAIN);
  static final String NAME = "double_exponential";

  private Laplace(Node mu, Node sigma) {
    super(NAME, Variant.PLAIN, Standard.LAPLACE, KERNEL, new String[] {"mu", "sigma"}, mu, sigma);
  }

  /** double_exponential(mu, sigma) with tape parameters (broadcasting). */
  public static Laplace of(Node mu, Node sigma) {
    Check.finite(NAME, "mu", mu);
    Check.positive(NAME, "sigma", sigma);
    return new Laplace(mu, sigma);
  }

  /** double_exponential(mu, sigma) with constant scalar parameters on {@code tape}. */
  public static Laplace of(Tape tape, double mu, double sigma) {
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
    return 2 * p[1] * p[1];
  }
}
