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
 * Stan's {@code exponential(beta)} with rate beta > 0: density {@code beta exp(-beta x)} on x >= 0.
 * Reparameterised draws by the inverse CDF, {@code -log(u) / beta}.
 */
public final class Exponential extends Univariate {
  static final String NAME = "exponential";
  private static final ElementwiseKernel KERNEL = new Kernel();

  private Exponential(Node beta) {
    super(NAME, new String[] {"beta"}, beta);
  }

  /** exponential(beta) with a tape parameter (the rate). */
  public static Exponential of(Node beta) {
    Check.positive(NAME, "beta", beta);
    return new Exponential(beta);
  }

  /** exponential(beta) with a constant scalar rate on {@code tape}. */
  public static Exponential of(Tape tape, double beta) {
    return of(tape.constant(beta));
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
    return p -> -Math.log(rng.uniform()) / p[0];
  }

  @Override
  public boolean hasReparam() {
    return true;
  }

  @Override
  public Node rsample(RandomStream rng, Shape batch) {
    Shape out = drawShape(batch);
    double[] e = new double[out.size()];
    for (int k = 0; k < e.length; k++) {
      e[k] = -Math.log(rng.uniform());
    }
    return tape().constant(Tensor.wrap(e, out)).div(param(0));
  }

  @Override
  protected double meanOf(double[] p) {
    return 1 / p[0];
  }

  @Override
  protected double varianceOf(double[] p) {
    return 1 / (p[0] * p[0]);
  }

  /** lp = log beta - beta x for x >= 0. */
  private static final class Kernel implements ElementwiseKernel {
    @Override
    public int arity() {
      return 1;
    }

    @Override
    public boolean continuous() {
      return true;
    }

    @Override
    public double logDensity(double x, double[] p) {
      return x >= 0 ? Math.log(p[0]) - p[0] * x : Double.NEGATIVE_INFINITY;
    }

    @Override
    public void gradient(double x, double[] p, double[] d) {
      if (x >= 0) {
        d[0] = -p[0];
        d[1] = 1 / p[0] - x;
      } else {
        d[0] = 0;
        d[1] = 0;
      }
    }
  }
}
