package dev.varia.inference.results;

import dev.varia.core.gen.Address;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.Selection;
import dev.varia.core.gen.Trace;
import dev.varia.core.random.RandomStream;
import java.util.Map;

/**
 * A user-written guide paired with its model as a {@link PosteriorApproximation}: a draw simulates
 * the guide (its score is log q), then runs the model with the guide's choices constrained (its
 * weight is log p of those choices and the observations; model choices the guide does not make are
 * drawn from the model, as importance sampling with the guide times the prior).
 *
 * <p>A hierarchical guide's auxiliary choices (sites the model does not have, drawn before the kept
 * ones) are left out of the draw; the weight then uses {@code log q(x | u)}, whose reciprocal is
 * unbiased for {@code 1 / q(x)} given x (the HVI estimate with one auxiliary draw).
 */
public final class GuideApproximation implements PosteriorApproximation {
  private final GenerativeFunction model;
  private final GenerativeFunction guide;
  private Selection modelSites;

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
    if (modelSites == null) {
      modelSites =
          Selection.of(
              model.simulate(RandomStream.seeded(0)).choices().addresses().toArray(new Address[0]));
    }
    double logq = q.score();
    for (Map.Entry<Address, Double> e : q.logDensities().entrySet()) {
      if (!modelSites.contains(e.getKey())) {
        logq -= e.getValue(); // an auxiliary site: log q(x | u)
      }
    }
    GenerativeFunction.Generated g = model.generate(rng, q.choices().filter(modelSites));
    return new WeightedDraw(g.trace(), g.weight() - logq);
  }
}
