package dev.varia.lang.run.internal;

import dev.varia.core.ad.Tensor;
import dev.varia.inference.results.FitReport;
import dev.varia.inference.results.PosteriorApproximation;
import dev.varia.lang.run.FitOutcome;
import dev.varia.lang.run.FitPlan;
import java.util.List;
import java.util.Map;

/** A {@link FitOutcome} from the inference layer's {@link FitReport}. */
final class OutcomeOf {
  private OutcomeOf() {}

  static FitOutcome report(
      FitPlan plan,
      FitReport r,
      FitOutcome.Status status,
      boolean converged,
      List<String> notes,
      Map<String, Tensor> params,
      PosteriorApproximation approximation) {
    return new FitOutcome(
        plan,
        r.guide(),
        r.objective(),
        status,
        r.status(),
        r.draws(),
        r.summaries(),
        r.psis(),
        r.evidence(),
        r.finalObjective().mean(),
        r.finalObjective().standardError(),
        r.steps(),
        converged,
        r.seconds(),
        r.gradientEvaluations(),
        r.objectiveTrace(),
        notes,
        params,
        approximation);
  }
}
