package dev.varia.inference.fit;

/**
 * The outcome of a fit: how many steps ran, the objective estimate of each step, and how it ended.
 * When it failed, the message names the step and the site or parameter that went bad, and the
 * parameters hold the last good values.
 */
public record FitResult(Status status, int steps, double[] history, String message) {
  /** How a fit ended. */
  public enum Status {
    /** All requested steps ran. */
    COMPLETED,
    /** The convergence rule stopped it early. */
    CONVERGED,
    /** A callback asked to stop (e.g. Ctrl-C at the REPL). */
    STOPPED,
    /** A non-finite objective or gradient stopped it; the parameters are the last good ones. */
    FAILED
  }

  /** Copies the history. */
  public FitResult {
    history = history.clone();
  }

  /** True unless the fit failed. */
  public boolean ok() {
    return status != Status.FAILED;
  }

  /** The history (a copy). */
  @Override
  public double[] history() {
    return history.clone();
  }
}
