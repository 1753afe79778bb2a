package dev.varia.inference.adev;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.exec.Machine;
import dev.varia.core.exec.ParamSite;
import dev.varia.core.exec.SampleSite;
import dev.varia.core.exec.ScoringHandler;
import dev.varia.core.gen.Address;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.Span;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The handler of {@code density(p, trace)}: runs the model reading every random choice from the
 * trace and accumulates the log density of the choices and the observations on the tape. A model
 * site the trace lacks, or a trace choice the model never reads, is an error naming the site.
 */
final class DensityHandler extends ScoringHandler {
  private final TraceValue trace;
  private final ParamStore params;
  private final ParamBinding binding;
  private final dev.varia.core.gen.Selection counted;
  private final Diagnosis diagnosis;
  private final Subsamples subsamples;
  private final UnconstrainedLatents.Reader unconstrained;
  private final Set<Address> wholeRead = new HashSet<>();
  private final Map<Address, Integer> elementsRead = new HashMap<>();

  /**
   * Scores {@code trace}; only the sites {@code counted} selects add their log densities (all are
   * read); observations and factors always count.
   */
  DensityHandler(
      TraceValue trace,
      ParamStore params,
      ParamBinding binding,
      dev.varia.core.gen.Selection counted,
      Diagnosis diagnosis,
      Subsamples subsamples) {
    this.trace = trace;
    this.params = params;
    this.binding = binding;
    this.counted = counted;
    this.diagnosis = diagnosis;
    this.subsamples = subsamples;
    Node block = trace.site(UnconstrainedLatents.ADDRESS);
    this.unconstrained = block == null ? null : new UnconstrainedLatents.Reader(block);
  }

  @Override
  public void observe(Machine m, dev.varia.core.dist.Distribution dist, Node value, Span span) {
    super.observe(m, dist, value, span);
    checkTotal("the observation at " + span);
  }

  @Override
  public void factor(Machine m, Node logWeight, Span span) {
    super.factor(m, logWeight, span);
    checkTotal(span == null ? "a marginalised block" : "the factor at " + span);
  }

  private void checkTotal(String where) {
    Node t = total();
    if (!inMarginal() && t != null && t.size() == 1) {
      diagnosis.check(t.get(0), "the model's log density after " + where);
    }
  }

  @Override
  public Node sample(Machine m, SampleSite site) {
    if (inMarginal()) {
      throw new VariaException(
          "a random choice (" + site.displayName() + ") inside a marginalize block");
    }
    Node v =
        site.isElement()
            ? trace.element(site.address(), site.element())
            : trace.site(site.address());
    if (v == null && unconstrained != null) {
      return sampleUnconstrained(m, site);
    }
    if (v == null) {
      throw new VariaException(
          "the model's site "
              + site.displayName()
              + " is not in the guide's trace (the guide never"
              + " samples it)");
    }
    Shape expected = site.isElement() ? site.dist().eventShape() : wholeShape(site);
    if (!v.shape().equals(expected) && !(v.size() == 1 && expected.size() == 1)) {
      throw new VariaException(
          site.displayName()
              + ": the guide draws shape "
              + v.shape()
              + ", the model shape "
              + expected);
    }
    if (site.isElement()) {
      elementsRead.merge(site.address(), 1, Integer::sum);
    } else {
      wholeRead.add(site.address());
    }
    if (counted.contains(site.address())) {
      Node lp = site.dist().logDensitySum(v);
      diagnosis.check(lp.get(0), "the model's log density at " + site.displayName());
      addLatent(lp, m.logDensityScale());
    }
    return v;
  }

  /** A site read from the trace's unconstrained vector: transformed, with its log-Jacobian. */
  private Node sampleUnconstrained(Machine m, SampleSite site) {
    dev.varia.core.constraint.Bijector.Transformed t = unconstrained.next(m, site);
    Node v = t.value();
    if (counted.contains(site.address())) {
      Node lp = site.dist().logDensitySum(v);
      diagnosis.check(lp.get(0), "the model's log density at " + site.displayName());
      addLatent(lp.add(t.logDet()), 1.0);
    }
    return v;
  }

  private static Shape wholeShape(SampleSite site) {
    Shape b = site.batch();
    Shape e = site.dist().eventShape();
    if (e.isScalar()) {
      return b;
    }
    if (b.isScalar()) {
      return e;
    }
    return Shape.matrix(b.size(), e.size());
  }

  private Node latent;

  private void addLatent(Node lp, double scale) {
    Node s = scale == 1.0 ? lp : lp.mul(scale);
    latent = latent == null ? s : latent.add(s);
  }

  /** log p of the choices and observations (0 if there are none). */
  Node logDensity(Machine m) {
    Node t = total();
    if (latent == null) {
      return t == null ? m.tape().constant(0.0) : t;
    }
    return t == null ? latent : latent.add(t);
  }

  /** Checks that the model read every choice of the trace. */
  void checkAllRead() {
    for (Address a : trace.sites()) {
      if (wholeRead.contains(a)) {
        continue;
      }
      if (a.equals(UnconstrainedLatents.ADDRESS) && unconstrained != null) {
        unconstrained.checkUsedUp();
        continue;
      }
      Integer n = elementsRead.get(a);
      int size = trace.valueCount(a);
      if (n != null && n == size) {
        continue;
      }
      throw new VariaException(
          "the guide's site "
              + a.displayName()
              + " is not in the model"
              + (n == null ? "" : " (the model reads " + n + " of its " + size + " elements)"));
    }
  }

  @Override
  public Node param(Machine m, ParamSite site) {
    return binding.param(params, site);
  }

  @Override
  public void report(Machine m, Address address, int[] element, Node value, Span span) {}

  @Override
  public int[] subsample(Machine m, dev.varia.core.exec.PlateSite plate) {
    return subsamples.indices(plate, m.rng());
  }

  @Override
  public DensityHandler copy() {
    throw new IllegalStateException("density runs hold no continuation");
  }
}
