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
 * Stan's {@code neg_binomial_2_log(eta, phi)}: {@code neg_binomial_2(exp(eta), phi)}, with eta
 * finite and phi > 0.
 */
public final class NegBinomial2Log extends Univariate {
  static final String NAME = "neg_binomial_2_log";
  private static final ElementwiseKernel KERNEL = new NegBinomial2Kernel(true);

  private NegBinomial2Log(Node eta, Node phi) {
    super(NAME, new String[] {"eta", "phi"}, eta, phi);
  }

  /** neg_binomial_2_log(eta, phi) with tape parameters (broadcasting). */
  public static NegBinomial2Log of(Node eta, Node phi) {
    Check.finite(NAME, "eta", eta);
    Check.positive(NAME, "phi", phi);
    return new NegBinomial2Log(eta, phi);
  }

  /** neg_binomial_2_log(eta, phi) with constant scalar parameters on {@code tape}. */
  public static NegBinomial2Log of(Tape tape, double eta, double phi) {
    return of(tape.constant(eta), tape.constant(phi));
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
    return p -> Draws.poissonDraw(rng, Draws.standardGamma(rng, p[1]) * Math.exp(p[0]) / p[1]);
  }

  @Override
  protected double meanOf(double[] p) {
    return Math.exp(p[0]);
  }

  @Override
  protected double varianceOf(double[] p) {
    double mu = Math.exp(p[0]);
    return mu + mu * mu / p[1];
  }
}
