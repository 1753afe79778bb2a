package dev.varia.lang.run;

import dev.varia.lang.Compilation;
import dev.varia.lang.run.internal.AutoGuideFit;
import dev.varia.lang.run.internal.UserGuideFit;

/**
 * Runs a {@link FitPlan} for a compiled file: with a guide written in the file, the plan's
 * objective and optimiser for its steps; with an automatic guide, the automatic fit (mode start,
 * step-size search, averaged iterates). Results come from at least 4,000 guide draws.
 *
 * <p>User mistakes found on the way (an objective that does not fit the guide, a checkpoint that
 * does not belong to the fit) are {@link UserError}s; a fit that fails numerically is an outcome
 * with status {@link FitOutcome.Status#FAILED} whose message names the step and the site.
 */
public final class FitRunner {
  private FitRunner() {}

  /** Runs {@code plan}, reporting progress to {@code listener}. */
  public static FitOutcome run(Compilation compilation, FitPlan plan, FitListener listener) {
    if (compilation.program().isEmpty() || compilation.data().isEmpty()) {
      throw new UserError(compilation.source().name() + " has not been compiled with its data");
    }
    return plan.autoGuide()
        ? new AutoGuideFit(compilation, plan, listener).run()
        : new UserGuideFit(compilation, plan, listener).run();
  }
}
