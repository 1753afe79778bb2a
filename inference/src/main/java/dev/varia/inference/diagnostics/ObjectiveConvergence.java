package dev.varia.inference.diagnostics;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The convergence rule of Stan's ADVI (Kucukelbir, Tran, Ranganath, Gelman and Blei, JMLR 18(14),
 * 2017, section 3.4; Stan's {@code tol_rel_obj} and {@code eval_elbo}): every evaluation compares
 * the objective with the previous evaluation, {@code |f_prev - f| / |f_prev|}, keeps the last few
 * relative changes in a circular buffer, and declares convergence when their mean, or their median,
 * falls below the tolerance.
 *
 * <p>Two ways to feed it. {@link #observe} takes the fit loop's per-step estimates (usually noisy
 * one- or few-particle estimates) and forms one evaluation from each window of {@code evalEvery} of
 * them, the window's mean (or median); {@link #observeEvaluation} takes a dedicated estimate (as
 * Stan computes with 100 draws every {@code eval_elbo} steps). The median of an even-sized buffer
 * is its upper middle value, as in Stan. Like Stan, it also flags a fit that "may be diverging":
 * after 10 evaluations, a mean or median relative change above 0.5.
 *
 * <p>The state is exactly what the observations determine: to resume a fit from a checkpoint,
 * replay its objective history through a fresh rule.
 */
public final class ObjectiveConvergence {
  /** What an observation led to. */
  public enum Status {
    /** Not converged (or not an evaluation step). */
    CONTINUE,
    /** The mean relative change is below the tolerance. */
    CONVERGED_MEAN,
    /** The median relative change is below the tolerance (the mean is not). */
    CONVERGED_MEDIAN
  }

  /**
   * The outcome of one observation.
   *
   * @param status continue or converged
   * @param evaluated whether this observation completed an evaluation
   * @param relativeChange the newest relative change (NaN if none yet)
   * @param meanRelativeChange mean over the buffer (NaN if empty)
   * @param medianRelativeChange median over the buffer (NaN if empty)
   * @param mayBeDiverging Stan's warning: after 10 evaluations, mean or median above 0.5
   */
  public record Decision(
      Status status,
      boolean evaluated,
      double relativeChange,
      double meanRelativeChange,
      double medianRelativeChange,
      boolean mayBeDiverging) {
    /** Whether the rule says stop. */
    public boolean converged() {
      return status != Status.CONTINUE;
    }
  }

  /** How a window of per-step estimates becomes one evaluation. */
  public enum WindowStatistic {
    /** The mean of the window. */
    MEAN,
    /** The median of the window (robust to occasional wild estimates). */
    MEDIAN
  }

  private final double tolerance;
  private final int evalEvery;
  private final int bufferSize;
  private final WindowStatistic statistic;

  private final double[] window;
  private int inWindow;
  private final ArrayDeque<Double> changes = new ArrayDeque<>();
  private double previous = Double.NaN;
  private long evaluations;
  private Decision last;

  private ObjectiveConvergence(Builder b) {
    if (!(b.tolerance > 0)) {
      throw new IllegalArgumentException("tolerance must be positive, got " + b.tolerance);
    }
    if (b.evalEvery < 1 || b.bufferSize < 1) {
      throw new IllegalArgumentException("evalEvery and bufferSize must be >= 1");
    }
    this.tolerance = b.tolerance;
    this.evalEvery = b.evalEvery;
    this.bufferSize = b.bufferSize;
    this.statistic = b.statistic;
    this.window = new double[b.evalEvery];
    this.last = new Decision(Status.CONTINUE, false, Double.NaN, Double.NaN, Double.NaN, false);
  }

