package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.ElementwiseKernel;
import dev.varia.core.dist.internal.Univariate;
import dev.varia.core.random.RandomStream;

/**
 * Stan's {@code uniform(alpha, beta)} on [alpha, beta], alpha < beta (both finite). Reparameterised
 * draws {@code alpha + (beta - alpha) u}.
 */
public final class Uniform extends Univariate {
  static final String NAME = "uniform";
  private static final ElementwiseKernel KERNEL = new Kernel();

  private Uniform(Node alpha, Node beta) {
    super(NAME, new String[] {"alpha", "beta"}, alpha, beta);
  }

  /** uniform(alpha, beta) with tape parameters (broadcasting). */
  public static Uniform of(Node alpha, Node beta) {
    Check.finite(NAME, "alpha", alpha);
    Check.finite(NAME, "beta", beta);
    Check.ordered(NAME, "alpha", alpha, "beta", beta);
    return new Uniform(alpha, beta);
  }

  /** uniform(alpha, beta) with constant scalar parameters on {@code tape}. */
  public static Uniform of(Tape tape, double alpha, double beta) {
    return of(tape.constant(alpha), tape.constant(beta));
  }

  @Override
  public Constraint support() {
    return new Constraint.Interval(param(0), param(1));
  }

  @Override
  protected ElementwiseKernel kernel() {
    return KERNEL;
  }

  @Override
  protected Drawer drawer(RandomStream rng) {
    return p -> p[0] + (p[1] - p[0]) * rng.uniform();
  }

  @Override
  public boolean hasReparam() {
    return true;
  }

  @Override
  public Node rsample(RandomStream rng, Shape batch) {
    Shape out = drawShape(batch);
    double[] u = new double[out.size()];
    for (int k = 0; k < u.length; k++) {
      u[k] = rng.uniform();
    }
    return param(0).add(param(1).sub(param(0)).mul(tape().constant(Tensor.wrap(u, out))));
  }

  @Override
  protected double meanOf(double[] p) {
    return 0.5 * (p[0] + p[1]);
  }

  @Override
  protected double varianceOf(double[] p) {
    double w = p[1] - p[0];
    return w * w / 12;
  }

  /** lp = -log(beta - alpha) on [alpha, beta]. */
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
      return x >= p[0] && x <= p[1] ? -Math.log(p[1] - p[0]) : Double.NEGATIVE_INFINITY;
    }

    @Override
    public void gradient(double x, double[] p, double[] d) {
      d[0] = 0;
      if (x >= p[0] && x <= p[1]) {
        double inv = 1 / (p[1] - p[0]);
        d[1] = inv;
        d[2] = -inv;
      } else {
        d[1] = 0;
        d[2] = 0;
      }
    }
  }
}
