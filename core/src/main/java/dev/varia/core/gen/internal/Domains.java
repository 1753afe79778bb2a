package dev.varia.core.gen.internal;

import dev.varia.core.ad.Tape;
import dev.varia.core.constraint.Bijector;
import dev.varia.core.constraint.Bijectors;
import dev.varia.core.constraint.Constraint;
import dev.varia.core.ir.Domain;

/** Maps a parameter's declared {@link Domain} to a constraint and its bijector. */
public final class Domains {
  private Domains() {}

  /** The constraint of {@code d}, with its bounds as constants on {@code tape}. */
  public static Constraint constraint(Domain d, Tape tape) {
    switch (d.kind()) {
      case REAL:
        return new Constraint.Real();
      case LOWER:
        return d.lower() == 0
            ? new Constraint.Positive()
            : new Constraint.GreaterThan(tape.constant(d.lower()));
      case UPPER:
        return new Constraint.LessThan(tape.constant(d.upper()));
      case INTERVAL:
        return d.lower() == 0 && d.upper() == 1
            ? new Constraint.UnitInterval()
            : new Constraint.Interval(tape.constant(d.lower()), tape.constant(d.upper()));
      case SIMPLEX:
        return new Constraint.Simplex();
      case ORDERED:
        return new Constraint.Ordered();
      case POSITIVE_ORDERED:
        return new Constraint.PositiveOrdered();
      case CORR_CHOLESKY:
        return new Constraint.CorrCholesky();
      case COV_CHOLESKY:
        return new Constraint.CovCholesky();
      default:
        throw new AssertionError(d);
    }
  }

  /** The bijector of {@code d}, or null for the real line (the identity). */
  public static Bijector bijector(Domain d, Tape tape) {
    return d.kind() == Domain.Kind.REAL ? null : Bijectors.of(constraint(d, tape));
  }
}
