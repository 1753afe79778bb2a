package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.DistMath;
import dev.varia.core.dist.internal.Draws;
import dev.varia.core.dist.internal.ElementwiseKernel;
import dev.varia.core.dist.internal.ImplicitGamma;
import dev.varia.core.dist.internal.Univariate;
import dev.varia.core.math.SpecialFunctions;
import dev.varia.core.random.RandomStream;

/**
 * Stan's {@code gamma(alpha, beta)} with shape alpha > 0 and <b>rate</b> beta > 0: density {@code
 * beta^alpha x^(alpha-1) exp(-beta x) / Gamma(alpha)} on x >= 0 (at x = 0 it is 0, beta or
 * +infinity for alpha > 1, = 1, < 1). {@link #rsample} draws exactly and carries implicit
 * reparameterisation gradients to alpha (and the ordinary pathwise gradient {@code -x / beta} to
 * beta).
 */
public final class Gamma extends Univariate {
  static final String NAME = "gamma";
  private static final ElementwiseKernel KERNEL = new Kernel();

  private Gamma(Node alpha, Node beta) {
    super(NAME, new String[] {"alpha", "beta"}, alpha, beta);
  }

  /** gamma(alpha, beta) with tape parameters (shape, rate; broadcasting). */
  public static Gamma of(Node alpha, Node beta) {
    Check.positive(NAME, "alpha", alpha);
    Check.positive(NAME, "beta", beta);
    return new Gamma(alpha, beta);
  }

  /** gamma(alpha, beta) with constant scalar shape and rate on {@code tape}. */
  public static Gamma of(Tape tape, double alpha, double beta) {
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
    return p -> Draws.standardGamma(rng, p[0]) / p[1];
  }

  @Override
  public boolean hasReparam() {
    return true;
  }

  @Override
  public Node rsample(RandomStream rng, Shape batch) {
    return ImplicitGamma.standard(rng, param(0), drawShape(batch)).div(param(1));
  }

  @Override
  protected double meanOf(double[] p) {
    return p[0] / p[1];
  }

  @Override
  protected double varianceOf(double[] p) {
    return p[0] / (p[1] * p[1]);
  }

  /** lp = alpha log beta - lgamma(alpha) + (alpha - 1) log x - beta x. */
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
      if (!(x >= 0)) {
        return Double.NEGATIVE_INFINITY;
      }
      double a = p[0];
      double b = p[1];
      return a * Math.log(b) - SpecialFunctions.lgamma(a) + DistMath.multiplyLog(a - 1, x) - b * x;
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
      double logx = Math.log(x);
      d[0] = (a - 1) / x - b;
      d[1] = Math.log(b) - SpecialFunctions.digamma(a) + logx;
      d[2] = a / b - x;
    }
  }
}
