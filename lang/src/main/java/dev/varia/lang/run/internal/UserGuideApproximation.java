package dev.varia.lang.run.internal;

import dev.varia.core.ad.Tensor;
import dev.varia.core.gen.Address;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.Selection;
import dev.varia.core.gen.Trace;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.results.PosteriorApproximation;
import dev.varia.inference.results.WeightedDraw;
import java.util.Map;

/**
 * A guide written in a .ppl file paired with its model: a draw simulates the guide, then runs the
 * model with the guide's choices of the model's latents fixed ({@code keep}; a hierarchical guide's
 * auxiliary choices are left out), latents the guide does not draw coming from the model. The
 * weight is {@code log p - log q} of the draw (meaningful only without auxiliary choices: see
 * {@link #hasAuxiliary}).
 */
public final class UserGuideApproximation implements PosteriorApproximation {
  private final GenerativeFunction model;
  private final GenerativeFunction guide;
  private final Selection keep;

  /** The approximation of {@code model}'s posterior by {@code guide}. */
  public UserGuideApproximation(
      GenerativeFunction model, GenerativeFunction guide, Selection keep) {
    this.model = model;
    this.guide = guide;
    this.keep = keep;
  }

  @Override
  public GenerativeFunction model() {
    return model;
  }

  @Override
  public WeightedDraw draw(RandomStream rng) {
    Trace q = guide.simulate(rng);
    GenerativeFunction.Generated g = model.generate(rng, q.choices().filter(keep));
    return new WeightedDraw(g.trace(), g.weight() - q.score());
  }

  /** True if the guide draws choices the model does not have (auxiliary variables). */
  public boolean hasAuxiliary(RandomStream rng) {
    for (Map.Entry<Address, Tensor> e : guide.simulate(rng).choices()) {
      if (!keep.contains(e.getKey())) {
        return true;
      }
    }
    return false;
  }
}
