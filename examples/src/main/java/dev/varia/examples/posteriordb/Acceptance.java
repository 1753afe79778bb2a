package dev.varia.examples.posteriordb;

import dev.varia.inference.diagnostics.PosteriorSummary;
import dev.varia.inference.results.FitReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The acceptance table of {@code ../shared/posteriordb/README.md}, applied to a fit:
 *
 * <ul>
 *   <li>required: every reported quantity has {@code |mean - ref mean| <= 0.2 ref sd} and {@code sd
 *       / ref sd} in [0.6, 1.4] (0.3 and [0.5, 1.5] for eight schools and gp_pois_regr);
 *   <li>strict: near-Gaussian quantities {@code <= 0.1 sd}, sd ratio in [0.8, 1.2], 5% and 95%
 *       quantiles within 0.2 ref sd; heavy-tailed ones (eight schools' tau, gp's rho and alpha) as
 *       in the required row.
 * </ul>
 */
public final class Acceptance {
  private Acceptance() {}

  /**
   * How one fit compares with the reference.
   *
   * @param maxMeanError the largest {@code |mean - ref mean| / ref sd}
   * @param minSdRatio the smallest {@code sd / ref sd}
   * @param maxSdRatio the largest {@code sd / ref sd}
   * @param maxQuantileError the largest 5%/95% quantile error in ref sds (near-Gaussian ones)
   * @param required whether the required row passes
   * @param strict whether the strict row passes
   * @param failures what failed, in words (required-row failures first)
   */
  public record Verdict(
      double maxMeanError,
      double minSdRatio,
      double maxSdRatio,
      double maxQuantileError,
      boolean required,
      boolean strict,
      List<String> failures) {}

  /** Judges {@code report} against {@code reference} by the table's rules for {@code c}. */
  public static Verdict judge(PosteriorDbCase c, FitReport report, ReferencePosterior reference) {
    return judge(c, report.summaries(), reference);
  }

  /**
   * Judges posterior summaries (e.g. read back from a {@code summary.json}) against {@code
   * reference} by the table's rules for {@code c}.
   */
  public static Verdict judge(
      PosteriorDbCase c, List<PosteriorSummary> summaries, ReferencePosterior reference) {
    Map<String, PosteriorSummary> byName = new HashMap<>();
    summaries.forEach(x -> byName.put(x.name(), x));
    double meanTol = c.relaxed() ? 0.3 : 0.2;
    double lo = c.relaxed() ? 0.5 : 0.6;
    double hi = c.relaxed() ? 1.5 : 1.4;
    double maxErr = 0;
    double minRatio = Double.POSITIVE_INFINITY;
    double maxRatio = 0;
    double maxQ = 0;
    List<String> required = new ArrayList<>();
    List<String> strict = new ArrayList<>();
    for (ReferencePosterior.Quantity q : reference.quantities().values()) {
      PosteriorSummary s = byName.get(q.name());
      if (s == null) {
        required.add(q.name() + " is not reported");
        continue;
      }
      double err = Math.abs(s.mean() - q.mean()) / q.sd();
      double ratio = s.sd() / q.sd();
      maxErr = Math.max(maxErr, err);
      minRatio = Math.min(minRatio, ratio);
      maxRatio = Math.max(maxRatio, ratio);
      if (err > meanTol) {
        required.add(String.format(Locale.ROOT, "%s: mean off by %.3f sd", q.name(), err));
      }
      if (ratio < lo || ratio > hi) {
        required.add(String.format(Locale.ROOT, "%s: sd ratio %.3f", q.name(), ratio));
      }
      if (c.heavyTailed().contains(q.name())) {
        continue;
      }
      double q05 = Math.abs(s.quantile(0.05) - q.q05()) / q.sd();
      double q95 = Math.abs(s.quantile(0.95) - q.q95()) / q.sd();
      maxQ = Math.max(maxQ, Math.max(q05, q95));
      if (err > 0.1) {
        strict.add(
            String.format(Locale.ROOT, "%s: mean off by %.3f sd (strict 0.1)", q.name(), err));
      }
      if (ratio < 0.8 || ratio > 1.2) {
        strict.add(
            String.format(Locale.ROOT, "%s: sd ratio %.3f (strict [0.8, 1.2])", q.name(), ratio));
      }
      if (q05 > 0.2 || q95 > 0.2) {
        strict.add(
            String.format(
                Locale.ROOT, "%s: 5%%/95%% quantiles off by %.3f/%.3f sd", q.name(), q05, q95));
      }
    }
    List<String> all = new ArrayList<>(required);
    all.addAll(strict);
    return new Verdict(
        maxErr,
        minRatio,
        maxRatio,
        maxQ,
        required.isEmpty(),
        required.isEmpty() && strict.isEmpty(),
        all);
  }
}
