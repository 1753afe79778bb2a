package dev.varia.inference.guide;

/**
 * Sizes of the automatic guides that have them; 0 means "choose from the dimension d".
 *
 * @param rank the rank of {@link AutoLowRankNormal} (default {@code ceil(sqrt(d))})
 * @param flowLayers the number of affine coupling layers of {@link AutoFlow} (default 4)
 * @param flowHidden the hidden units of each coupling network (default {@code max(8, 2d)})
 */
public record GuideOptions(int rank, int flowLayers, int flowHidden) {
  /** Checks the sizes. */
  public GuideOptions {
    if (rank < 0 || flowLayers < 0 || flowHidden < 0) {
      throw new IllegalArgumentException("guide sizes must be >= 0 (0: automatic)");
    }
  }

  /** Every size chosen from the dimension. */
  public static GuideOptions defaults() {
    return new GuideOptions(0, 0, 0);
  }

  /** The rank for dimension d. */
  public int rankFor(int d) {
    return rank > 0 ? Math.min(rank, d) : AutoLowRankNormal.defaultRank(d);
  }

  /** The number of coupling layers. */
  public int layersFor(int d) {
    return flowLayers > 0 ? flowLayers : 4;
  }

  /** The hidden units per coupling network for dimension d. */
  public int hiddenFor(int d) {
    return flowHidden > 0 ? flowHidden : Math.max(8, 2 * d);
  }
}
