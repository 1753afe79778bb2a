package dev.varia.lang.run.internal;

import dev.varia.lang.Compilation;
import dev.varia.lang.run.FitListener;
import dev.varia.lang.run.FitOutcome;
import dev.varia.lang.run.FitPlan;
import dev.varia.lang.run.UserError;

/** A fit with an automatic guide. */
public final class AutoGuideFit {
  private final FitPlan plan;

  /** A fit of {@code plan} for the compiled file. */
  public AutoGuideFit(Compilation compilation, FitPlan plan, FitListener listener) {
    this.plan = plan;
  }

  /** Runs it. */
  public FitOutcome run() {
    throw new UserError(
        "automatic guides ("
            + plan.guideLabel()
            + ") are not available in this build yet; write a guide and fit with --guide NAME");
  }
}
