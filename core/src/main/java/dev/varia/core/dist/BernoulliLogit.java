package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.ElementwiseKernel;
import dev.varia.core.dist.internal.OneParameterKernel;
import dev.varia.core.dist.internal.Univariate;
import dev.varia.core.math.SpecialFunctions;
import dev.varia.core.random.RandomStream;

/**
 * Stan's {@code bernoulli_logit(alpha)}: bernoulli with success probability {@code
 * inv_logit(alpha)}, alpha any real (not NaN). Enumerable; the log mass is one fused node with
 * tight loops, stable for large |alpha|.
 */
public final class BernoulliLogit extends Univariate {
  static final String NAME = "bernoulli_logit";
  private static final ElementwiseKernel KERNEL = new Kernel();

  private BernoulliLogit(Node alpha) {
    super(NAME, new String[] {"alpha"}, alpha);
  }

  /** The log-odds alpha. */
  public Node alpha() {
    return param(0);
  }

  /** bernoulli_logit(alpha) with a tape parameter. */
  public static BernoulliLogit of(Node alpha) {
    Check.notNaN(NAME, "alpha", alpha);
    return new BernoulliLogit(alpha);
  }

  /** bernoulli_logit(alpha) with a constant scalar logit on {@code tape}. */
  public static BernoulliLogit of(Tape tape, double alpha) {
    return of(tape.constant(alpha));
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
    return p -> rng.uniform() < SpecialFunctions.sigmoid(p[0]) ? 1.0 : 0.0;
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
    return SpecialFunctions.sigmoid(p[0]);
  }

  @Override
  protected double varianceOf(double[] p) {
    return SpecialFunctions.sigmoid(p[0]) * SpecialFunctions.sigmoid(-p[0]);
  }

  /** lp = log inv_logit(alpha) for x = 1, log inv_logit(-alpha) for x = 0. */
  private static final class Kernel extends OneParameterKernel {
    @Override
    protected double lp(double x, double alpha) {
      if (x == 1) {
        return SpecialFunctions.logSigmoid(alpha);
      }
      return x == 0 ? SpecialFunctions.logSigmoid(-alpha) : Double.NEGATIVE_INFINITY;
    }

    @Override
    protected double dlp(double x, double alpha) {
      if (x == 1) {
        return SpecialFunctions.sigmoid(-alpha);
      }
      return x == 0 ? -SpecialFunctions.sigmoid(alpha) : 0.0;
    }
  }
}
