package dev.varia.inference.guide;

import java.util.Locale;

/** The families of automatic guides, with the names the language and the command line use. */
public enum GuideKind {
  /** Independent normals on the unconstrained scale (mean-field): {@link AutoNormal}. */
  MEAN_FIELD("auto_normal"),
  /** One multivariate normal with a full covariance: {@link AutoMultivariateNormal}. */
  FULL_RANK("auto_fullrank"),
  /** A multivariate normal with low-rank-plus-diagonal covariance: {@link AutoLowRankNormal}. */
  LOW_RANK("auto_lowrank"),
  /** A point mass at the MAP estimate: {@link AutoDelta}. */
  MAP("auto_delta"),
  /** A normalising flow (affine coupling layers) around a Gaussian: {@link AutoFlow}. */
  FLOW("auto_flow");

  private final String guideName;

  GuideKind(String guideName) {
    this.guideName = guideName;
  }

  /** The guide's name, e.g. {@code auto_fullrank}: the owner of its parameters. */
  public String guideName() {
    return guideName;
  }

  /**
   * The kind named {@code name}: a guide name ({@code auto_fullrank}) or the constant's name in any
   * case ({@code full_rank}); also {@code auto_map} and {@code auto_mvn}.
   *
   * @throws IllegalArgumentException naming the known names
   */
  public static GuideKind parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (GuideKind k : values()) {
      if (k.guideName.equals(n) || k.name().toLowerCase(Locale.ROOT).equals(n)) {
        return k;
      }
    }
    if (n.equals("auto_map")) {
      return MAP;
    }
    if (n.equals("auto_mvn") || n.equals("auto_multivariate_normal")) {
      return FULL_RANK;
    }
    throw new IllegalArgumentException(
        "unknown automatic guide "
            + name
            + " (known: auto_normal, auto_fullrank, auto_lowrank, auto_delta, auto_flow)");
  }
}
