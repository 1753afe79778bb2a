package dev.varia.inference.objective;

/**
 * Multi-sample baselines for the score-function terms of particles (ADEV.md section 2): the
 * baseline of particle i is computed from the other particles' values, so it does not depend on
 * particle i's draws and the estimate stays unbiased.
 */
public enum MultiSample {
  /** Each site uses its own baseline. */
  NONE,
  /**
   * VIMCO (Mnih and Rezende 2016), for log-mean-exp objectives: the baseline of particle i is
   * {@code log (1/K)(sum_{j != i} e^{w_j} + e^{mean_{j != i} w_j})}.
   */
  VIMCO,
  /**
   * Leave-one-out, for mean objectives: the baseline of particle i is {@code (1/K) sum_{j != i} l_j
   * + (1/K) mean_{j != i} l_j}, so each particle's signal is {@code (l_i - mean_{j != i} l_j) / K}.
   */
  LEAVE_ONE_OUT
}
