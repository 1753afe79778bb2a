package dev.varia.inference.diagnostics;

import java.util.Locale;

/**
 * What a Pareto k-hat says about importance sampling from a fitted guide, in the ranges of Vehtari,
 * Simpson, Gelman, Yao and Gabry ("Pareto smoothed importance sampling", JMLR 25, 2024; first
 * circulated 2015) and Yao, Vehtari, Simpson and Gelman ("Yes, but did it work?: Evaluating
 * variational inference", ICML 2018). The sample-size-dependent threshold is {@code min(1 -
 * 1/log10(S), 0.7)}; below 0.7 the draws needed for a reliable estimate are about {@code
 * 10^(1/(1-k))}.
 */
public enum ParetoKAdvice {
  /** k-hat < 0.5 (and below the threshold): the guide is close; estimates are reliable. */
  GOOD,
  /** 0.5 <= k-hat <= threshold: usable; the raw ratios have infinite variance, PSIS copes. */
  OK,
  /** threshold < k-hat <= 0.7: too few draws for a reliable estimate; more draws would help. */
  TOO_FEW_DRAWS,
  /** 0.7 < k-hat <= 1: unreliable; more draws will not help. */
  BAD,
  /** k-hat > 1: the ratios have no finite mean; estimates are meaningless. */
  VERY_BAD,
  /** k-hat could not be estimated (too few draws, or a tail of identical ratios). */
  NOT_ESTIMATED;

  /** The category of {@code k} for {@code draws} draws. */
  public static ParetoKAdvice of(double k, int draws) {
    if (Double.isNaN(k)) {
      return NOT_ESTIMATED;
    }
    double threshold = threshold(draws);
    if (k > 1) {
      return VERY_BAD;
    }
    if (k > 0.7) {
      return BAD;
    }
    if (k > threshold) {
      return TOO_FEW_DRAWS;
    }
    return k < 0.5 ? GOOD : OK;
  }

  /** {@code min(1 - 1/log10(S), 0.7)}: the largest k-hat that S draws can handle. */
  public static double threshold(int draws) {
    return Math.min(1 - 1 / Math.log10(draws), 0.7);
  }

  /** {@code 10^(1/(1-k))}: about how many draws a k-hat below 0.7 needs for a reliable estimate. */
  public static double drawsNeeded(double k) {
    return Math.pow(10, 1 / (1 - k));
  }

  /** Advice in words, in the style of Stan and the loo package. */
  public String describe(double k, int draws) {
    String kh = Double.isNaN(k) ? "k-hat" : String.format(Locale.ROOT, "k-hat = %.2f", k);
    switch (this) {
      case GOOD:
        return kh
            + " < 0.5: good. The guide is close to the target where it matters; importance-"
            + "sampling estimates are reliable.";
      case OK:
        return kh
            + " is between 0.5 and "
            + String.format(Locale.ROOT, "%.2f", threshold(draws))
            + ": ok. The raw importance ratios have infinite variance but Pareto smoothing"
            + " handles it; estimates are usable, though the guide is not perfect (its tails may be"
            + " too light).";
      case TOO_FEW_DRAWS:
        return kh
            + " is above "
            + String.format(Locale.ROOT, "%.2f", threshold(draws))
            + ", the limit for "
            + draws
            + " draws: estimates are not yet reliable. About "
            + String.format(Locale.ROOT, "%.0f", Math.ceil(drawsNeeded(k)))
            + " draws would be needed.";
      case BAD:
        return kh
            + " > 0.7: unreliable. The guide misses part of the target (usually its tails);"
            + " more draws will not help. Try a richer guide (full-rank, low-rank or flow), a"
            + " longer fit, or a different objective (e.g. IWELBO), and do not trust the guide's"
            + " variances or tail quantiles.";
      case VERY_BAD:
        return kh
            + " > 1: very bad. The importance ratios have no finite mean; the guide is far from"
            + " the target and importance-sampling estimates are meaningless.";
      default:
        return draws < 21
            ? "k-hat could not be estimated: with fewer than 21 draws the tail has under 5 values."
            : "k-hat could not be estimated: the largest importance ratios are all equal, so"
                + " there is no tail to fit (the guide may match the target exactly there).";
    }
  }
}
