package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.Draws;
import dev.varia.core.dist.internal.ElementwiseKernel;
import dev.varia.core.dist.internal.NegBinomial2Kernel;
import dev.varia.core.dist.internal.Univariate;
import dev.varia.core.random.RandomStream;

/**
 * Stan's {@code neg_binomial_2(mu, phi)} on 0, 1, 2, ...: mean mu > 0, precision phi > 0, variance
 * {@code mu + mu^2 / phi}. Draws are poisson(lambda) with lambda ~ gamma(phi, phi / mu).
 */
public final class NegBinomial2 extends Univariate {
  static final String NAME = "neg_binomial_2";
  private static final ElementwiseKernel KERNEL = new NegBinomial2Kernel(false);

  private NegBinomial2(Node mu, Node phi) {
    super(NAME, new String[] {"mu", "phi"}, mu, phi);
  }

  /** neg_binomial_2(mu, phi) with tape parameters (broadcasting). */
  public static NegBinomial2 of(Node mu, Node phi) {
    Check.positive(NAME, "mu", mu);
    Check.positive(NAME, "phi", phi);
    return new NegBinomial2(mu, phi);
  }

  /** neg_binomial_2(mu, phi) with constant scalar parameters on {@code tape}. */
  public static NegBinomial2 of(Tape tape, double mu, double phi) {
    return of(tape.constant(mu), tape.constant(phi));
  }

  @Override
  public Constraint support() {
    return new Constraint.IntegerRange(0, Integer.MAX_VALUE);
  }

  @Override
  protected ElementwiseKernel kernel() {
    return KERNEL;
  }

  @Override
  protected Drawer drawer(RandomStream rng) {
    return p -> Draws.poissonDraw(rng, Draws.standardGamma(rng, p[1]) * p[0] / p[1]);
  }

  @Override
  protected double meanOf(double[] p) {
    return p[0];
  }

  @Override
  protected double varianceOf(double[] p) {
    return p[0] + p[0] * p[0] / p[1];
  }
}
