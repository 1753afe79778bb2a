package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.CachingDrawer;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.DistMath;
import dev.varia.core.dist.internal.ElementwiseKernel;
import dev.varia.core.dist.internal.OneParameterKernel;
import dev.varia.core.dist.internal.Univariate;
import dev.varia.core.random.RandomStream;
import org.apache.commons.rng.sampling.distribution.GeometricSampler;

/**
 * The geometric distribution counting the <b>failures</b> 0, 1, 2, ... before the first success,
 * with success probability p in (0, 1]: mass {@code p (1 - p)^x}, mean {@code (1 - p) / p},
 * variance {@code (1 - p) / p^2}. (Stan has no geometric; this is {@code neg_binomial(1, p / (1 -
 * p))} in Stan's terms.)
 */
public final class Geometric extends Univariate {
  static final String NAME = "geometric";
  private static final ElementwiseKernel KERNEL = new Kernel();

  private Geometric(Node p) {
    super(NAME, new String[] {"p"}, p);
  }

  /** geometric(p) with a tape parameter. */
  public static Geometric of(Node p) {
    Check.successProbability(NAME, "p", p);
    return new Geometric(p);
  }

  /** geometric(p) with a constant scalar probability on {@code tape}. */
  public static Geometric of(Tape tape, double p) {
    return of(tape.constant(p));
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
    return new CachingDrawer(
        p -> {
          var s = GeometricSampler.of(rng.provider(), p[0]);
          return () -> s.sample();
        });
  }

  @Override
  protected double meanOf(double[] p) {
    return (1 - p[0]) / p[0];
  }

  @Override
  protected double varianceOf(double[] p) {
    return (1 - p[0]) / (p[0] * p[0]);
  }

  /** lp = log p + x log(1 - p). */
  private static final class Kernel extends OneParameterKernel {
    @Override
    protected double lp(double x, double p) {
      if (!DistMath.isCount(x)) {
        return Double.NEGATIVE_INFINITY;
      }
      return Math.log(p) + DistMath.multiplyLog1m(x, p);
    }

    @Override
    protected double dlp(double x, double p) {
      if (!DistMath.isCount(x)) {
        return 0.0;
      }
      return x == 0 ? 1 / p : 1 / p - x / (1 - p);
    }
  }
}
