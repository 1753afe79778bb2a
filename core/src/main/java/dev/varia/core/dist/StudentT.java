package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.Draws;
import dev.varia.core.dist.internal.ElementwiseKernel;
import dev.varia.core.dist.internal.ImplicitGamma;
import dev.varia.core.dist.internal.Univariate;
import dev.varia.core.math.SpecialFunctions;
import dev.varia.core.random.RandomStream;

/**
 * Stan's {@code student_t(nu, mu, sigma)}: degrees of freedom nu > 0, location mu, scale sigma > 0.
 * Mean mu for nu > 1 (NaN otherwise); variance sigma^2 nu / (nu - 2) for nu > 2 (+infinity for 1 <
 * nu <= 2, NaN otherwise).
 *
 * <p>Draws are {@code mu + sigma * z / sqrt(w)} with z standard normal and w ~ gamma(nu/2, nu/2);
 * {@link #rsample} makes w an implicitly reparameterised gamma draw, so gradients reach nu as well
 * as mu and sigma.
 */
public final class StudentT extends Univariate {
  static final String NAME = "student_t";
  private static final ElementwiseKernel KERNEL = new Kernel();

  private StudentT(Node nu, Node mu, Node sigma) {
    super(NAME, new String[] {"nu", "mu", "sigma"}, nu, mu, sigma);
  }

  /** student_t(nu, mu, sigma) with tape parameters (broadcasting). */
  public static StudentT of(Node nu, Node mu, Node sigma) {
    Check.positive(NAME, "nu", nu);
    Check.finite(NAME, "mu", mu);
    Check.positive(NAME, "sigma", sigma);
    return new StudentT(nu, mu, sigma);
  }

  /** student_t(nu, mu, sigma) with constant scalar parameters on {@code tape}. */
  public static StudentT of(Tape tape, double nu, double mu, double sigma) {
    return of(tape.constant(nu), tape.constant(mu), tape.constant(sigma));
  }

  @Override
  public Constraint support() {
    return new Constraint.Real();
  }

  @Override
  protected ElementwiseKernel kernel() {
    return KERNEL;
  }

  @Override
  protected Drawer drawer(RandomStream rng) {
    return p -> {
      double half = 0.5 * p[0];
      double w = Draws.standardGamma(rng, half) / half;
      return p[1] + p[2] * rng.normal() / Math.sqrt(w);
    };
  }

  @Override
  public boolean hasReparam() {
    return true;
  }

  @Override
  public Node rsample(RandomStream rng, Shape batch) {
    Shape out = drawShape(batch);
    double[] z = new double[out.size()];
    for (int k = 0; k < z.length; k++) {
      z[k] = rng.normal();
    }
    Node halfNu = param(0).mul(0.5);
    Node w = ImplicitGamma.standard(rng, halfNu, out).div(halfNu);
    return param(1).add(param(2).mul(tape().constant(Tensor.wrap(z, out))).div(w.sqrt()));
  }

  @Override
  protected double meanOf(double[] p) {
    return p[0] > 1 ? p[1] : Double.NaN;
  }

  @Override
  protected double varianceOf(double[] p) {
    if (p[0] > 2) {
      return p[2] * p[2] * p[0] / (p[0] - 2);
    }
    return p[0] > 1 ? Double.POSITIVE_INFINITY : Double.NaN;
  }

  /** Parameters (nu, mu, sigma). */
  private static final class Kernel implements ElementwiseKernel {
    private static final double LOG_PI = Math.log(Math.PI);

    @Override
    public int arity() {
      return 3;
    }

    @Override
    public boolean continuous() {
      return true;
    }

    @Override
    public double logDensity(double x, double[] p) {
      double nu = p[0];
      double z = (x - p[1]) / p[2];
      return SpecialFunctions.lgamma(0.5 * (nu + 1))
          - SpecialFunctions.lgamma(0.5 * nu)
          - 0.5 * (Math.log(nu) + LOG_PI)
          - Math.log(p[2])
          - 0.5 * (nu + 1) * Math.log1p(z * z / nu);
    }

    @Override
    public void gradient(double x, double[] p, double[] d) {
      double nu = p[0];
      double sigma = p[2];
      double z = (x - p[1]) / sigma;
      double z2 = z * z;
      double r = (nu + 1) / (nu + z2);
      d[0] = -r * z / sigma;
      d[2] = -d[0];
      d[3] = (r * z2 - 1) / sigma;
      d[1] =
          0.5 * (SpecialFunctions.digamma(0.5 * (nu + 1)) - SpecialFunctions.digamma(0.5 * nu))
              - 0.5 / nu
              - 0.5 * Math.log1p(z2 / nu)
              + 0.5 * r * z2 / nu;
    }
  }
}
