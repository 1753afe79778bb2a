package dev.varia.inference.results;

import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.random.RandomStream;

/**
 * A fitted approximation of a model's posterior that draws in the model's own (constrained) space:
 * an automatic guide, or a user-written guide paired with its model ({@link GuideApproximation}).
 * Summaries, Pareto k-hat, the evidence estimate and posterior predictive draws are all computed
 * from its {@link #draw}s.
 */
public interface PosteriorApproximation {
  /** The model whose posterior is approximated. */
  GenerativeFunction model();

  /** The guide's name ({@code auto_fullrank}, or a user guide's). */
  String name();

  /**
   * One independent draw: the model's trace at the drawn latents (constrained values and reported
   * quantities) with its log importance weight {@code log p(x, y) - log q(x)}.
   */
  WeightedDraw draw(RandomStream rng);
}
