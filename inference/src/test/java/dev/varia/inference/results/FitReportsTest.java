package dev.varia.inference.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.Strategy;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.adev.Estimator;
import dev.varia.inference.fit.Fit;
import dev.varia.inference.fit.FitResult;
import dev.varia.inference.objective.ConjugateModels;
import dev.varia.inference.objective.Objectives;
import dev.varia.inference.optim.Adam;
import dev.varia.inference.optim.LearningRate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report of a fit with a user-written guide. */
class FitReportsTest {
  @Test
  void aUserGuidesFitIsReportedLikeAnAutomaticOne() {
    ParamStore store = new ParamStore();
    GenerativeFunction p = ConjugateModels.model(store);
    GenerativeFunction q = ConjugateModels.guide(store, 0.0, 1.0, Strategy.REPARAM);
    Estimator est = Estimator.of(Objectives.elbo(4), Map.of("p", p, "q", q));
    FitResult r =
        Fit.of(est)
            .optimizer(
                Adam.builder(0.05).learningRate(LearningRate.inverseTime(0.05, 200, 1)).build())
            .steps(2000)
            .seed(3)
            .run();
    FitReport report =
        FitReports.of(GuideApproximation.of(p, q), est, r, 1.0, 4000, 200, RandomStream.seeded(4));
    assertEquals("q", report.guide());
    assertEquals("elbo", report.objective());
    assertEquals(2000, report.steps());
    assertEquals(8000, report.gradientEvaluations(), "4 particles per step");
    double sd = ConjugateModels.posteriorSd();
    // the fitted guide is within a few hundredths of a sd of the exact posterior (FitTest), and
    // the mean of 4000 draws has a Monte Carlo error of 0.016 sd
    assertEquals(ConjugateModels.posteriorMean(), report.summary("mu").mean(), 0.1 * sd);
    assertEquals(sd, report.summary("mu").sd(), 0.1 * sd);
    assertTrue(report.paretoK() < 0.7, report.paretoAdvice());
    double logZ = ConjugateModels.logEvidence();
    assertEquals(
        logZ, report.evidence().logEvidence(), 4 * report.evidence().standardError() + 1e-9);
    assertTrue(report.finalObjective().mean() < logZ + 4 * report.finalObjective().standardError());
  }
}