  /**
   * Settings. Defaults are Stan's: tolerance 0.01, an evaluation every 100 steps, and a buffer of
   * {@code max(0.1 * maxIterations / evalEvery, 2)} changes for Stan's 10,000 iterations (10); the
   * window statistic is the mean.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Records one per-step objective estimate; every {@code evalEvery}-th completes a window and an
   * evaluation.
   *
   * @throws IllegalArgumentException if the estimate is NaN or infinite
   */
  public Decision observe(double estimate) {
    if (!Double.isFinite(estimate)) {
      throw new IllegalArgumentException("objective estimate is " + estimate);
    }
    window[inWindow++] = estimate;
    if (inWindow < evalEvery) {
      last =
          new Decision(
              last.status(),
              false,
              last.relativeChange(),
              last.meanRelativeChange(),
              last.medianRelativeChange(),
              last.mayBeDiverging());
      return last;
    }
    inWindow = 0;
    double value;
    if (statistic == WindowStatistic.MEAN) {
      double s = 0;
      for (double v : window) {
        s += v;
      }
      value = s / window.length;
    } else {
      double[] w = window.clone();
      Arrays.sort(w);
      int n = w.length;
      value = n % 2 == 1 ? w[n / 2] : 0.5 * (w[n / 2 - 1] + w[n / 2]);
    }
    return observeEvaluation(value);
  }

  /**
   * Records a dedicated evaluation of the objective (ignoring windows).
   *
   * @throws IllegalArgumentException if the value is NaN or infinite
   */
  public Decision observeEvaluation(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("objective evaluation is " + value);
    }
    evaluations++;
    if (Double.isNaN(previous)) {
      previous = value;
      last = new Decision(Status.CONTINUE, true, Double.NaN, Double.NaN, Double.NaN, false);
      return last;
    }
    double change = Math.abs((previous - value) / previous);
    previous = value;
    if (changes.size() == bufferSize) {
      changes.removeFirst();
    }
    changes.addLast(change);
    double mean = 0;
    double[] sorted = new double[changes.size()];
    int i = 0;
    for (double c : changes) {
      mean += c;
      sorted[i++] = c;
    }
    mean /= sorted.length;
    Arrays.sort(sorted);
    double median = sorted[sorted.length / 2];
    Status status =
        mean < tolerance
            ? Status.CONVERGED_MEAN
            : median < tolerance ? Status.CONVERGED_MEDIAN : Status.CONTINUE;
    boolean diverging = evaluations > 10 && (mean > 0.5 || median > 0.5);
    last = new Decision(status, true, change, mean, median, diverging);
    return last;
  }

  /** The last decision. */
  public Decision lastDecision() {
    return last;
  }

  /** The tolerance on the relative change. */
  public double tolerance() {
    return tolerance;
  }

  /** Per-step estimates per evaluation (Stan's {@code eval_elbo}). */
  public int evalEvery() {
    return evalEvery;
  }

  /** How many relative changes the buffer keeps. */
  public int bufferSize() {
    return bufferSize;
  }

  /** Settings of the rule. */
  public static final class Builder {
    private double tolerance = 0.01;
    private int evalEvery = 100;
    private int bufferSize = 10;
    private WindowStatistic statistic = WindowStatistic.MEAN;

    private Builder() {}

    /** Stan's {@code tol_rel_obj}. */
    public Builder tolerance(double tol) {
      this.tolerance = tol;
      return this;
    }

    /** Stan's {@code eval_elbo}: per-step estimates per evaluation (window length). */
    public Builder evalEvery(int steps) {
      this.evalEvery = steps;
      return this;
    }

    /** How many relative changes the circular buffer keeps. */
    public Builder bufferSize(int n) {
      this.bufferSize = n;
      return this;
    }

    /** Stan's buffer size for a run of {@code maxIterations}: {@code max(0.1 * max / eval, 2)}. */
    public Builder bufferSizeForIterations(long maxIterations) {
      this.bufferSize = (int) Math.max(0.1 * maxIterations / evalEvery, 2.0);
      return this;
    }

    /** How a window of per-step estimates is reduced to one evaluation. */
    public Builder windowStatistic(WindowStatistic s) {
      this.statistic = java.util.Objects.requireNonNull(s);
      return this;
    }

    /** The rule. */
    public ObjectiveConvergence build() {
      return new ObjectiveConvergence(this);
    }
  }
}
