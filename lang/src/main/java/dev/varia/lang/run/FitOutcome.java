package dev.varia.lang.run;

import dev.varia.core.ad.Tensor;
import dev.varia.inference.diagnostics.EvidenceEstimate;
import dev.varia.inference.diagnostics.PosteriorSummary;
import dev.varia.inference.diagnostics.PsisResult;
import dev.varia.inference.results.Draws;
import dev.varia.inference.results.PosteriorApproximation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a fit produced: how it ended, the summaries of every latent and reported quantity from the
 * guide's draws, the diagnostics, the objective trace and the fitted parameters. A failed fit has
 * its message (naming the step and the site), its objective trace and the last good parameters, but
 * no draws or summaries.
 *
 * @param plan what was run
 * @param guide the guide's name (the automatic guide's kind, e.g. {@code auto_fullrank}, once
 *     chosen)
 * @param objective the objective's name
 * @param status how the fit ended
 * @param message how it ended, in words (for a failure: the step and the site)
 * @param draws the draws the summaries come from (null for a failed fit)
 * @param summaries mean, sd and 5/50/95% quantiles of every column of the draws
 * @param psis Pareto smoothing of the draws' importance ratios (null where undefined: a MAP guide,
 *     a guide with auxiliary variables, a failed fit)
 * @param evidence the importance-sampling estimate of the log evidence (null where undefined)
 * @param objectiveFinal the objective at the fitted parameters: the mean of fresh estimates (NaN if
 *     not computed)
 * @param objectiveSe its standard error (NaN if not computed)
 * @param steps optimisation steps taken
 * @param converged whether the fit's convergence check passed
 * @param seconds wall-clock time of the fit, results included
 * @param gradientEvaluations gradient evaluations (of the objective, and of the log joint when an
 *     automatic guide starts from the mode)
 * @param objectiveTrace the objective estimate of every step
 * @param notes what the fit decided or noticed
 * @param params the fitted parameters, constrained, by {@code owner.name}
 * @param approximation the fitted automatic guide (to write its reference Gaussian, or draw more),
 *     or null for a guide written in the file
 */
public record FitOutcome(
    FitPlan plan,
    String guide,
    String objective,
    Status status,
    String message,
    Draws draws,
    List<PosteriorSummary> summaries,
    PsisResult psis,
    EvidenceEstimate evidence,
    double objectiveFinal,
    double objectiveSe,
    long steps,
    boolean converged,
    double seconds,
    long gradientEvaluations,
    double[] objectiveTrace,
    List<String> notes,
    Map<String, Tensor> params,
    PosteriorApproximation approximation) {

  /** How a fit ended. */
  public enum Status {
    /** Every step ran (or the convergence rule stopped it). */
    FITTED,
    /** Stopped on request (Ctrl-C at the REPL); the results are those of the parameters reached. */
    STOPPED,
    /** A non-finite objective or gradient stopped it; the parameters are the last good ones. */
    FAILED
  }

  /** Copies the collections. */
  public FitOutcome {
    summaries = List.copyOf(summaries);
    objectiveTrace = objectiveTrace.clone();
    notes = List.copyOf(notes);
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** True unless the fit failed. */
  public boolean ok() {
    return status != Status.FAILED;
  }

  /** The summary of {@code name} ({@code theta[3]}). */
  public PosteriorSummary summary(String name) {
    for (PosteriorSummary s : summaries) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no summary of " + name);
  }

  /** The objective trace (a copy). */
  @Override
  public double[] objectiveTrace() {
    return objectiveTrace.clone();
  }
}
