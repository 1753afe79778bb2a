package dev.varia.core.dist.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.math.RegularizedGammaDerivative;
import dev.varia.core.random.RandomStream;

/**
 * Standard gamma draws x ~ gamma(alpha, 1) with implicit reparameterisation gradients in alpha:
 * {@code dx/dalpha = -(dP(alpha, x)/dalpha) / p(x; alpha)}, P the regularised lower incomplete
 * gamma function. Gamma, inverse gamma, Dirichlet and Student-t draws are built from these by
 * differentiable tape operations.
 */
public final class ImplicitGamma {
  private ImplicitGamma() {}

  /**
   * Standard gamma draws of shape {@code alpha} (broadcast to {@code out}), differentiable in
   * alpha.
   */
  public static Node standard(RandomStream rng, Node alpha, Shape out) {
    double[] a = Check.values(alpha);
    Broadcast.Index idx = Broadcast.Index.of(alpha.shape(), out);
    double[] x = new double[out.size()];
    for (int k = 0; k < x.length; k++) {
      x[k] = Draws.standardGamma(rng, a[idx.at(k)]);
    }
    return ImplicitReparam.of(Tensor.wrap(x, out), (v, t, d) -> d[0] = dxda(t[0], v), alpha);
  }

  /** dx/dalpha at a standard gamma draw x of shape alpha (0 at x = 0 and x = infinity). */
  public static double dxda(double alpha, double x) {
    return -RegularizedGammaDerivative.dAOverDensity(alpha, x);
  }
}
