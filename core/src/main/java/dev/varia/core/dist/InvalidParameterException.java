package dev.varia.core.dist;

import dev.varia.core.VariaException;

/** A distribution was given a parameter outside its domain; the message names both. */
public final class InvalidParameterException extends VariaException {
  private static final long serialVersionUID = 1L;

  private final String distribution;
  private final String parameter;
  private final double value;

  /** An invalid {@code parameter} of {@code distribution} with the offending {@code value}. */
  public InvalidParameterException(
      String distribution, String parameter, double value, String requirement) {
    super(
        distribution
            + ": parameter "
            + parameter
            + " = "
            + value
            + " is invalid ("
            + requirement
            + ")");
    this.distribution = distribution;
    this.parameter = parameter;
    this.value = value;
  }

  /** Stan's name of the distribution. */
  public String distribution() {
    return distribution;
  }

  /** The parameter's name. */
  public String parameter() {
    return parameter;
  }

  /** The offending value (the first one found, for a batch). */
  public double value() {
    return value;
  }
}
