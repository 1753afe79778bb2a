package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.CachingDrawer;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.DistMath;
import dev.varia.core.dist.internal.Draws;
import dev.varia.core.dist.internal.ElementwiseKernel;
import dev.varia.core.dist.internal.Enumeration;
import dev.varia.core.dist.internal.Univariate;
import dev.varia.core.random.RandomStream;

/**
 * Stan's {@code binomial(N, theta)}: successes in N trials (a non-negative integer, no gradient)
 * with success probability theta in [0, 1]. Enumerable when N is the same for every batch element;
 * {@link #support()} is 0..max(N).
 */
public final class Binomial extends Univariate {
  static final String NAME = "binomial";
  private static final ElementwiseKernel KERNEL = new Kernel();

  private Binomial(Node n, Node theta) {
    super(NAME, new String[] {"N", "theta"}, n, theta);
  }

  /** binomial(N, theta) with tape parameters (broadcasting). */
  public static Binomial of(Node n, Node theta) {
    Check.count(NAME, "N", n);
    Check.probability(NAME, "theta", theta);
    return new Binomial(n, theta);
  }

  /** binomial(N, theta) with constant scalar parameters on {@code tape}. */
  public static Binomial of(Tape tape, int n, double theta) {
    return of(tape.constant(n), tape.constant(theta));
  }

  @Override
  public Constraint support() {
    return new Constraint.IntegerRange(0, (long) Enumeration.max(param(0)));
  }

  @Override
  protected ElementwiseKernel kernel() {
    return KERNEL;
  }

  @Override
  protected Drawer drawer(RandomStream rng) {
    return new CachingDrawer(p -> Draws.binomial(rng, p[0], p[1]));
  }

  @Override
  public boolean isEnumerable() {
    return Enumeration.allEqual(param(0));
  }

  @Override
  public Tensor enumerateSupport() {
    if (!isEnumerable()) {
      throw Enumeration.notEnumerable(NAME, "N differs between batch elements");
    }
    return Enumeration.range(0, (int) param(0).get(0));
  }

  @Override
  protected double meanOf(double[] p) {
    return p[0] * p[1];
  }

  @Override
  protected double varianceOf(double[] p) {
    return p[0] * p[1] * (1 - p[1]);
  }

  /** lp = log C(N, x) + x log theta + (N - x) log(1 - theta); parameters (N, theta). */
  private static final class Kernel implements ElementwiseKernel {
    @Override
    public int arity() {
      return 2;
    }

    @Override
    public boolean continuous() {
      return false;
    }

    @Override
    public double logDensity(double x, double[] p) {
      double n = p[0];
      if (!DistMath.isIntegerIn(x, 0, n)) {
        return Double.NEGATIVE_INFINITY;
      }
      return DistMath.logChoose(n, x)
          + DistMath.multiplyLog(x, p[1])
          + DistMath.multiplyLog1m(n - x, p[1]);
    }

    @Override
    public void gradient(double x, double[] p, double[] d) {
      double n = p[0];
      double t = p[1];
      d[0] = 0;
      d[1] = 0;
      d[2] = 0;
      if (DistMath.isIntegerIn(x, 0, n)) {
        d[2] = (x == 0 ? 0 : x / t) - (x == n ? 0 : (n - x) / (1 - t));
      }
    }
  }
}
