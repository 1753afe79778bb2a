package dev.varia.inference.mode.internal;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Bijector;
import dev.varia.core.exec.Machine;
import dev.varia.core.exec.ParamSite;
import dev.varia.core.exec.SampleSite;
import dev.varia.core.exec.ScoringHandler;
import dev.varia.core.gen.Address;
import dev.varia.core.gen.ChoiceMap;
import dev.varia.core.gen.GenerativeFunction;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.gen.Trace;
import dev.varia.core.ir.Span;
import dev.varia.core.random.RandomStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a model with its latent sites supplied on the unconstrained scale: each site takes its
 * constrained value and log-Jacobian from a {@link Source} (through the bijector of the support of
 * the distribution met at the site in this run), and the handler accumulates {@code log p(x, y)}
 * plus, when asked, the log-Jacobians. Parameters are read as constants from the model's store.
 * Optionally records the constrained values and the reported quantities, giving a {@link Trace}.
 */
public final class LatentRunner extends ScoringHandler {
  /** Where the unconstrained values come from. */
  @FunctionalInterface
  public interface Source {
    /** The constrained value of {@code site} and the log-Jacobian of its transform. */
    Bijector.Transformed next(Machine m, SampleSite site);
  }

  private final Source source;
  private final ParamStore params;
  private final boolean jacobian;
  private final ValueRecorder choices;
  private final ValueRecorder reported;
  private final Map<Address, Double> logDensities;
  private Node latent;
  private double logJacobian;

  private LatentRunner(Source source, ParamStore params, boolean jacobian, boolean record) {
    this.source = source;
    this.params = params;
    this.jacobian = jacobian;
    this.choices = record ? new ValueRecorder() : null;
    this.reported = record ? new ValueRecorder() : null;
    this.logDensities = record ? new LinkedHashMap<>() : null;
  }

  /**
   * The result of a run: the log density (a tape value, with the log-Jacobians if asked) and, if
   * recorded, the trace, whose log densities and score are the model's own (no log-Jacobians).
   */
  public record Run(Node logDensity, Trace trace) {}

  /**
   * Runs {@code model} on {@code tape} with latents from {@code source}; the log density includes
   * the log-Jacobians when {@code jacobian}; {@code record} also builds the trace of constrained
   * values and reported quantities.
   */
  public static Run run(
      GenerativeFunction model,
      Tensor[] args,
      Source source,
      boolean jacobian,
      boolean record,
      Tape tape,
      RandomStream rng) {
    LatentRunner h = new LatentRunner(source, model.params(), jacobian, record);
    Node[] a = new Node[args.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = tape.constant(args[i]);
    }
    Node ret = Machine.run(model.compiled(), a, h, Address.root(), tape, rng);
    Node lp = h.logDensity(tape);
    Trace trace = null;
    if (record) {
      ChoiceMap.Builder b = ChoiceMap.builder();
      h.choices.values().forEach(b::put);
      trace =
          new Trace(
              model.name(),
              args,
              b.build(),
              h.logDensities,
              h.reported.values(),
              ret == null ? null : ret.detach(),
              jacobian ? lp.get(0) - h.logJacobian : lp.get(0));
    }
    return new Run(lp, trace);
  }

  private Node logDensity(Tape tape) {
    Node t = total();
    if (latent == null) {
      return t == null ? tape.constant(0.0) : t;
    }
    return t == null ? latent : latent.add(t);
  }

  @Override
  public Node sample(Machine m, SampleSite site) {
    if (inMarginal()) {
      throw new VariaException(
          "a random choice (" + site.displayName() + ") inside a marginalize block");
    }
    Bijector.Transformed t = source.next(m, site);
    Node x = t.value();
    Node lp = site.dist().logDensitySum(x);
    if (choices != null) {
      if (site.isElement()) {
        choices.element(site.address(), site.element(), x.detach());
      } else {
        choices.whole(site.address(), x.detach());
      }
      logDensities.merge(site.address(), lp.get(0), Double::sum);
      logJacobian += t.logDet().get(0);
    }
    if (jacobian) {
      lp = lp.add(t.logDet());
    }
    latent = latent == null ? lp : latent.add(lp);
    return x;
  }

  @Override
  public Node param(Machine m, ParamSite site) {
    return m.tape().constant(params.constrainedValue(site));
  }

  @Override
  public void report(Machine m, Address address, int[] element, Node value, Span span) {
    if (reported != null) {
      if (element.length == 0) {
        reported.whole(address, value.detach());
      } else {
        reported.element(address, element, value.detach());
      }
    }
  }

  @Override
  public LatentRunner copy() {
    throw new IllegalStateException("a latent run holds no continuation");
  }
}
