package dev.varia.examples.posteriordb;

import java.util.List;

/** The ten shared posteriordb acceptance cases, in the README's order. */
public final class PosteriorDbCases {
  private PosteriorDbCases() {}

  /** Every case. */
  public static List<PosteriorDbCase> all() {
    return List.of(
        new Kidiq(),
        new Earnings(),
        new Mesquite(),
        new Sblrc(),
        new EightSchoolsNoncentered(),
        new ArK(),
        new Garch(),
        new LowDimGaussMix(),
        new GpPoisRegr(),
        new WellsDist());
  }

  /**
   * The case named {@code name} (its folder name, or a prefix of it such as {@code kidiq}).
   *
   * @throws IllegalArgumentException naming the cases
   */
  public static PosteriorDbCase named(String name) {
    for (PosteriorDbCase c : all()) {
      if (c.name().equals(name) || c.name().startsWith(name + "-")) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "no posteriordb case "
            + name
            + " (known: "
            + all().stream().map(PosteriorDbCase::name).toList()
            + ")");
  }
}
