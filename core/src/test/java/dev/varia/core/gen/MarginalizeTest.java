package dev.varia.core.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.math.SpecialFunctions;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.core.random.RandomStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exact marginalisation of discrete labels inside assess and generate. */
class MarginalizeTest {
  private static final double THETA = 0.3;
  private static final double[] MU = {-1.0, 2.0};
  private static final double[] SIGMA = {1.0, 0.5};

  private static double[] data(int n) {
    RandomStream rng = RandomStream.seeded(17);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      int k = rng.uniform() < THETA ? 1 : 0;
      y[i] = MU[k] + SIGMA[k] * rng.normal();
    }
    return y;
  }

  private static double logNormal(double x, double m, double s) {
    double z = (x - m) / s;
    return -0.5 * z * z - Math.log(s) - SpecialFunctions.HALF_LOG_TWO_PI;
  }

  /** sum_n log(sum_k p(k) N(y_n | mu_k, sigma_k)), by hand. */
  private static double byHand(double[] y) {
    double total = 0;
    for (double v : y) {
      total +=
          SpecialFunctions.logAddExp(
              Math.log(1 - THETA) + logNormal(v, MU[0], SIGMA[0]),
              Math.log(THETA) + logNormal(v, MU[1], SIGMA[1]));
    }
    return total;
  }

  private static Val pick(Val z, double a, double b) {
    // a where z == 0, b where z == 1
    return z.mul(b - a).add(a);
  }

  private static double assess(GenFn model, double[] y) {
    GenerativeFunction gf =
        GenerativeFunction.compile(
            Program.of(model),
            model.name(),
            Map.of("y", Tensor.vector(y), "N", Tensor.scalar(y.length)),
            Families.standard(),
            new ParamStore());
    return gf.assess(ChoiceMap.empty()).logDensity();
  }

  @Test
  void aMixtureLabelInAPlateIsSummedOutPerPoint() {
    GenFn model =
        Model.define(
            "mix",
            m ->
                m.plate(
                    "n",
                    m.data("N"),
                    (b, n) ->
                        b.marginalize(
                            "z",
                            Dist.bernoulli(THETA),
                            (mb, z) ->
                                mb.observe(
                                    mb.data("y").at(n),
                                    Dist.normal(
                                        pick(z, MU[0], MU[1]), pick(z, SIGMA[0], SIGMA[1]))))));
    double[] y = data(200);
    assertEquals(byHand(y), assess(model, y), 1e-9);
  }

  @Test
  void anElementwiseMarginalisationOfVectorObservationsAgrees() {
    GenFn model =
        Model.define(
            "mixv",
            m ->
                m.marginalize(
                    "z",
                    Dist.bernoulli(THETA),
                    true,
                    (mb, z) ->
                        mb.observe(
                            mb.data("y"),
                            Dist.normal(pick(z, MU[0], MU[1]), pick(z, SIGMA[0], SIGMA[1])))));
    double[] y = data(200);
    assertEquals(byHand(y), assess(model, y), 1e-9);
  }

  @Test
  void oneLabelForTheWholeBodyIsSummedOutOnce() {
    GenFn model =
        Model.define(
            "single",
            m ->
                m.marginalize(
                    "z",
                    Dist.bernoulli(THETA),
                    (mb, z) ->
                        mb.observe(
                            mb.data("y"),
                            Dist.normal(pick(z, MU[0], MU[1]), pick(z, SIGMA[0], SIGMA[1])))));
    double[] y = data(5);
    double l0 = Math.log(1 - THETA);
    double l1 = Math.log(THETA);
    for (double v : y) {
      l0 += logNormal(v, MU[0], SIGMA[0]);
      l1 += logNormal(v, MU[1], SIGMA[1]);
    }
    assertEquals(SpecialFunctions.logAddExp(l0, l1), assess(model, y), 1e-9);
  }
}
