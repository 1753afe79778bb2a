package dev.varia.inference.results;

import dev.varia.inference.diagnostics.EvidenceEstimate;
import dev.varia.inference.diagnostics.PosteriorSummary;
import dev.varia.inference.diagnostics.PsisResult;
import java.util.List;
import java.util.Locale;

/**
 * Everything a variational fit produced, for users, the REPL and the command line: posterior
 * summaries of every latent and reported quantity, the Pareto k-hat of the fitted guide with advice
 * in words, the importance-sampling estimate of the log evidence, the final value of the objective
 * with its standard error, the objective trace, and what the fit cost.
 *
 * @param model the model's name
 * @param guide the guide's name ({@code auto_fullrank}, or a user guide's)
 * @param objective the objective's name
 * @param draws the draws the summaries come from
 * @param summaries mean, sd and 5/50/95% quantiles of every column of the draws
 * @param psis Pareto smoothing of the draws' importance ratios (null when undefined, e.g. MAP)
 * @param evidence the importance-sampling estimate of log p(y) (null when undefined); with improper
 *     priors it is the log of an unnormalised quantity
 * @param finalObjective the objective at the fitted parameters: mean of fresh estimates with SE
 * @param steps optimisation steps of the (last) main phase, the steps a user asks for (an automatic
 *     fit's pilots and adaptation rounds are counted in the gradient evaluations; for a MAP fit,
 *     the L-BFGS iterations)
 * @param converged whether the fit's convergence check passed (see {@link #status})
 * @param status how the fit ended, in words
 * @param seconds wall-clock time of the whole fit, results included
 * @param gradientEvaluations gradient evaluations of the model's log density or of the objective
 * @param objectiveTrace the per-step objective estimates of the (last) main optimisation phase
 * @param notes what the fit decided or noticed along the way (modes, step size, problems)
 * @param approximation the fitted approximation (to draw more, or predictive draws)
 */
public record FitReport(
    String model,
    String guide,
    String objective,
    Draws draws,
    List<PosteriorSummary> summaries,
    PsisResult psis,
    EvidenceEstimate evidence,
    ObjectiveValue finalObjective,
    int steps,
    boolean converged,
    String status,
    double seconds,
    long gradientEvaluations,
    double[] objectiveTrace,
    List<String> notes,
    PosteriorApproximation approximation) {

  /** Copies the collections. */
  public FitReport {
    summaries = List.copyOf(summaries);
    objectiveTrace = objectiveTrace.clone();
    notes = List.copyOf(notes);
  }

  /**
   * The summary of {@code name} ({@code theta[3]}).
   *
   * @throws IllegalArgumentException if there is none
   */
  public PosteriorSummary summary(String name) {
    for (PosteriorSummary s : summaries) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no summary of " + name);
  }

  /** k-hat (NaN when undefined). */
  public double paretoK() {
    return psis == null ? Double.NaN : psis.paretoK();
  }

  /** Stan-style advice on k-hat, in words. */
  public String paretoAdvice() {
    return psis == null
        ? "k-hat is not defined for this guide (its importance ratios are all equal or undefined)"
        : psis.describe();
  }

  @Override
  public double[] objectiveTrace() {
    return objectiveTrace.clone();
  }

  /** A plain-text table of the summaries with the diagnostics, for the terminal. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT, "%s with %s, objective %s: %s%n", model, guide, objective, status));
    b.append(
        String.format(
            Locale.ROOT,
            "final objective %s; %d steps, %d gradient evaluations, %.1f s%n",
            finalObjective,
            steps,
            gradientEvaluations,
            seconds));
    b.append(paretoAdvice()).append(System.lineSeparator());
    if (evidence != null) {
      b.append(
          String.format(
              Locale.ROOT,
              "log evidence (importance sampling) %.4f (se %.2g)%n",
              evidence.logEvidence(),
              evidence.standardError()));
    }
    b.append(
        String.format(
            Locale.ROOT, "%-16s %12s %12s %12s %12s %12s%n", "", "mean", "sd", "5%", "50%", "95%"));
    for (PosteriorSummary s : summaries) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-16s %12.4g %12.4g %12.4g %12.4g %12.4g%n",
              s.name(),
              s.mean(),
              s.sd(),
              s.quantile(0.05),
              s.quantile(0.5),
              s.quantile(0.95)));
    }
    for (String n : notes) {
      b.append("note: ").append(n).append(System.lineSeparator());
    }
    return b.toString();
  }
}
