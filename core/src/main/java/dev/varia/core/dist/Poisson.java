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
 * Stan's {@code poisson(lambda)} on 0, 1, 2, ... with rate lambda >= 0. The log mass is one fused
 * node with tight loops.
 */
public final class Poisson extends Univariate {
  static final String NAME = "poisson";
  private static final ElementwiseKernel KERNEL = new Kernel();

  private Poisson(Node lambda) {
    super(NAME, new String[] {"lambda"}, lambda);
  }

  /** The rate lambda. */
  public Node lambda() {
    return param(0);
  }

  /** poisson(lambda) with a tape parameter. */
  public static Poisson of(Node lambda) {
    Check.nonNegative(NAME, "lambda", lambda);
    return new Poisson(lambda);
  }

  /** poisson(lambda) with a constant scalar rate on {@code tape}. */
  public static Poisson of(Tape tape, double lambda) {
    return of(tape.constant(lambda));
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
    return new CachingDrawer(p -> Draws.poisson(rng, p[0]));
  }

  @Override
  protected double meanOf(double[] p) {
    return p[0];
  }

  @Override
  protected double varianceOf(double[] p) {
    return p[0];
  }

  /** lp = x log lambda - lambda - log x!. */
  private static final class Kernel extends OneParameterKernel {
    @Override
    protected double lp(double x, double lambda) {
      if (!DistMath.isCount(x)) {
        return Double.NEGATIVE_INFINITY;
      }
      return DistMath.multiplyLog(x, lambda) - lambda - DistMath.logFactorial(x);
    }

    @Override
    protected double dlp(double x, double lambda) {
      if (!DistMath.isCount(x)) {
        return 0.0;
      }
      return x == 0 ? -1.0 : x / lambda - 1;
    }
  }
}
