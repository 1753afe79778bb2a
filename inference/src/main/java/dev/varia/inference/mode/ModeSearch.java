package dev.varia.inference.mode;

import java.util.List;

/**
 * The outcome of a multi-start mode search: every run's mode (best first), the distinct ones among
 * them, and the cost.
 *
 * @param modes the mode found from each start that succeeded, highest log density first
 * @param distinct the distinct modes (runs that agree are merged), highest first
 * @param evaluations gradient evaluations used, starting-point checks included
 * @param problems what went wrong with starts that failed, in words
 */
public record ModeSearch(
    List<Mode> modes, List<Mode> distinct, int evaluations, List<String> problems) {
  /** Copies the lists. */
  public ModeSearch {
    modes = List.copyOf(modes);
    distinct = List.copyOf(distinct);
    problems = List.copyOf(problems);
  }

  /** The mode of highest log density. */
  public Mode best() {
    return modes.get(0);
  }
}
