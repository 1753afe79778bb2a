package dev.varia.inference.optim;

import dev.varia.core.VariaException;

/**
 * A gradient element was NaN or infinite; the optimiser refused the step and changed nothing, so
 * the parameters still hold their last good values.
 */
public final class NonFiniteGradientException extends VariaException {
  private static final long serialVersionUID = 1L;

  private final String parameter;
  private final int index;

  NonFiniteGradientException(String parameter, int index, double value) {
    super(
        "the gradient of parameter "
            + parameter
            + " is "
            + value
            + " at element "
            + index
            + " (0-based); the step was not taken and the parameters keep their last values");
    this.parameter = parameter;
    this.index = index;
  }

  /** The key of the parameter whose gradient went bad. */
  public String parameter() {
    return parameter;
  }

  /** The 0-based element. */
  public int index() {
    return index;
  }
}
