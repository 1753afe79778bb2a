package dev.varia.inference.results;

import dev.varia.core.random.RandomStream;
import dev.varia.inference.adev.Estimator;

/**
 * The value of an objective for fitted parameters: the mean of {@code estimates} fresh independent
 * estimates (value only) and its standard error {@code sd / sqrt(n)}.
 *
 * @param mean the mean estimate
 * @param standardError its standard error
 * @param estimates how many estimates were averaged
 * @param failed how many estimates were not finite (left out of the mean)
 */
public record ObjectiveValue(double mean, double standardError, int estimates, int failed) {
  /** The mean of {@code n} estimates of {@code estimator}, estimate i from {@code rng.fork(i)}. */
  public static ObjectiveValue estimate(Estimator estimator, int n, RandomStream rng) {
    double sum = 0;
    double sumSq = 0;
    int ok = 0;
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      double v;
      try {
        v = estimator.value(rng.fork(i));
      } catch (dev.varia.core.VariaException e) {
        v = Double.NaN;
      }
      if (Double.isFinite(v)) {
        values[ok++] = v;
        sum += v;
      }
    }
    if (ok == 0) {
      return new ObjectiveValue(Double.NaN, Double.NaN, 0, n);
    }
    double mean = sum / ok;
    for (int i = 0; i < ok; i++) {
      sumSq += (values[i] - mean) * (values[i] - mean);
    }
    double se = ok > 1 ? Math.sqrt(sumSq / (ok - 1) / ok) : Double.NaN;
    return new ObjectiveValue(mean, se, ok, n - ok);
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT, "%.6g (se %.2g, %d estimates)", mean, standardError, estimates);
  }
}
