package dev.varia.core.ir;

/**
 * The domain of a parameter ({@code param s: real<lower=0>}): constant bounds, or a structured set
 * such as a simplex.
 */
public record Domain(Kind kind, double lower, double upper) {
  /** The kinds of domain. */
  public enum Kind {
    REAL,
    LOWER,
    UPPER,
    INTERVAL,
    SIMPLEX,
    ORDERED,
    POSITIVE_ORDERED,
    CORR_CHOLESKY,
    COV_CHOLESKY
  }

  /** Checks the bounds. */
  public Domain {
    if (kind == Kind.INTERVAL && !(lower < upper)) {
      throw new IllegalArgumentException(
          "an interval domain needs lower < upper, got (" + lower + ", " + upper + ")");
    }
  }

  /** All reals. */
  public static Domain real() {
    return new Domain(Kind.REAL, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /** (0, infinity). */
  public static Domain positive() {
    return lower(0);
  }

  /** (lower, infinity). */
  public static Domain lower(double lower) {
    return new Domain(Kind.LOWER, lower, Double.POSITIVE_INFINITY);
  }

  /** (-infinity, upper). */
  public static Domain upper(double upper) {
    return new Domain(Kind.UPPER, Double.NEGATIVE_INFINITY, upper);
  }

  /** (lower, upper). */
  public static Domain interval(double lower, double upper) {
    return new Domain(Kind.INTERVAL, lower, upper);
  }

  /** A structured domain without bounds (simplex, ordered, ...). */
  public static Domain of(Kind kind) {
    return new Domain(kind, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }
}
