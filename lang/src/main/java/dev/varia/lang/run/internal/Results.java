package dev.varia.lang.run.internal;

import dev.varia.core.VariaException;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.adev.Estimator;
import dev.varia.inference.diagnostics.EvidenceEstimate;
import dev.varia.inference.diagnostics.ParetoSmoothing;
import dev.varia.inference.diagnostics.PosteriorSummary;
import dev.varia.inference.diagnostics.PsisResult;
import dev.varia.lang.run.DrawTable;
import java.util.ArrayList;
import java.util.List;

/** Summaries and diagnostics computed from a fit's draws and estimator. */
public final class Results {
  private Results() {}

  /** Fresh estimates of the objective behind {@link #objectiveValue}. */
  public static final int OBJECTIVE_ESTIMATES = 1000;

  /**
   * Mean, sd and 5/50/95% type-7 quantiles of every column.
   *
   * @throws VariaException naming a quantity whose draws are not all finite
   */
  public static List<PosteriorSummary> summaries(DrawTable draws) {
    List<PosteriorSummary> out = new ArrayList<>();
    for (String n : draws.names()) {
      double[] c = draws.column(n);
      for (int i = 0; i < c.length; i++) {
        if (!Double.isFinite(c[i])) {
          throw new VariaException(
              "draw " + (i + 1) + " of " + n + " is " + c[i] + ", so it cannot be summarised");
        }
      }
      out.add(PosteriorSummary.of(n, c));
    }
    return out;
  }

  /** Pareto smoothing of the log weights, or null when they cannot be smoothed. */
  public static PsisResult psis(double[] logWeights) {
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    for (double w : logWeights) {
      if (Double.isNaN(w) || w == Double.POSITIVE_INFINITY) {
        return null;
      }
      max = Math.max(max, w);
      min = Math.min(min, w);
    }
    if (max == Double.NEGATIVE_INFINITY || max == min || logWeights.length < 10) {
      return null;
    }
    return ParetoSmoothing.smooth(logWeights);
  }

  /** The importance-sampling estimate of the log evidence, or null when undefined. */
  public static EvidenceEstimate evidence(double[] logWeights) {
    for (double w : logWeights) {
      if (Double.isNaN(w) || w == Double.POSITIVE_INFINITY) {
        return null;
      }
    }
    return logWeights.length < 2 ? null : EvidenceEstimate.of(logWeights);
  }

  /**
   * The mean of {@code n} fresh value-only estimates of the objective (estimate i from {@code
   * rng.fork(i)}) and its standard error; non-finite estimates are left out (NaN if all are).
   */
  public static double[] objectiveValue(Estimator est, int n, RandomStream rng) {
    double[] v = new double[n];
    int ok = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double x;
      try {
        x = est.value(rng.fork(i));
      } catch (VariaException e) {
        x = Double.NaN;
      }
      if (Double.isFinite(x)) {
        v[ok++] = x;
        sum += x;
      }
    }
    if (ok == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double mean = sum / ok;
    double ss = 0;
    for (int i = 0; i < ok; i++) {
      ss += (v[i] - mean) * (v[i] - mean);
    }
    return new double[] {mean, ok > 1 ? Math.sqrt(ss / (ok - 1) / ok) : Double.NaN};
  }
}
