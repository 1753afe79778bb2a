package dev.varia.examples.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.ad.Tensor;
import dev.varia.core.gen.ChoiceMap;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.examples.data.RegressionData;
import dev.varia.examples.ppl.PplProgram;
import dev.varia.examples.testing.Examples;
import dev.varia.inference.fit.FitResult;
import org.junit.jupiter.api.Test;

/**
 * The Java-API twins of the first three .ppl examples: the same log density for the same choices as
 * the .ppl model, and fits that find the exact coin posterior and the regression coefficients.
 */
class JavaTwinsTest {
  private static double pplLogDensity(String example, String model, ChoiceMap choices) {
    PplProgram p = Examples.program(example);
    return p.function(model, new ParamStore()).assess(choices).logDensity();
  }

  @Test
  void theTwinsScoreLikeTheirPplFiles() {
    ChoiceMap coin = ChoiceMap.of("p", Tensor.scalar(0.62));
    assertEquals(
        pplLogDensity("coin", "coin", coin), Coin.compiled().assess(coin).logDensity(), 1e-12);

    ChoiceMap lin =
        ChoiceMap.builder()
            .put("alpha", 0.3)
            .put("beta", Tensor.vector(1.8, -0.9, 0.6))
            .put("sigma", 0.9)
            .build();
    GenerativeFunction javaLinear =
        LinearRegression.compiled(RegressionData.linearExample(), new ParamStore()).get("p");
    assertEquals(
        pplLogDensity("linear_regression", "linear", lin),
        javaLinear.assess(lin).logDensity(),
        1e-9);

    ChoiceMap log =
        ChoiceMap.builder().put("alpha", 0.3).put("beta", Tensor.vector(1.2, -0.7, 0.2)).build();
    GenerativeFunction javaLogistic =
        LogisticRegression.compiled(RegressionData.logisticExample(), new ParamStore()).get("p");
    assertEquals(
        pplLogDensity("logistic_regression", "logistic", log),
        javaLogistic.assess(log).logDensity(),
        1e-9);
  }

  @Test
  void theJavaCoinFindsTheExactPosterior() {
    double[] ab = Coin.fit(3000, 1);
    // Beta(1 + 7, 1 + 3)
    assertEquals(2.0 / 3, ab[0] / (ab[0] + ab[1]), 0.01);
    assertEquals(8, ab[0], 1.0);
    assertEquals(4, ab[1], 0.5);
  }

  @Test
  void theJavaRegressionsRecoverTheCoefficients() {
    RegressionData lin = RegressionData.linearExample();
    ParamStore s = new ParamStore();
    FitResult r = LinearRegression.fit(lin, s, 5000, 1);
    assertTrue(r.ok(), r.message());
    within3Sd(lin, s, "linear_q");

    RegressionData log = RegressionData.logisticExample();
    ParamStore t = new ParamStore();
    r = LogisticRegression.fit(log, t, 3000, 1);
    assertTrue(r.ok(), r.message());
    within3Sd(log, t, "logistic_q");
  }

  private static void within3Sd(RegressionData d, ParamStore s, String guide) {
    double alphaLoc = s.get(guide + ".alpha_loc").orElseThrow().item();
    double alphaScale = s.get(guide + ".alpha_scale").orElseThrow().item();
    assertEquals(d.alpha(), alphaLoc, 3 * alphaScale, guide + " alpha");
    Tensor loc = s.get(guide + ".beta_loc").orElseThrow();
    Tensor scale = s.get(guide + ".beta_scale").orElseThrow();
    for (int j = 0; j < d.beta().length; j++) {
      assertEquals(d.beta()[j], loc.get(j), 3 * scale.get(j), guide + " beta[" + (j + 1) + "]");
    }
  }
}
