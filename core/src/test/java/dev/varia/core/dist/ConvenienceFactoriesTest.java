package dev.varia.core.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import org.junit.jupiter.api.Test;

/** The factories taking a tape and plain numbers build the same distributions as the node ones. */
class ConvenienceFactoriesTest {
  private static void same(Tape t, Distribution a, Distribution b, Tensor x) {
    assertEquals(b.logDensitySum(t.constant(x)).item(), a.logDensitySum(t.constant(x)).item(), 0.0);
    assertEquals(b.batchShape(), a.batchShape());
    assertEquals(b.eventShape(), a.eventShape());
  }

  @Test
  void multivariateNormals() {
    Tape t = new Tape();
    double[] mu = {1, -1};
    double[][] l = {{1.5, 0}, {0.3, 0.7}};
    double[][] sigma = {{2, 0.3}, {0.3, 1}};
    Tensor x = Tensor.vector(0.4, 0.2);
    Tensor muT = Tensor.vector(mu);
    same(
        t,
        MvNormalCholesky.of(t, mu, l),
        MvNormalCholesky.of(t.constant(muT), t.constant(Tensor.matrix(l))),
        x);
    same(
        t,
        MvNormal.of(t, mu, sigma),
        MvNormal.of(t.constant(muT), t.constant(Tensor.matrix(sigma))),
        x);
    same(
        t,
        MvNormalDiag.of(t, mu, new double[] {1, 2}),
        MvNormalDiag.of(t.constant(muT), t.constant(Tensor.vector(1, 2))),
        x);
    same(
        t,
        MvNormalLowRank.of(t, mu, new double[][] {{1}, {0.5}}, new double[] {0.3, 0.4}),
        MvNormalLowRank.of(
            t.constant(muT),
            t.constant(Tensor.matrix(new double[][] {{1}, {0.5}})),
            t.constant(Tensor.vector(0.3, 0.4))),
        x);
  }

  @Test
  void simplexParameters() {
    Tape t = new Tape();
    same(
        t,
        Dirichlet.of(t, 1, 2, 3),
        Dirichlet.of(t.constant(Tensor.vector(1, 2, 3))),
        Tensor.vector(0.2, 0.3, 0.5));
    same(
        t,
        Categorical.of(t, 0.2, 0.8),
        Categorical.of(t.constant(Tensor.vector(0.2, 0.8))),
        Tensor.vector(1, 2, 2));
    same(
        t,
        CategoricalLogit.of(t, 0.5, -1),
        CategoricalLogit.of(t.constant(Tensor.vector(0.5, -1))),
        Tensor.vector(2, 1));
  }
}
