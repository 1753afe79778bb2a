package dev.varia.inference.results;

import dev.varia.core.random.RandomStream;
import dev.varia.inference.adev.Estimator;
import dev.varia.inference.fit.FitResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link FitReport} of a fit run with {@link dev.varia.inference.fit.Fit} (a
 * user-written guide and objective): the same results an automatic fit reports.
 *
 * <pre>{@code
 * long t0 = System.nanoTime();
 * FitResult r = Fit.of(estimator).optimizer(Adam.of(0.01)).steps(5000).seed(1).run();
 * FitReport report = FitReports.of(GuideApproximation.of(model, guide), estimator, r,
 *     (System.nanoTime() - t0) / 1e9, 4000, 1000, RandomStream.seeded(1));
 * }</pre>
 */
public final class FitReports {
  private FitReports() {}

  /**
   * The report of a finished fit: {@code draws} draws of {@code approximation} with summaries,
   * k-hat and the evidence estimate, and the objective's value at the fitted parameters as the mean
   * of {@code objectiveEstimates} fresh estimates. Gradient evaluations are the estimator's density
   * evaluations before this call (K per step of a K-particle objective); {@code seconds} is the
   * time the caller measured for the fit (the results' time is added).
   */
  public static FitReport of(
      PosteriorApproximation approximation,
      Estimator estimator,
      FitResult result,
      double seconds,
      int draws,
      int objectiveEstimates,
      RandomStream rng) {
    long t0 = System.nanoTime();
    long evaluations = estimator.state().densityEvaluations();
    ObjectiveValue value = ObjectiveValue.estimate(estimator, objectiveEstimates, rng.fork(1));
    Draws d = Draws.of(approximation, draws, rng.fork(2));
    List<String> notes = new ArrayList<>();
    if (!result.ok()) {
      notes.add("the fit failed: " + result.message());
    }
    return new FitReport(
        approximation.model().name(),
        approximation.name(),
        estimator.objective().name(),
        d,
        d.summaries(),
        d.psis(),
        d.evidence(),
        value,
        result.steps(),
        result.status() == FitResult.Status.CONVERGED,
        result.message(),
        seconds + (System.nanoTime() - t0) / 1e9,
        evaluations,
        result.history(),
        notes,
        approximation);
  }
}
