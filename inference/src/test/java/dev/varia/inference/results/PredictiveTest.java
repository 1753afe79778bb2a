package dev.varia.inference.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.guide.AutoMultivariateNormal;
import dev.varia.inference.guide.LinearGaussian;
import dev.varia.inference.mode.GaussianApproximation;
import dev.varia.inference.mode.LatentLayout;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Predictive draws of the conjugate linear-Gaussian model: given beta ~ N(m, C), a replicate of y_n
 * has mean x_n'm and variance SIGMA^2 + x_n'C x_n; under the prior, mean 0 and variance SIGMA^2 +
 * S0^2 |x_n|^2. Checked within 4 standard errors (mean) and 4 standard errors of the variance (for
 * normal draws, var * sqrt(2 / (n - 1))).
 */
class PredictiveTest {
  private static void check(double[] draws, double mean, double var, String what) {
    int n = draws.length;
    double m = 0;
    for (double v : draws) {
      m += v;
    }
    m /= n;
    double ss = 0;
    for (double v : draws) {
      ss += (v - m) * (v - m);
    }
    double s2 = ss / (n - 1);
    assertEquals(mean, m, 4 * Math.sqrt(var / n), what + " mean");
    assertEquals(var, s2, 4 * var * Math.sqrt(2.0 / (n - 1)), what + " variance");
  }

  @Test
  void posteriorAndPriorReplicatesHaveTheKnownMoments() {
    GenerativeFunction model = LinearGaussian.model();
    double[] m = LinearGaussian.mean();
    double[][] c = LinearGaussian.covariance();
    AutoMultivariateNormal exact =
        new AutoMultivariateNormal(
            LatentLayout.of(model), GaussianApproximation.fromCovariance(m, c));
    Draws post = Predictive.posterior(exact, 4000, RandomStream.seeded(1));
    Draws prior = Predictive.prior(model, 4000, RandomStream.seeded(2));
    assertEquals(LinearGaussian.Y.length, post.names().size());
    assertTrue(prior.has("beta[2]"), prior.names().toString());
    for (int n = 0; n < LinearGaussian.Y.length; n++) {
      double[] x = LinearGaussian.X[n];
      double mean = 0;
      double quad = 0;
      double norm = 0;
      for (int i = 0; i < 3; i++) {
        mean += x[i] * m[i];
        norm += x[i] * x[i];
        for (int j = 0; j < 3; j++) {
          quad += x[i] * c[i][j] * x[j];
        }
      }
      double s2 = LinearGaussian.SIGMA * LinearGaussian.SIGMA;
      String name = "y[" + (n + 1) + "]";
      check(post.column(name), mean, s2 + quad, "posterior " + name);
      check(
          prior.column(name),
          0,
          s2 + LinearGaussian.S0 * LinearGaussian.S0 * norm,
          "prior " + name);
    }
  }

  @Test
  void improperPriorsHaveNoPriorPredictive() {
    GenFn f =
        Model.define(
            "flat",
            b -> {
              Val mu = b.sample("mu", Dist.flat());
              b.observe(b.data("y"), Dist.normal(mu, 1));
            });
    GenerativeFunction g =
        GenerativeFunction.compile(
            Program.of(f),
            "flat",
            Map.of("y", Tensor.vector(1, 2)),
            Families.standard(),
            new ParamStore());
    VariaException e =
        assertThrows(VariaException.class, () -> Predictive.prior(g, 10, RandomStream.seeded(1)));
    assertTrue(e.getMessage().contains("improper flat prior"), e.getMessage());
  }
}
