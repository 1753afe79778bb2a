package dev.varia.lang.run;

import dev.varia.inference.diagnostics.PosteriorSummary;
import java.util.Locale;

/** A fit's outcome as plain text for the terminal: how it ended, diagnostics, summaries, notes. */
public final class SummaryTable {
  private SummaryTable() {}

  /** The whole report. */
  public static String render(FitOutcome o) {
    StringBuilder b = new StringBuilder();
    String nl = System.lineSeparator();
    b.append(
            String.format(
                Locale.ROOT,
                "fit %s: model %s, guide %s, objective %s",
                o.plan().name(),
                o.plan().model(),
                o.guide(),
                o.plan().objectiveLabel()))
        .append(nl);
    b.append(
            String.format(
                Locale.ROOT,
                "%s: %s; %d steps, %d gradient evaluations, %.1f s",
                o.status() == FitOutcome.Status.FAILED
                    ? "FAILED"
                    : o.status() == FitOutcome.Status.STOPPED
                        ? "stopped"
                        : o.converged() ? "converged" : "not converged",
                o.message(),
                o.steps(),
                o.gradientEvaluations(),
                o.seconds()))
        .append(nl);
    if (Double.isFinite(o.objectiveFinal())) {
      b.append(
              String.format(
                  Locale.ROOT,
                  "objective %s at the fitted parameters: %.6g (se %.2g, mean of fresh estimates)",
                  o.objective(),
                  o.objectiveFinal(),
                  o.objectiveSe()))
          .append(nl);
    }
    if (o.evidence() != null) {
      b.append(
              String.format(
                  Locale.ROOT,
                  "log evidence (importance sampling): %.6g (se %.2g)",
                  o.evidence().logEvidence(),
                  o.evidence().standardError()))
          .append(nl);
    }
    if (o.psis() != null) {
      b.append(o.psis().describe()).append(nl);
    }
    if (!o.summaries().isEmpty()) {
      b.append(table(o)).append(nl);
    }
    for (String n : o.notes()) {
      b.append("note: ").append(n).append(nl);
    }
    return b.toString();
  }

  /** The summaries alone: one row per quantity with mean, sd and 5/50/95% quantiles. */
  public static String table(FitOutcome o) {
    int w = 8;
    for (PosteriorSummary s : o.summaries()) {
      w = Math.max(w, s.name().length());
    }
    w = Math.min(w, 40);
    StringBuilder b = new StringBuilder();
    String fmt = "%-" + w + "s %11s %11s %11s %11s %11s";
    b.append(String.format(Locale.ROOT, fmt, "", "mean", "sd", "5%", "50%", "95%"));
    int drawn = o.draws() == null ? 0 : o.draws().size();
    b.append("   (").append(drawn).append(" draws)");
    for (PosteriorSummary s : o.summaries()) {
      b.append(System.lineSeparator())
          .append(
              String.format(
                  Locale.ROOT,
                  fmt,
                  s.name().length() > w ? s.name().substring(0, w - 1) + "…" : s.name(),
                  num(s.mean()),
                  num(s.sd()),
                  num(s.quantile(0.05)),
                  num(s.quantile(0.5)),
                  num(s.quantile(0.95))));
    }
    return b.toString();
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
