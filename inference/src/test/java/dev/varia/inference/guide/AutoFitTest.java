package dev.varia.inference.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Families;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.GenFn;
import dev.varia.core.ir.Program;
import dev.varia.core.model.Dist;
import dev.varia.core.model.Model;
import dev.varia.core.model.Val;
import dev.varia.inference.diagnostics.PosteriorSummary;
import dev.varia.inference.results.FitReport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fit procedure end to end, and what its report holds. */
class AutoFitTest {
  /** lambda ~ Gamma(2, 1), y ~ Poisson(lambda): posterior Gamma(16, 6). */
  static GenerativeFunction gammaPoisson() {
    GenFn m =
        Model.define(
            "gp",
            b -> {
              Val lambda = b.sample("lambda", Dist.gamma(2, 1));
              b.observe(b.data("y"), Dist.poisson(lambda));
            });
    return GenerativeFunction.compile(
        Program.of(m),
        "gp",
        Map.of("y", Tensor.vector(3, 1, 4, 1, 5)),
        Families.standard(),
        new ParamStore());
  }

  @Test
  void mapIsTheConstrainedScaleMode() {
    FitReport r =
        AutoFit.of(gammaPoisson()).guide(GuideKind.MAP).draws(10).objectiveEstimates(2).run();
    assertEquals("auto_delta", r.guide());
    assertEquals(GuideKind.MAP, GuideKind.parse("auto_map"));
    assertEquals(GuideKind.FULL_RANK, GuideKind.parse("auto_fullrank"));
    PosteriorSummary s = r.summary("lambda");
    assertEquals(15.0 / 6, s.mean(), 1e-7);
    assertEquals(0, s.sd(), 0);
    assertTrue(Double.isNaN(r.paretoK()));
    assertTrue(r.converged(), r.status());
  }

  @ParameterizedTest
  @EnumSource(
      value = GuideKind.class,
      names = {"MEAN_FIELD", "FULL_RANK", "LOW_RANK", "FLOW"})
  void everyGuideFitsAConjugateModel(GuideKind kind) {
    FitReport r =
        AutoFit.of(LinearGaussian.model())
            .guide(kind)
            .seed(3)
            .draws(2000)
            .objectiveEstimates(100)
            .run();
    double[] m = LinearGaussian.mean();
    double[][] c = LinearGaussian.covariance();
    for (int i = 0; i < 3; i++) {
      PosteriorSummary s = r.summary("beta[" + (i + 1) + "]");
      double sd = Math.sqrt(c[i][i]);
      // Monte Carlo error of the mean of 2000 draws: 0.022 sd; the fit's own error is smaller
      assertEquals(m[i], s.mean(), 0.1 * sd, kind + " mean " + i);
      if (kind != GuideKind.MEAN_FIELD) {
        assertEquals(1.0, s.sd() / sd, 0.1, kind + " sd " + i);
      }
    }
    assertEquals(kind.guideName(), r.guide());
    assertTrue(r.gradientEvaluations() > r.steps());
    assertTrue(r.describe().contains("beta[3]"), r.describe());
    // the ELBO is below the log evidence, and close to it for these guides
    double logZ = LinearGaussian.logEvidence();
    assertTrue(r.finalObjective().mean() < logZ + 4 * r.finalObjective().standardError());
    if (kind == GuideKind.FULL_RANK || kind == GuideKind.FLOW) {
      assertTrue(r.finalObjective().mean() > logZ - 0.05, r.finalObjective().toString());
    }
  }

  @Test
  void aVeryShortFitRuns() {
    FitReport r =
        AutoFit.of(LinearGaussian.model())
            .steps(2)
            .learningRates(3, 0.01)
            .adaptation(1, 2)
            .draws(10)
            .objectiveEstimates(2)
            .escalation(false)
            .run();
    assertEquals(2, r.steps());
    assertEquals(2, r.objectiveTrace().length);
  }

