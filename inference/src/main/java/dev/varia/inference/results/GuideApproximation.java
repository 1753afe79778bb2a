package dev.varia.inference.results;

import dev.varia.core.gen.Address;
import dev.varia.core.gen.ChoiceMap;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.Selection;
import dev.varia.core.gen.Trace;
import dev.varia.core.math.SpecialFunctions;
import dev.varia.core.random.RandomStream;
import java.util.Map;

/**
 * A user-written guide paired with its model as a {@link PosteriorApproximation}: a draw simulates
 * the guide (its score is log q), then runs the model with the guide's choices constrained (its
 * weight is log p of those choices and the observations; model choices the guide does not make are
 * drawn from the model, as importance sampling with the guide times the prior).
 *
 * <p>A hierarchical guide's auxiliary choices u (sites the model does not have, drawn before the
 * kept ones x from q's own process r(u)) are left out of the draw; the weight then uses the SIR
 * estimate {@code q̂(x) = (1/N) sum_j q(x, u_j) / r(u_j)} with u_0 the u that generated x and u_1..
 * fresh draws from r ({@link #AUXILIARY_PARTICLES} in all), whose reciprocal is unbiased for {@code
 * 1 / q(x)} (ADEV.md section 5): the weights stay unbiased for the evidence, and Pareto k-hat
 * judges the marginal q(x) rather than the conditional q(x | u).
 */
public final class GuideApproximation implements PosteriorApproximation {
  /** Auxiliary draws (the generating one included) behind a hierarchical guide's q̂(x). */
  public static final int AUXILIARY_PARTICLES = 32;

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
    ChoiceMap x = q.choices().filter(modelSites);
    double logq = q.score();
    if (x.size() < q.choices().size()) {
      logq = logMarginal(q, x, rng);
    }
    GenerativeFunction.Generated g = model.generate(rng, x);
    return new WeightedDraw(g.trace(), g.weight() - logq);
  }

  /** log q̂(x) for the hierarchical guide trace {@code q} whose kept choices are {@code x}. */
  private double logMarginal(Trace q, ChoiceMap x, RandomStream rng) {
    double[] terms = new double[AUXILIARY_PARTICLES];
    terms[0] = q.score() - auxiliary(q); // log q(x, u_0) / r(u_0) = log q(x | u_0)
    for (int j = 1; j < terms.length; j++) {
      Trace t = guide.simulate(rng);
      ChoiceMap u = t.choices().filter(modelSites.complement());
      terms[j] = guide.assess(x.merge(u)).logDensity() - auxiliary(t);
    }
    return SpecialFunctions.logSumExp(terms, 0, terms.length) - Math.log(terms.length);
  }

  /** The log density of a guide trace's auxiliary choices: log r(u). */
  private double auxiliary(Trace t) {
    double s = 0;
    for (Map.Entry<Address, Double> e : t.logDensities().entrySet()) {
      if (!modelSites.contains(e.getKey())) {
        s += e.getValue();
      }
    }
    return s;
  }
}
