package dev.varia.inference.adev;

import dev.varia.core.math.SpecialFunctions;
import dev.varia.inference.objective.MultiSample;

/** The baselines of {@link MultiSample} constructs, from the other particles' values. */
final class MultiSampleBaselines {
  private MultiSampleBaselines() {}

  /** The baseline of particle {@code i} given all particles' values {@code v}. */
  static double baseline(MultiSample kind, double[] v, int i) {
    int k = v.length;
    if (k < 2) {
      return 0.0;
    }
    double othersMean = 0;
    for (int j = 0; j < k; j++) {
      if (j != i) {
        othersMean += v[j];
      }
    }
    othersMean /= k - 1;
    switch (kind) {
      case VIMCO:
        {
          // log (1/K)(sum_{j != i} e^{w_j} + e^{mean_{j != i} w_j})
          double[] w = v.clone();
          w[i] = othersMean;
          return SpecialFunctions.logSumExp(w, 0, k) - Math.log(k);
        }
      case LEAVE_ONE_OUT:
        {
          double othersSum = othersMean * (k - 1);
          return (othersSum + othersMean) / k;
        }
      default:
        return 0.0;
    }
  }
}
