package dev.varia.inference.results;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.gen.Address;
import dev.varia.core.gen.ChoiceMap;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.Trace;
import dev.varia.core.ir.Span;
import dev.varia.core.random.RandomStream;
import dev.varia.inference.results.internal.ObservationNames;
import dev.varia.inference.results.internal.ReplicatingHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prior and posterior predictive draws: replicates of the model's observations, {@code y_rep ~ p(y
 * | x)} with x drawn from the priors or from a fitted approximation. Columns are named after the
 * observed data with Stan's flattening ({@code y[3]}), the values of every execution of the
 * statements observing one data name concatenated in execution order; prior predictive draws also
 * hold the latents drawn. Observations inside {@code marginalize} blocks are not replicated, and
 * models with improper (flat) priors have no prior predictive draws (an error naming the site).
 */
public final class Predictive {
  private Predictive() {}

  /** {@code n} posterior predictive draws, draw i from {@code rng.fork(i)}. */
  public static Draws posterior(PosteriorApproximation approximation, int n, RandomStream rng) {
    GenerativeFunction model = approximation.model();
    Map<Span, String> names = ObservationNames.of(model.ir());
    List<WeightedDraw> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      RandomStream r = rng.fork(i);
      Trace t = approximation.draw(r).trace();
      out.add(replicate(model, t.choices(), names, r.split()));
    }
    return Draws.of(out);
  }

  /**
   * {@code n} prior predictive draws (latents from their priors), draw i from {@code rng.fork(i)}.
   */
  public static Draws prior(GenerativeFunction model, int n, RandomStream rng) {
    Map<Span, String> names = ObservationNames.of(model.ir());
    List<WeightedDraw> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(replicate(model, null, names, rng.fork(i)));
    }
    return Draws.of(out);
  }

  private static WeightedDraw replicate(
      GenerativeFunction model, ChoiceMap given, Map<Span, String> names, RandomStream rng) {
    ReplicatingHandler h = new ReplicatingHandler(given, model.params(), names);
    Tape tape = new Tape();
    try (Tape.ValueOnly v = tape.valueOnly()) {
      dev.varia.core.exec.Machine.run(model.compiled(), new Node[0], h, Address.root(), tape, rng);
    }
    ChoiceMap.Builder b = ChoiceMap.builder();
    if (given == null) {
      h.drawnLatents().forEach(b::put);
    }
    Map<Address, Tensor> reps = new LinkedHashMap<>();
    h.replicates().forEach((name, parts) -> reps.put(Address.of(name), concat(parts)));
    Trace t = new Trace(model.name(), new Tensor[0], b.build(), Map.of(), reps, null, 0);
    return new WeightedDraw(t, 0);
  }

  private static Tensor concat(List<Tensor> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    int n = 0;
    for (Tensor p : parts) {
      n += p.size();
    }
    double[] v = new double[n];
    int k = 0;
    for (Tensor p : parts) {
      p.copyInto(v, k);
      k += p.size();
    }
    return Tensor.vector(v);
  }
}
