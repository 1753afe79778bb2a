package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.ElementwiseKernel;
import dev.varia.core.dist.internal.OneParameterKernel;
import dev.varia.core.dist.internal.Univariate;
import dev.varia.core.random.RandomStream;

/**
 * Stan's {@code bernoulli(theta)} on {0, 1} with success probability theta in [0, 1]. Enumerable;
 * the log mass is one fused node with tight loops.
 */
public final class Bernoulli extends Univariate {
  static final String NAME = "bernoulli";
  private static final ElementwiseKernel KERNEL = new Kernel();

  private Bernoulli(Node theta) {
    super(NAME, new String[] {"theta"}, theta);
  }

  /** The success probability theta. */
  public Node theta() {
    return param(0);
  }

  /** bernoulli(theta) with a tape parameter. */
  public static Bernoulli of(Node theta) {
    Check.probability(NAME, "theta", theta);
    return new Bernoulli(theta);
  }

  /** bernoulli(theta) with a constant scalar probability on {@code tape}. */
  public static Bernoulli of(Tape tape, double theta) {
    return of(tape.constant(theta));
  }

  @Override
  public Constraint support() {
    return new Constraint.IntegerRange(0, 1);
  }

  @Override
  protected ElementwiseKernel kernel() {
    return KERNEL;
  }

  @Override
  protected Drawer drawer(RandomStream rng) {
    return p -> rng.uniform() < p[0] ? 1.0 : 0.0;
  }

  @Override
  public boolean isEnumerable() {
    return true;
  }

  @Override
  public Tensor enumerateSupport() {
    return Tensor.vector(0, 1);
  }

  @Override
  protected double meanOf(double[] p) {
    return p[0];
  }

  @Override
  protected double varianceOf(double[] p) {
    return p[0] * (1 - p[0]);
  }

  /** lp = log theta for x = 1, log(1 - theta) for x = 0. */
  private static final class Kernel extends OneParameterKernel {
    @Override
    protected double lp(double x, double theta) {
      if (x == 1) {
        return Math.log(theta);
      }
      return x == 0 ? Math.log1p(-theta) : Double.NEGATIVE_INFINITY;
    }

    @Override
    protected double dlp(double x, double theta) {
      if (x == 1) {
        return 1 / theta;
      }
      return x == 0 ? -1 / (1 - theta) : 0.0;
    }
  }
}
