package dev.varia.inference.mode;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Bijector;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.adev.UnconstrainedLatents;
import dev.varia.inference.mode.internal.LatentRunner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The latent sites of a model, in program order, with their slices of one unconstrained vector of
 * dimension {@link #dimension()}: what an automatic guide draws. Found by one run of the model in
 * which each site takes uniform(-2, 2) values on its unconstrained scale (Stan's initialisation;
 * improper flat priors need no sampler), so a discrete latent the model does not sum out is
 * reported here, with advice.
 *
 * <p>The layout assumes the model meets the same sites with the same shapes in every run (no latent
 * whose existence or size depends on other latents); the density checks this on every run.
 */
public final class LatentLayout {
  private final GenerativeFunction model;
  private final Tensor[] args;
  private final List<LatentSite> sites;
  private final int dimension;

  private LatentLayout(GenerativeFunction model, Tensor[] args, List<LatentSite> sites) {
    this.model = model;
    this.args = args.clone();
    this.sites = Collections.unmodifiableList(sites);
    this.dimension = sites.stream().mapToInt(LatentSite::size).sum();
  }

  /**
   * Discovers the latent sites of {@code model} (run with {@code args}).
   *
   * @throws dev.varia.core.VariaException for a discrete latent, naming it, with advice
   */
  public static LatentLayout of(GenerativeFunction model, Tensor... args) {
    List<LatentSite> found = new ArrayList<>();
    RandomStream rng = RandomStream.seeded(0x5eed);
    int[] offset = {0};
    LatentRunner.Source source =
        (m, site) -> {
          Bijector b = UnconstrainedLatents.bijector(site);
          Shape value = UnconstrainedLatents.valueShape(site);
          Shape free = b.unconstrainedShape(value);
          double[] u = new double[free.size()];
          for (int i = 0; i < u.length; i++) {
            u[i] = -2 + 4 * rng.uniform();
          }
          found.add(
              new LatentSite(
                  site.address(),
                  site.element(),
                  value,
                  free,
                  offset[0],
                  site.dist().name(),
                  site.dist().support().describe()));
          offset[0] += u.length;
          Node un = m.tape().constant(Tensor.wrap(u, free));
          return b.forwardWithLogDet(un);
        };
    Tape tape = new Tape();
    try (Tape.ValueOnly v = tape.valueOnly()) {
      LatentRunner.run(model, args, source, true, false, tape, rng);
    }
    return new LatentLayout(model, args, found);
  }

  /** The model. */
  public GenerativeFunction model() {
    return model;
  }

  /** The arguments the model is run with. */
  public Tensor[] args() {
    return args.clone();
  }

  /** The latent sites in program order. */
  public List<LatentSite> sites() {
    return sites;
  }

  /** The total number of unconstrained values. */
  public int dimension() {
    return dimension;
  }

  /**
   * A name for each unconstrained coordinate: the site's name, with the element's 1-based position
   * for sites of several values ({@code sigma}, {@code beta{2}}), for messages.
   */
  public List<String> coordinateNames() {
    List<String> out = new ArrayList<>(dimension);
    for (LatentSite s : sites) {
      for (int i = 0; i < s.size(); i++) {
        out.add(s.size() == 1 ? s.name() : s.name() + "{" + (i + 1) + "}");
      }
    }
    return out;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("latents of " + model.name() + " (" + dimension + "):");
    for (LatentSite s : sites) {
      b.append(' ').append(s.name()).append(s.shape()).append(" on ").append(s.support());
    }
    return b.toString();
  }
}
