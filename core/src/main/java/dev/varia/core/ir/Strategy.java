package dev.varia.core.ir;

/**
 * The gradient strategy annotated on a sample site; the variational estimators interpret it (the
 * other handlers ignore it). {@link Kind#AUTO} lets the estimator choose.
 */
public record Strategy(Kind kind, Baseline baseline) {
  /** Let the estimator choose. */
  public static final Strategy AUTO = new Strategy(Kind.AUTO, Baseline.none());

  /** Reparameterised (explicitly or implicitly). */
  public static final Strategy REPARAM = new Strategy(Kind.REPARAM, Baseline.none());

  /** Exact enumeration of a finite support. */
  public static final Strategy ENUM = new Strategy(Kind.ENUM, Baseline.none());

  /** Measure-valued derivative. */
  public static final Strategy MVD = new Strategy(Kind.MVD, Baseline.none());

  /** Score function with a moving-average baseline. */
  public static Strategy reinforce(Baseline baseline) {
    return new Strategy(Kind.REINFORCE, baseline);
  }

  /** The strategies. */
  public enum Kind {
    AUTO,
    REPARAM,
    REINFORCE,
    ENUM,
    MVD
  }

  /** A baseline for the score-function strategy. */
  public record Baseline(BaselineKind kind, double value) {
    /** No baseline. */
    public static Baseline none() {
      return new Baseline(BaselineKind.NONE, 0);
    }

    /** A constant baseline. */
    public static Baseline constant(double c) {
      return new Baseline(BaselineKind.CONSTANT, c);
    }

    /** An exponential moving average of the loss-to-go with the given decay in (0, 1). */
    public static Baseline movingAverage(double decay) {
      if (!(decay > 0 && decay < 1)) {
        throw new IllegalArgumentException("moving-average decay must be in (0, 1), got " + decay);
      }
      return new Baseline(BaselineKind.MOVING_AVERAGE, decay);
    }

    /** A learned scalar baseline, fitted to the loss-to-go by least squares. */
    public static Baseline learned() {
      return new Baseline(BaselineKind.LEARNED, 0);
    }
  }

  /** Kinds of baseline. */
  public enum BaselineKind {
    NONE,
    CONSTANT,
    MOVING_AVERAGE,
    LEARNED
  }
}
