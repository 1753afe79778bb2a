package dev.varia.inference.results;

import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.Trace;
import dev.varia.core.random.RandomStream;

/**
 * A user-written guide paired with its model as a {@link PosteriorApproximation}: a draw simulates
 * the guide (its score is log q), then runs the model with the guide's choices constrained (its
 * weight is log p of those choices and the observations; model choices the guide does not make are
 * drawn from the model, as importance sampling with the guide times the prior).
 */
public final class GuideApproximation implements PosteriorApproximation {
  private final GenerativeFunction model;
  private final GenerativeFunction guide;

  private GuideApproximation(GenerativeFunction model, GenerativeFunction guide) {
    this.model = model;
    this.guide = guide;
  }

  /** The approximation of {@code model}'s posterior by {@code guide} (both without arguments). */
  public static GuideApproximation of(GenerativeFunction model, GenerativeFunction guide) {
    return new GuideApproximation(model, guide);
  }

  @Override
  public GenerativeFunction model() {
    return model;
  }

  @Override
  public String name() {
    return guide.name();
  }

  /** The guide. */
  public GenerativeFunction guide() {
    return guide;
  }

  @Override
  public WeightedDraw draw(RandomStream rng) {
    Trace q = guide.simulate(rng);
    GenerativeFunction.Generated g = model.generate(rng, q.choices());
    return new WeightedDraw(g.trace(), g.weight() - q.score());
  }
}