  @Test
  void theReportSaysHowTheFitWent() {
    FitReport r =
        AutoFit.of(gammaPoisson())
            .seed(4)
            .draws(1000)
            .objectiveEstimates(100)
            .escalation(false)
            .run();
    assertEquals("auto_fullrank", r.guide());
    assertEquals("elbo", r.objective());
    assertEquals(1000, r.draws().size());
    assertTrue(r.notes().get(0).startsWith("mode search"), r.notes().toString());
    assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("step-size search")));
    assertEquals(2000, r.objectiveTrace().length);
    assertEquals(2000, r.steps(), r.notes().toString());
    assertTrue(r.gradientEvaluations() > 3 * 100 + 3 * 300 + 2000, "every phase is counted");
    assertTrue(Double.isFinite(r.paretoK()), r.paretoAdvice());
    // posterior Gamma(16, 6) of lambda: the log-normal guide is close
    assertEquals(16.0 / 6, r.summary("lambda").mean(), 0.1 * Math.sqrt(16) / 6);
  }

  @Test
  void aMinibatchedFitWithAnAutomaticGuideFindsThePosterior() {
    // the linear model with its observations in a plate subsampled 4 of 8 per estimate
    dev.varia.core.ir.GenFn m =
        Model.define(
            "minibatched",
            b -> {
              Val beta = b.sample("beta", Dist.normal(0, LinearGaussian.S0), 3);
              b.subsampledPlate(
                  "n",
                  LinearGaussian.Y.length,
                  "data",
                  4,
                  (p, n) ->
                      p.observe(
                          p.data("y").at(n),
                          Dist.normal(p.data("x").at(n).dot(beta), LinearGaussian.SIGMA)));
            });
    GenerativeFunction g =
        GenerativeFunction.compile(
            Program.of(m),
            "minibatched",
            Map.of("x", Tensor.matrix(LinearGaussian.X), "y", Tensor.vector(LinearGaussian.Y)),
            Families.standard(),
            new ParamStore());
    FitReport r =
        AutoFit.of(g)
            .seed(5)
            .steps(4000)
            .draws(2000)
            .objectiveEstimates(100)
            .escalation(false)
            .importanceResampling(false)
            .run();
    double[] mean = LinearGaussian.mean();
    double[][] c = LinearGaussian.covariance();
    for (int i = 0; i < 3; i++) {
      double sd = Math.sqrt(c[i][i]);
      // minibatch noise makes the fit noisier than with all the data: 0.2 sd for the mean (the
      // draws' own error is 0.02 sd), 25% for the sd
      assertEquals(mean[i], r.summary("beta[" + (i + 1) + "]").mean(), 0.2 * sd);
      assertEquals(sd, r.summary("beta[" + (i + 1) + "]").sd(), 0.25 * sd);
    }
  }

  @Test
  void anImperfectGaussianGuideIsFollowedByAFlowWhenNoGuideWasAskedFor() {
    // a Gaussian on log(lambda) has lighter tails than the Gamma posterior there (whose left tail
    // in log(lambda) is exponential): k-hat is high, and a flow represents the skew
    FitReport plain =
        AutoFit.of(gammaPoisson())
            .seed(1)
            .draws(4000)
            .objectiveEstimates(200)
            .escalation(false)
            .run();
    assertTrue(plain.paretoK() > 0.5, plain.paretoAdvice());
    FitReport r = AutoFit.of(gammaPoisson()).seed(1).draws(4000).objectiveEstimates(200).run();
    assertTrue(
        r.notes().stream().anyMatch(n -> n.contains("fitted a normalising flow")),
        r.notes().toString());
    assertEquals("auto_flow", r.guide(), r.notes().toString());
    assertEquals("elbo", r.objective());
    assertTrue(
        r.finalObjective().mean()
            > plain.finalObjective().mean()
                - 2
                    * Math.hypot(
                        r.finalObjective().standardError(), plain.finalObjective().standardError()),
        "the flow is kept unless its ELBO is clearly lower");
    // raw draws of the flow match the Gamma(16, 6) posterior of lambda
    double sd = Math.sqrt(16) / 6;
    assertEquals(16.0 / 6, r.summary("lambda").mean(), 0.05 * sd);
    assertEquals(sd, r.summary("lambda").sd(), 0.1 * sd);
    // a guide asked for by name is kept
    FitReport named =
        AutoFit.of(gammaPoisson())
            .guide(GuideKind.FULL_RANK)
            .seed(1)
            .draws(1000)
            .objectiveEstimates(10)
            .run();
    assertEquals("auto_fullrank", named.guide());
  }

  /** z ~ N(0, I_d), y ~ N(z, I): a Gaussian posterior N(y / 2, I / 2) in d dimensions. */
  static GenerativeFunction gaussianMeans(int d) {
    GenFn m =
        Model.define(
            "means",
            b -> {
              Val z = b.sample("z", Dist.normal(0, 1), d);
              b.observe(b.data("y"), Dist.normal(z, 1));
            });
    double[] y = new double[d];
    for (int i = 0; i < d; i++) {
      y[i] = Math.sin(i);
    }
    return GenerativeFunction.compile(
        Program.of(m),
        "means",
        Map.of("y", Tensor.vector(y)),
        Families.standard(),
        new ParamStore());
  }

  @Test
  void aSmallModelIsCheckedAgainstAFlowEvenWhenKHatIsLow() {
    FitReport small =
        AutoFit.of(gaussianMeans(3)).seed(2).draws(2000).objectiveEstimates(200).run();
    assertTrue(small.paretoK() < 0.5, small.paretoAdvice());
    assertTrue(
        small.notes().stream().anyMatch(n -> n.contains("always checked")),
        small.notes().toString());
    // whichever guide was kept describes the posterior N(y / 2, 1 / 2)
    double sd = Math.sqrt(0.5);
    for (int i = 0; i < 3; i++) {
      PosteriorSummary s = small.summary("z[" + (i + 1) + "]");
      assertEquals(Math.sin(i) / 2, s.mean(), 0.1 * sd, small.notes().toString());
      assertEquals(sd, s.sd(), 0.1 * sd, small.notes().toString());
    }
    // above the limit a well-fitting Gaussian is kept without a flow fit
    FitReport large =
        AutoFit.of(gaussianMeans(AutoFit.ESCALATION_ALWAYS_LIMIT + 1))
            .seed(2)
            .draws(2000)
            .objectiveEstimates(20)
            .run();
    assertTrue(large.paretoK() < 0.5, large.paretoAdvice());
    assertTrue(
        large.notes().stream().noneMatch(n -> n.contains("normalising flow")),
        large.notes().toString());
  }
}
