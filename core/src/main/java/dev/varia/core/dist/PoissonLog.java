package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.CachingDrawer;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.DistMath;
import dev.varia.core.dist.internal.Draws;
import dev.varia.core.dist.internal.ElementwiseKernel;
import dev.varia.core.dist.internal.OneParameterKernel;
import dev.varia.core.dist.internal.Univariate;
import dev.varia.core.random.RandomStream;

/**
 * Stan's {@code poisson_log(alpha)}: poisson with rate {@code exp(alpha)}; alpha real or -infinity
 * (rate 0), not NaN or +infinity. The log mass is one fused node with tight loops.
 */
public final class PoissonLog extends Univariate {
  static final String NAME = "poisson_log";
  private static final ElementwiseKernel KERNEL = new Kernel();

  private PoissonLog(Node alpha) {
    super(NAME, new String[] {"alpha"}, alpha);
  }

  /** The log rate alpha. */
  public Node alpha() {
    return param(0);
  }

  /** poisson_log(alpha) with a tape parameter (the log rate). */
  public static PoissonLog of(Node alpha) {
    Check.belowInfinity(NAME, "alpha", alpha);
    return new PoissonLog(alpha);
  }

  /** poisson_log(alpha) with a constant scalar log rate on {@code tape}. */
  public static PoissonLog of(Tape tape, double alpha) {
    return of(tape.constant(alpha));
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
    return new CachingDrawer(p -> Draws.poisson(rng, Math.exp(p[0])));
  }

  @Override
  protected double meanOf(double[] p) {
    return Math.exp(p[0]);
  }

  @Override
  protected double varianceOf(double[] p) {
    return Math.exp(p[0]);
  }

  /** lp = x alpha - exp(alpha) - log x!. */
  private static final class Kernel extends OneParameterKernel {
    @Override
    protected double lp(double x, double alpha) {
      if (!DistMath.isCount(x)) {
        return Double.NEGATIVE_INFINITY;
      }
      double xa = x == 0 ? 0.0 : x * alpha;
      return xa - Math.exp(alpha) - DistMath.logFactorial(x);
    }

    @Override
    protected double dlp(double x, double alpha) {
      return DistMath.isCount(x) ? x - Math.exp(alpha) : 0.0;
    }
  }
}
