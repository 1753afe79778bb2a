package dev.varia.inference.mode;

import dev.varia.inference.optim.LbfgsResult;

/**
 * A local maximum of the log joint on the unconstrained scale found from one starting point.
 *
 * @param point the maximiser z
 * @param logDensity the log joint there (with the log-Jacobians if the search included them)
 * @param start the unconstrained starting point
 * @param optimisation the L-BFGS run that found it
 */
public record Mode(double[] point, double logDensity, double[] start, LbfgsResult optimisation) {
  /** Copies the arrays. */
  public Mode {
    point = point.clone();
    start = start.clone();
  }

  @Override
  public double[] point() {
    return point.clone();
  }

  @Override
  public double[] start() {
    return start.clone();
  }
}
