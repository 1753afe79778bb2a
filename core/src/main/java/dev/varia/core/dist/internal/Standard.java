package dev.varia.core.dist.internal;

import dev.varia.core.math.SpecialFunctions;
import dev.varia.core.random.RandomStream;

/**
 * Standard densities shared by location-scale families and their half/log variants: log density,
 * score (d/dz of the log density) and an exact draw.
 */
public final class Standard {
  private static final double LOG_PI = Math.log(Math.PI);

  private Standard() {}

  /** log N(z | 0, 1). */
  public static double normalLogDensity(double z) {
    return -0.5 * z * z - SpecialFunctions.HALF_LOG_TWO_PI;
  }

  /** d/dz log N(z | 0, 1). */
  public static double normalScore(double z) {
    return -z;
  }

  /** log Cauchy(z | 0, 1) = -log(pi (1 + z^2)). */
  public static double cauchyLogDensity(double z) {
    return -LOG_PI - Math.log1p(z * z);
  }

  /** d/dz log Cauchy(z | 0, 1). */
  public static double cauchyScore(double z) {
    return -2 * z / (1 + z * z);
  }

  /** A standard Cauchy draw by inversion: tan(pi (u - 1/2)). */
  public static double cauchyDraw(RandomStream rng) {
    return Math.tan(Math.PI * (rng.uniform() - 0.5));
  }
}
