package dev.varia.core.dist.internal;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.math.RegularizedBetaDerivative;
import dev.varia.core.random.RandomStream;

/**
 * Beta draws x ~ beta(a, b) with implicit reparameterisation gradients: {@code dx/da = -(dI_x(a,
 * b)/da) / p(x; a, b)} and likewise for b, I the regularised incomplete beta function.
 */
public final class ImplicitBeta {
  private ImplicitBeta() {}

  /** Beta draws (parameters broadcast to {@code out}), differentiable in a and b. */
  public static Node of(RandomStream rng, Node a, Node b, Shape out) {
    double[] av = Check.values(a);
    double[] bv = Check.values(b);
    Broadcast.Index ia = Broadcast.Index.of(a.shape(), out);
    Broadcast.Index ib = Broadcast.Index.of(b.shape(), out);
    double[] x = new double[out.size()];
    for (int k = 0; k < x.length; k++) {
      x[k] = Draws.beta(rng, av[ia.at(k)], bv[ib.at(k)]);
    }
    return ImplicitReparam.of(Tensor.wrap(x, out), ImplicitBeta::dx, a, b);
  }

  /** dx/da into d[0] and dx/db into d[1] at a draw x (zeros at the boundary). */
  public static void dx(double x, double[] ab, double[] d) {
    d[0] = -RegularizedBetaDerivative.dAOverDensity(x, ab[0], ab[1]);
    d[1] = -RegularizedBetaDerivative.dBOverDensity(x, ab[0], ab[1]);
  }
}
