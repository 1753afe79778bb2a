package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.Draws;
import dev.varia.core.dist.internal.ElementwiseKernel;
import dev.varia.core.dist.internal.ImplicitGamma;
import dev.varia.core.dist.internal.Univariate;
import dev.varia.core.math.SpecialFunctions;
import dev.varia.core.random.RandomStream;

/**
 * Stan's {@code inv_gamma(alpha, beta)} with shape alpha > 0 and <b>scale</b> beta > 0: 1/x ~
 * gamma(alpha, beta), density {@code beta^alpha x^(-alpha-1) exp(-beta / x) / Gamma(alpha)} on x >
 * 0. Mean beta / (alpha - 1) for alpha > 1, variance beta^2 / ((alpha-1)^2 (alpha-2)) for alpha > 2
 * (NaN otherwise). {@link #rsample} is {@code beta / g} with g an implicitly reparameterised
 * standard gamma draw.
 */
public final class InvGamma extends Univariate {
  static final String NAME = "inv_gamma";
  private static final ElementwiseKernel KERNEL = new Kernel();

  private InvGamma(Node alpha, Node beta) {
    super(NAME, new String[] {"alpha", "beta"}, alpha, beta);
  }

  /** inv_gamma(alpha, beta) with tape parameters (shape, scale; broadcasting). */
  public static InvGamma of(Node alpha, Node beta) {
    Check.positive(NAME, "alpha", alpha);
    Check.positive(NAME, "beta", beta);
    return new InvGamma(alpha, beta);
  }

  /** inv_gamma(alpha, beta) with constant scalar shape and scale on {@code tape}. */
  public static InvGamma of(Tape tape, double alpha, double beta) {
    return of(tape.constant(alpha), tape.constant(beta));
  }

  @Override
  public Constraint support() {
    return new Constraint.Positive();
  }

  @Override
  protected ElementwiseKernel kernel() {
    return KERNEL;
  }

  @Override
  protected Drawer drawer(RandomStream rng) {
    return p -> p[1] / Draws.standardGamma(rng, p[0]);
  }

  @Override
  public boolean hasReparam() {
    return true;
  }

  @Override
  public Node rsample(RandomStream rng, Shape batch) {
    return param(1).div(ImplicitGamma.standard(rng, param(0), drawShape(batch)));
  }

  @Override
  protected double meanOf(double[] p) {
    return p[0] > 1 ? p[1] / (p[0] - 1) : Double.NaN;
  }

  @Override
  protected double varianceOf(double[] p) {
    double a1 = p[0] - 1;
    return p[0] > 2 ? p[1] * p[1] / (a1 * a1 * (p[0] - 2)) : Double.NaN;
  }

  /** lp = alpha log beta - lgamma(alpha) - (alpha + 1) log x - beta / x for x > 0. */
  private static final class Kernel implements ElementwiseKernel {
    @Override
    public int arity() {
      return 2;
    }

    @Override
    public boolean continuous() {
      return true;
    }

    @Override
    public double logDensity(double x, double[] p) {
      if (!(x > 0)) {
        return Double.NEGATIVE_INFINITY;
      }
      double a = p[0];
      double b = p[1];
      return a * Math.log(b) - SpecialFunctions.lgamma(a) - (a + 1) * Math.log(x) - b / x;
    }

    @Override
    public void gradient(double x, double[] p, double[] d) {
      if (!(x > 0)) {
        d[0] = 0;
        d[1] = 0;
        d[2] = 0;
        return;
      }
      double a = p[0];
      double b = p[1];
      d[0] = (b / x - (a + 1)) / x;
      d[1] = Math.log(b) - SpecialFunctions.digamma(a) - Math.log(x);
      d[2] = a / b - 1 / x;
    }
  }
}
