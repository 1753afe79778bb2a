package dev.varia.lang.run;

/**
 * Follows a running fit: progress bars, progress lines, and Ctrl-C at the REPL (return false from
 * {@link #step} to stop the fit, keeping the parameters it reached).
 */
public interface FitListener {
  /** A phase that has no steps to count is starting (e.g. "finding the mode"). */
  default void phase(String description) {}

  /** The optimisation starts at step {@code first} (1 unless resumed) and ends at {@code last}. */
  default void started(FitPlan plan, long first, long last) {}

  /** Step {@code step} gave the objective estimate {@code objective}; false stops the fit. */
  default boolean step(long step, double objective) {
    return true;
  }

  /** The optimisation has ended (summaries may follow). */
  default void finished() {}

  /** A listener that does nothing. */
  static FitListener silent() {
    return new FitListener() {};
  }
}
