package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.DistMath;
import dev.varia.core.dist.internal.Draws;
import dev.varia.core.dist.internal.ElementwiseKernel;
import dev.varia.core.dist.internal.ImplicitBeta;
import dev.varia.core.dist.internal.Univariate;
import dev.varia.core.math.SpecialFunctions;
import dev.varia.core.random.RandomStream;

/**
 * Stan's {@code beta(alpha, beta)} on [0, 1] with alpha, beta > 0. {@link #rsample} draws exactly
 * and carries implicit reparameterisation gradients to both parameters (derivatives of the
 * regularised incomplete beta function in its shape parameters).
 */
public final class Beta extends Univariate {
  static final String NAME = "beta";
  private static final ElementwiseKernel KERNEL = new Kernel();

  private Beta(Node alpha, Node beta) {
    super(NAME, new String[] {"alpha", "beta"}, alpha, beta);
  }

  /** beta(alpha, beta) with tape parameters (broadcasting). */
  public static Beta of(Node alpha, Node beta) {
    Check.positive(NAME, "alpha", alpha);
    Check.positive(NAME, "beta", beta);
    return new Beta(alpha, beta);
  }

  /** beta(alpha, beta) with constant scalar parameters on {@code tape}. */
  public static Beta of(Tape tape, double alpha, double beta) {
    return of(tape.constant(alpha), tape.constant(beta));
  }

  @Override
  public Constraint support() {
    return new Constraint.UnitInterval();
  }

  @Override
  protected ElementwiseKernel kernel() {
    return KERNEL;
  }

  @Override
  protected Drawer drawer(RandomStream rng) {
    return p -> Draws.beta(rng, p[0], p[1]);
  }

  @Override
  public boolean hasReparam() {
    return true;
  }

  @Override
  public Node rsample(RandomStream rng, Shape batch) {
    return ImplicitBeta.of(rng, param(0), param(1), drawShape(batch));
  }

  @Override
  protected double meanOf(double[] p) {
    return p[0] / (p[0] + p[1]);
  }

  @Override
  protected double varianceOf(double[] p) {
    double s = p[0] + p[1];
    return p[0] * p[1] / (s * s * (s + 1));
  }

  /** lp = lgamma(a + b) - lgamma(a) - lgamma(b) + (a - 1) log x + (b - 1) log(1 - x) on [0, 1]. */
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
      if (!(x >= 0 && x <= 1)) {
        return Double.NEGATIVE_INFINITY;
      }
      double a = p[0];
      double b = p[1];
      return SpecialFunctions.lgamma(a + b)
          - SpecialFunctions.lgamma(a)
          - SpecialFunctions.lgamma(b)
          + DistMath.multiplyLog(a - 1, x)
          + (b == 1 ? 0.0 : (b - 1) * Math.log1p(-x));
    }

    @Override
    public void gradient(double x, double[] p, double[] d) {
      if (!(x > 0 && x < 1)) {
        d[0] = 0;
        d[1] = 0;
        d[2] = 0;
        return;
      }
      double a = p[0];
      double b = p[1];
      double psiSum = SpecialFunctions.digamma(a + b);
      d[0] = (a - 1) / x - (b - 1) / (1 - x);
      d[1] = psiSum - SpecialFunctions.digamma(a) + Math.log(x);
      d[2] = psiSum - SpecialFunctions.digamma(b) + Math.log1p(-x);
    }
  }
}
