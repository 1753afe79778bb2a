package dev.varia.core.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.testing.Properties;
import org.junit.jupiter.api.Test;

/**
 * The one-pass fused sum of a Normal log density over constant data with shared parameters (which
 * forms its gradient from sufficient statistics) equals the per-element sum, value and gradient.
 */
class FusedStatisticsTest {
  @Test
  void sufficientStatisticsGiveTheSameValueAndGradient() {
    Properties.forAll(
        5,
        50,
        rng -> {
          int n = 1 + rng.nextInt(40);
          double[] x = new double[n];
          for (int i = 0; i < n; i++) {
            x[i] = 3 * rng.normal();
          }
          return new double[][] {x, {rng.normal(), Math.exp(rng.normal())}};
        },
        c -> {
          double[] x = c[0];
          Tape a = new Tape();
          Node mu = a.variable(c[1][0]);
          Node sigma = a.variable(c[1][1]);
          Node fused = Normal.of(mu, sigma).logDensitySum(a.constant(Tensor.vector(x)));
          a.backward(fused);
          Tape b = new Tape();
          Node mu2 = b.variable(c[1][0]);
          Node sigma2 = b.variable(c[1][1]);
          Node each = Normal.of(mu2, sigma2).logDensity(b.constant(Tensor.vector(x))).sum();
          b.backward(each);
          double tol = 1e-11 * Math.max(1, Math.abs(each.item()));
          assertEquals(each.item(), fused.item(), tol);
          assertEquals(mu2.gradAt(0), mu.gradAt(0), 1e-10 * Math.max(1, Math.abs(mu2.gradAt(0))));
          assertEquals(
              sigma2.gradAt(0), sigma.gradAt(0), 1e-10 * Math.max(1, Math.abs(sigma2.gradAt(0))));
        });
  }
}
