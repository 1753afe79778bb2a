package dev.varia.lang.check;

import java.util.Locale;

/**
 * The support of a random choice as far as it is known statically: its kind, and constant bounds
 * where the bounds are constants ({@code dynamic} when they depend on other latents or data).
 */
public record Support(Kind kind, double lower, double upper, boolean dynamic) {
  /** Kinds of support. */
  public enum Kind {
    REAL,
    LOWER,
    UPPER,
    INTERVAL,
    NONNEG_INT,
    BINARY,
    CATEGORY,
    INT_RANGE,
    SIMPLEX,
    ORDERED,
    POSITIVE_ORDERED,
    CORR_CHOLESKY,
    COV_CHOLESKY,
    /** A point mass (delta): matches any support. */
    ANY
  }

  /** The real line. */
  public static final Support REAL = of(Kind.REAL);

  /** (0, infinity). */
  public static final Support POSITIVE =
      new Support(Kind.LOWER, 0, Double.POSITIVE_INFINITY, false);

  /** (0, 1). */
  public static final Support UNIT = new Support(Kind.INTERVAL, 0, 1, false);

  /** A support without bounds. */
  public static Support of(Kind k) {
    return new Support(k, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false);
  }

  /** True for integer-valued supports. */
  public boolean isDiscrete() {
    return kind == Kind.NONNEG_INT
        || kind == Kind.BINARY
        || kind == Kind.CATEGORY
        || kind == Kind.INT_RANGE;
  }

  /** True for finite discrete supports (enumerable). */
  public boolean isFinite() {
    return kind == Kind.BINARY || kind == Kind.CATEGORY || kind == Kind.INT_RANGE;
  }

  /**
   * True if a guide drawing from {@code guide} can propose values for a model site with this
   * support: same kind and, where both are constant, the same bounds.
   */
  public boolean acceptsGuide(Support guide) {
    if (guide.kind == Kind.ANY || kind == Kind.ANY) {
      return true;
    }
    if (guide.kind != kind) {
      // a categorical/binomial guide for an int range is still a finite integer support
      return false;
    }
    if (dynamic || guide.dynamic) {
      return true;
    }
    return same(lower, guide.lower) && same(upper, guide.upper);
  }

  private static boolean same(double a, double b) {
    return a == b || (Double.isNaN(a) && Double.isNaN(b));
  }

  @Override
  public String toString() {
    switch (kind) {
      case REAL:
        return "the real line";
      case LOWER:
        return dynamic ? "(lower bound, inf)" : "(" + num(lower) + ", inf)";
      case UPPER:
        return dynamic ? "(-inf, upper bound)" : "(-inf, " + num(upper) + ")";
      case INTERVAL:
        return dynamic
            ? "an interval with bounds given by other values"
            : "(" + num(lower) + ", " + num(upper) + ")";
      case NONNEG_INT:
        return "the integers 0, 1, 2, ...";
      case BINARY:
        return "{0, 1}";
      case CATEGORY:
        return "the categories 1..K";
      case INT_RANGE:
        return "the integers 0..N";
      case ANY:
        return "a point";
      default:
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " values";
    }
  }

  private static String num(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }
}
