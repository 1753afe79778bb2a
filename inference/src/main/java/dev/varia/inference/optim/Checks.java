package dev.varia.inference.optim;

/** Argument checks shared by the optimiser settings. */
final class Checks {
  private Checks() {}

  static void positive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
    }
  }

  static void nonNegative(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be >= 0 and finite, got " + v);
    }
  }

  /** v in the open interval (lo, hi). */
  static void in(String name, double v, double lo, double hi) {
    if (!(v > lo && v < hi)) {
      throw new IllegalArgumentException(name + " must be in (" + lo + ", " + hi + "), got " + v);
    }
  }

  /** v in [lo, hi). */
  static void inHalfOpen(String name, double v, double lo, double hi) {
    if (!(v >= lo && v < hi)) {
      throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "), got " + v);
    }
  }
}
