package dev.varia.core.dist;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.dist.internal.Check;
import dev.varia.core.dist.internal.ElementwiseKernel;
import dev.varia.core.dist.internal.LocationScale;
import dev.varia.core.dist.internal.Standard;
import dev.varia.core.math.SpecialFunctions;

/**
 * Stan's {@code normal(mu, sigma)}: location mu (finite), scale sigma (positive). Reparameterised
 * draws {@code mu + sigma * eps}; the log density is one fused node with tight loops.
 */
public final class Normal extends LocationScale {
  static final String NAME = "normal";
  private static final ElementwiseKernel KERNEL = new Kernel();

  private Normal(Node mu, Node sigma) {
    super(NAME, Variant.PLAIN, Standard.NORMAL, KERNEL, new String[] {"mu", "sigma"}, mu, sigma);
  }

  /** The location mu. */
  public Node mu() {
    return param(0);
  }

  /** The scale sigma. */
  public Node sigma() {
    return param(1);
  }

  /** normal(mu, sigma) with tape parameters (broadcasting). */
  public static Normal of(Node mu, Node sigma) {
    Check.finite(NAME, "mu", mu);
    Check.positive(NAME, "sigma", sigma);
    return new Normal(mu, sigma);
  }

  /** normal(mu, sigma) with constant scalar parameters on {@code tape}. */
  public static Normal of(Tape tape, double mu, double sigma) {
    return of(tape.constant(mu), tape.constant(sigma));
  }

  @Override
  public Constraint support() {
    return new Constraint.Real();
  }

  @Override
  protected double meanOf(double[] p) {
    return p[0];
  }

  @Override
  protected double varianceOf(double[] p) {
    return p[1] * p[1];
  }

  /** lp = -z^2/2 - log sigma - log(2 pi)/2 with z = (x - mu) / sigma, in tight loops. */
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
      double z = (x - p[0]) / p[1];
      return -0.5 * z * z - Math.log(p[1]) - SpecialFunctions.HALF_LOG_TWO_PI;
    }

    @Override
    public void gradient(double x, double[] p, double[] d) {
      double inv = 1 / p[1];
      double z = (x - p[0]) * inv;
      d[0] = -z * inv;
      d[1] = z * inv;
      d[2] = (z * z - 1) * inv;
    }

    /** Sum of z and of z^2, with z = (x - mu) / sigma. */
    @Override
    public int statistics() {
      return 2;
    }

    @Override
    public double forwardStatistics(double[][] v, int n, double[] stats) {
      double[] x = v[0];
      double m0 = v[1][0];
      double sigma = v[2][0];
      double inv = 1 / sigma;
      double s1a = 0;
      double s1b = 0;
      double s2a = 0;
      double s2b = 0;
      int i = 0;
      for (; i + 1 < n; i += 2) {
        double z0 = (x[i] - m0) * inv;
        double z1 = (x[i + 1] - m0) * inv;
        s1a += z0;
        s1b += z1;
        s2a += z0 * z0;
        s2b += z1 * z1;
      }
      for (; i < n; i++) {
        double z = (x[i] - m0) * inv;
        s1a += z;
        s2a += z * z;
      }
      stats[0] = s1a + s1b;
      stats[1] = s2a + s2b;
      return n * (-Math.log(sigma) - SpecialFunctions.HALF_LOG_TWO_PI) - 0.5 * stats[1];
    }

    @Override
    public void backwardStatistics(
        double[][] v, int n, double g, double[] stats, double[][] grads) {
      double inv = 1 / v[2][0];
      if (grads[1] != null) {
        grads[1][0] += g * stats[0] * inv;
      }
      if (grads[2] != null) {
        grads[2][0] += g * (stats[1] - n) * inv;
      }
    }

    @Override
    public double forward(double[][] v, int[] s, int n, double[] out) {
      double[] x = v[0];
      double[] mu = v[1];
      double[] sigma = v[2];
      int sx = s[0];
      int sm = s[1];
      double total = 0;
      if (s[2] == 0) {
        double inv = 1 / sigma[0];
        double c = -Math.log(sigma[0]) - SpecialFunctions.HALF_LOG_TWO_PI;
        for (int i = 0; i < n; i++) {
          double z = (x[i * sx] - mu[i * sm]) * inv;
          double lp = c - 0.5 * z * z;
          if (out != null) {
            out[i] = lp;
          }
          total += lp;
        }
      } else {
        for (int i = 0; i < n; i++) {
          double z = (x[i * sx] - mu[i * sm]) / sigma[i];
          double lp = -0.5 * z * z - Math.log(sigma[i]) - SpecialFunctions.HALF_LOG_TWO_PI;
          if (out != null) {
            out[i] = lp;
          }
          total += lp;
        }
      }
      return total;
    }

    @Override
    public void backward(double[][] v, int[] s, int n, double[] g, int gs, double[][] grads) {
      double[] x = v[0];
      double[] mu = v[1];
      double[] sigma = v[2];
      int sx = s[0];
      int sm = s[1];
      int ss = s[2];
      double[] gx = grads[0];
      double[] gm = grads[1];
      double[] gsg = grads[2];
      for (int i = 0; i < n; i++) {
        double inv = 1 / sigma[i * ss];
        double z = (x[i * sx] - mu[i * sm]) * inv;
        double gi = g[i * gs];
        double dz = gi * z * inv;
        if (gx != null) {
          gx[i * sx] -= dz;
        }
        if (gm != null) {
          gm[i * sm] += dz;
        }
        if (gsg != null) {
          gsg[i * ss] += gi * (z * z - 1) * inv;
        }
      }
    }
  }
}
