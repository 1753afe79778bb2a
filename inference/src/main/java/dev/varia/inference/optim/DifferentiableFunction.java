package dev.varia.inference.optim;

/** A smooth function {@code R^d -> R} that returns its value and writes its gradient. */
@FunctionalInterface
public interface DifferentiableFunction {
  /**
   * Returns f(x) and writes the gradient of f at x into {@code gradient} (length d). May return NaN
   * or an infinity outside the function's domain; {@link Lbfgs} then backtracks. Must not modify
   * {@code x}.
   */
  double valueAndGradient(double[] x, double[] gradient);
}
