package dev.varia.inference.adev;

/**
 * The first non-finite value met during one evaluation (a log density that is NaN or infinite at a
 * site), so that a failed step can name the site.
 */
final class Diagnosis {
  private String first;

  /** Records {@code what} if it is the first problem and {@code value} is not finite. */
  void check(double value, String what) {
    if (first == null && !Double.isFinite(value)) {
      first = what + " is " + value;
    }
  }

  /** The first problem, or null. */
  String first() {
    return first;
  }
}
