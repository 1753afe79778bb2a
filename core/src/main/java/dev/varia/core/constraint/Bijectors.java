package dev.varia.core.constraint;

/** The bijector of each continuous constraint (to be completed under issue 3). */
public final class Bijectors {
  private Bijectors() {}

  /** The bijector from unconstrained space onto {@code c}. */
  public static Bijector of(Constraint c) {
    throw new UnsupportedOperationException("bijector for " + c.describe() + " not yet written");
  }
}
