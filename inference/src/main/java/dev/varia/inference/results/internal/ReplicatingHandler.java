package dev.varia.inference.results.internal;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Distribution;
import dev.varia.core.dist.Flat;
import dev.varia.core.exec.Machine;
import dev.varia.core.exec.ParamSite;
import dev.varia.core.exec.SampleSite;
import dev.varia.core.exec.ScoringHandler;
import dev.varia.core.gen.Address;
import dev.varia.core.gen.ChoiceMap;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a model with its latents given (posterior predictive) or drawn from their priors (prior
 * predictive), and draws a replicate of every observation from its distribution given the latents:
 * {@code y_rep ~ p(y | x)}. The model itself keeps using the observed data (so lagged data in a
 * time series stay the observed values). Replicates are named by the data they replicate (from the
 * model's IR, see {@link ObservationNames}); observations inside {@code marginalize} blocks, whose
 * summed-out label has no draw, are not replicated.
 */
public final class ReplicatingHandler extends ScoringHandler {
  private final ChoiceMap given;
  private final ParamStore params;
  private final Map<Span, String> names;
  private final LinkedHashMap<String, List<Tensor>> replicates = new LinkedHashMap<>();
  private final LinkedHashMap<Address, Tensor> latents = new LinkedHashMap<>();

  /**
   * A handler taking latents from {@code given} (null: draw them from their priors), naming
   * replicates by {@code names}.
   */
  public ReplicatingHandler(ChoiceMap given, ParamStore params, Map<Span, String> names) {
    this.given = given;
    this.params = params;
    this.names = names;
  }

  /** The replicated observations by name, each concatenated over its statements' executions. */
  public Map<String, List<Tensor>> replicates() {
    return replicates;
  }

  /** The latents drawn from their priors (prior predictive), whole sites. */
  public Map<Address, Tensor> drawnLatents() {
    return latents;
  }

  @Override
  public Node sample(Machine m, SampleSite site) {
    Shape shape = site.isElement() ? Shape.SCALAR : site.batch();
    if (given != null) {
      Tensor v =
          given
              .get(site.elementAddress())
              .orElseThrow(
                  () -> new VariaException("the draw has no value for " + site.displayName()));
      return m.tape().constant(v);
    }
    Distribution d = site.dist();
    if (d instanceof Flat) {
      throw new VariaException(
          "site "
              + site.displayName()
              + " has an improper flat prior: there is no prior predictive distribution (give it"
              + " a proper prior)");
    }
    Tensor v = d.sample(m.rng(), shape);
    if (!site.isElement()) {
      latents.put(site.address(), v);
    }
    return m.tape().constant(v);
  }

  @Override
  public void observe(Machine m, Distribution dist, Node value, Span span) {
    if (inMarginal()) {
      return;
    }
    Tensor rep = dist.sample(m.rng(), value.shape());
    if (rep.size() != value.size()) {
      rep = rep.reshape(value.shape());
    }
    String name = names.getOrDefault(span, "obs@" + span);
    replicates.computeIfAbsent(name, k -> new ArrayList<>()).add(rep);
  }

  @Override
  public Node param(Machine m, ParamSite site) {
    return m.tape().constant(params.constrainedValue(site));
  }

  @Override
  public void report(Machine m, Address address, int[] element, Node value, Span span) {}

  @Override
  public ReplicatingHandler copy() {
    throw new IllegalStateException("a replicating run holds no continuation");
  }
}
