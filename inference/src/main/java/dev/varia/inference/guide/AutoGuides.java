package dev.varia.inference.guide;

import dev.varia.inference.mode.GaussianApproximation;
import dev.varia.inference.mode.LatentLayout;

/** Creating automatic guides, and the default choice of guide. */
public final class AutoGuides {
  /**
   * Up to this many unconstrained latents the default guide is full-rank (its whitening costs
   * O(d^3) per step); beyond, low-rank plus diagonal.
   */
  public static final int FULL_RANK_LIMIT = 200;

  private AutoGuides() {}

  /**
   * The default guide for {@code dimension} unconstrained latents: full-rank up to {@link
   * #FULL_RANK_LIMIT}, low-rank beyond. (Mean-field guides understate the spread of correlated
   * posteriors, so they are never the default.)
   */
  public static GuideKind defaultKind(int dimension) {
    return dimension <= FULL_RANK_LIMIT ? GuideKind.FULL_RANK : GuideKind.LOW_RANK;
  }

  /** A guide of {@code kind} around {@code reference} with default sizes. */
  public static AutoGuide create(
      GuideKind kind, LatentLayout layout, GaussianApproximation reference) {
    return create(kind, layout, reference, GuideOptions.defaults());
  }

  /** A guide of {@code kind} around {@code reference}. */
  public static AutoGuide create(
      GuideKind kind, LatentLayout layout, GaussianApproximation reference, GuideOptions options) {
    int d = layout.dimension();
    switch (kind) {
      case MEAN_FIELD:
        return new AutoNormal(layout, reference);
      case FULL_RANK:
        return new AutoMultivariateNormal(
            layout,
            reference.isDense()
                ? reference
                : GaussianApproximation.fromCovariance(reference.mean(), reference.covariance()));
      case LOW_RANK:
        return new AutoLowRankNormal(layout, reference, options.rankFor(d));
      case MAP:
        return new AutoDelta(layout, reference);
      case FLOW:
        return new AutoFlow(layout, reference, options.layersFor(d), options.hiddenFor(d));
      default:
        throw new AssertionError(kind);
    }
  }
}
