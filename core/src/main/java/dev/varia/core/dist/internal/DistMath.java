package dev.varia.core.dist.internal;

import dev.varia.core.math.SpecialFunctions;

/** Small numerical helpers for log densities of discrete and boundary cases. */
public final class DistMath {
  private static final int TABLE = 1024;
  private static final double[] LOG_FACTORIAL = new double[TABLE];

  static {
    for (int k = 2; k < TABLE; k++) {
      LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
    }
  }

  private DistMath() {}

  /** log k! for an integer-valued k >= 0 (tabulated below 1024). */
  public static double logFactorial(double k) {
    return k < TABLE ? LOG_FACTORIAL[(int) k] : SpecialFunctions.lgamma(k + 1);
  }

  /** log of the binomial coefficient (n choose k) for integer-valued 0 <= k <= n. */
  public static double logChoose(double n, double k) {
    return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
  }

  /** {@code a * log(x)}, taken as 0 when both are 0 (the limit Stan's multiply_log uses). */
  public static double multiplyLog(double a, double x) {
    return a == 0 && x == 0 ? 0.0 : a * Math.log(x);
  }

  /** {@code a * log1p(-p)}, taken as 0 when a is 0 (so p = 1 does not give NaN). */
  public static double multiplyLog1m(double a, double p) {
    return a == 0 ? 0.0 : a * Math.log1p(-p);
  }

  /** Largest count accepted as a value (2^53: every integer below is exact in a double). */
  public static final double COUNT_MAX = 0x1p53;

  /** True if x is a non-negative integer (stored as a double) below {@link #COUNT_MAX}. */
  public static boolean isCount(double x) {
    return x >= 0 && x < COUNT_MAX && x == Math.rint(x);
  }

  /** True if x is an integer (stored as a double) in [lower, upper]. */
  public static boolean isIntegerIn(double x, double lower, double upper) {
    return x >= lower && x <= upper && x == Math.rint(x);
  }
}
