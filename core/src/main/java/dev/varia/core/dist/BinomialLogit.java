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
import dev.varia.core.math.SpecialFunctions;
import dev.varia.core.random.RandomStream;

/**
 * Stan's {@code binomial_logit(N, alpha)}: binomial with success probability {@code
 * inv_logit(alpha)}, stable for large |alpha|. Enumerable when N is the same for every element.
 */
public final class BinomialLogit extends Univariate {
  static final String NAME = "binomial_logit";
  private static final ElementwiseKernel KERNEL = new Kernel();

  private BinomialLogit(Node n, Node alpha) {
    super(NAME, new String[] {"N", "alpha"}, n, alpha);
  }

  /** binomial_logit(N, alpha) with tape parameters (broadcasting). */
  public static BinomialLogit of(Node n, Node alpha) {
    Check.count(NAME, "N", n);
    Check.notNaN(NAME, "alpha", alpha);
    return new BinomialLogit(n, alpha);
  }

  /** binomial_logit(N, alpha) with constant scalar parameters on {@code tape}. */
  public static BinomialLogit of(Tape tape, int n, double alpha) {
    return of(tape.constant(n), tape.constant(alpha));
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
    return new CachingDrawer(p -> Draws.binomial(rng, p[0], SpecialFunctions.sigmoid(p[1])));
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
    return p[0] * SpecialFunctions.sigmoid(p[1]);
  }

  @Override
  protected double varianceOf(double[] p) {
    return p[0] * SpecialFunctions.sigmoid(p[1]) * SpecialFunctions.sigmoid(-p[1]);
  }

  /** lp = log C(N, x) + x log inv_logit(alpha) + (N - x) log inv_logit(-alpha). */
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
      double a = p[1];
      double up = x == 0 ? 0 : x * SpecialFunctions.logSigmoid(a);
      double down = x == n ? 0 : (n - x) * SpecialFunctions.logSigmoid(-a);
      return DistMath.logChoose(n, x) + up + down;
    }

    @Override
    public void gradient(double x, double[] p, double[] d) {
      double n = p[0];
      d[0] = 0;
      d[1] = 0;
      d[2] = DistMath.isIntegerIn(x, 0, n) ? x - n * SpecialFunctions.sigmoid(p[1]) : 0.0;
    }
  }
}
