package dev.varia.bench;

/**
 * One way of computing the value and gradient of a benchmark's objective at its parameters.
 * Implementations keep their scratch state (tapes, buffers) between calls, as a fitting loop does.
 */
public interface GradientProgram {
  /** Computes the objective at {@code params}, writing its gradient into {@code grad}. */
  double valueAndGrad(double[] params, double[] grad);
}
