package dev.varia.inference.adev;

/**
 * Choices the estimators make when a site names no strategy: enumerate finite supports of at most
 * {@code maxEnumerate} values (outside plates), otherwise use the score function with a moving
 * average baseline of decay {@code baselineDecay}.
 */
public record EstimatorOptions(int maxEnumerate, double baselineDecay) {
  /** Checks the values. */
  public EstimatorOptions {
    if (maxEnumerate < 0) {
      throw new IllegalArgumentException("maxEnumerate must be >= 0, got " + maxEnumerate);
    }
    if (!(baselineDecay > 0 && baselineDecay < 1)) {
      throw new IllegalArgumentException("baselineDecay must be in (0, 1), got " + baselineDecay);
    }
  }

  /** Enumerate up to 16 values; baseline decay 0.9. */
  public static EstimatorOptions defaults() {
    return new EstimatorOptions(16, 0.9);
  }
}
