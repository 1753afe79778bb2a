package dev.varia.lang.check;

/** Formatting numbers in messages: whole numbers without a decimal point. */
final class DataFmt {
  private DataFmt() {}

  static String num(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    return Double.toString(x);
  }
}
