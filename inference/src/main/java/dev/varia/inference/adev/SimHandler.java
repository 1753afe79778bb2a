package dev.varia.inference.adev;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.dist.Distribution;
import dev.varia.core.exec.Continuation;
import dev.varia.core.exec.Handler;
import dev.varia.core.exec.Machine;
import dev.varia.core.exec.ParamSite;
import dev.varia.core.exec.PlateSite;
import dev.varia.core.exec.SampleSite;
import dev.varia.core.gen.Address;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.ir.Span;
import dev.varia.core.ir.Strategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handler of {@code sim(q)}: draws each choice of q with its site's gradient strategy (ADEV),
 * recording the choices and log q on the tape.
 *
 * <ul>
 *   <li>REPARAM: a reparameterised draw (explicit or implicit), differentiable in q's parameters;
 *   <li>REINFORCE: a plain draw; the enclosing expectation adds {@code phantom(log q(x), l - b)};
 *   <li>ENUM: runs the rest of the expectation once per value of the support and ends it with
 *       {@code sum_v q(v) l(v)};
 *   <li>MVD: runs the rest value-only on the coupled value(s) and attaches the measure-valued
 *       derivative.
 * </ul>
 *
 * <p>A <em>detached</em> handler draws every choice as a constant (no gradient through it, no score
 * terms): the particles of reweighted wake-sleep and of {@code normalize}.
 */
final class SimHandler implements Handler {
  private final ParamStore params;
  private final ParamBinding binding;
  private final EstimatorOptions options;
  private final boolean detached;
  private final Diagnosis diagnosis;
  private final Subsamples subsamples;
  private LinkedHashMap<Address, Node> whole = new LinkedHashMap<>();
  private LinkedHashMap<Address, Node> elements = new LinkedHashMap<>();
  private LinkedHashMap<Address, List<int[]>> elementIndex = new LinkedHashMap<>();
  private Node logq;

  SimHandler(EstimatorRun run, ParamStore params, boolean detached) {
    this.params = params;
    this.binding = run.binding();
    this.options = run.options();
    this.diagnosis = run.diagnosis();
    this.subsamples = run.subsamples();
    this.detached = detached;
  }

  private SimHandler(SimHandler h) {
    this.params = h.params;
    this.binding = h.binding;
    this.options = h.options;
    this.diagnosis = h.diagnosis;
    this.subsamples = h.subsamples;
    this.detached = h.detached;
  }

  /** The finished trace. */
  TraceValue trace(Node returned) {
    return new TraceValue(whole, elements, elementIndex, logq, returned);
  }

  @Override
  public Node sample(Machine m, SampleSite site) {
    Distribution d = site.dist();
    double scale = m.logDensityScale();
    if (detached) {
      // particles held constant: no gradient through the draw, no score terms
      Node x = draw(m, site);
      record(site, x, d.logDensitySum(x), scale);
      return x;
    }
    Strategy.Kind kind = Strategies.resolve(site, options);
    switch (kind) {
      case REPARAM:
        {
          Node x = d.rsample(m.rng(), drawShape(site));
          record(site, x, d.logDensitySum(x), scale);
          return x;
        }
      case REINFORCE:
        {
          Node x = draw(m, site);
          Node lq = d.logDensitySum(x);
          record(site, x, lq, scale);
          ParticlesFrame group = m.innermost(ParticlesFrame.class);
          expectation(m)
              .addScore(
                  lq,
                  baselineOf(site),
                  site.address().displayName(),
                  group,
                  group == null ? 0 : group.particle());
          return x;
        }
      case ENUM:
        return enumerate(m, site, scale);
      case MVD:
        return measureValued(m, site, scale);
      default:
        throw new AssertionError(kind);
    }
  }

  /** The site's own baseline; a site that names no strategy gets a moving average. */
  private Strategy.Baseline baselineOf(SampleSite site) {
    Strategy s = site.strategy();
    if (s.kind() == Strategy.Kind.REINFORCE) {
      return s.baseline();
    }
    return Strategy.Baseline.movingAverage(options.baselineDecay());
  }

  private static Shape drawShape(SampleSite site) {
    return site.isElement() ? Shape.SCALAR : site.batch();
  }

  private static Node draw(Machine m, SampleSite site) {
    Tensor t = site.dist().sample(m.rng(), drawShape(site));
    return m.tape().constant(t);
  }

  private static ExpectationFrame expectation(Machine m) {
    ExpectationFrame e = m.innermost(ExpectationFrame.class);
    if (e == null) {
      throw new IllegalStateException("sim outside an expectation");
    }
    return e;
  }

  /**
   * Records a choice and its log density, which adds to log q scaled by {@code scale} (the N / m of
   * enclosing subsampled plates).
   */
  void record(SampleSite site, Node value, Node lq, double scale) {
    if (site.isElement()) {
      Address ea = site.elementAddress();
      if (whole.containsKey(site.address())) {
        throw new VariaException(site.address().displayName() + " is drawn whole and by element");
      }
      elements.put(ea, value);
      elementIndex.computeIfAbsent(site.address(), a -> new ArrayList<>()).add(site.element());
    } else {
      if (whole.put(site.address(), value) != null || elementIndex.containsKey(site.address())) {
        throw new VariaException(site.address().displayName() + " is given a value twice");
      }
    }
    Node s = lq.size() == 1 ? lq : lq.sum();
    if (scale != 1.0) {
      s = s.mul(scale);
    }
    diagnosis.check(s.get(0), "the guide's log density at " + site.displayName());
    logq = logq == null ? s : logq.add(s);
  }

  private Node enumerate(Machine m, SampleSite site, double scale) {
    Distribution d = site.dist();
    requireScalar(site, "ENUM");
    Tensor values = d.enumerateSupport();
    Tape tape = m.tape();
    Continuation k = m.capture();
    Node acc = null;
    for (int i = 0; i < values.size(); i++) {
      Node v = tape.constant(values.get(i));
      Node lq = d.logDensitySum(v);
      Continuation.Resumption r = k.instantiate();
      SimHandler h = (SimHandler) r.handler(this);
      h.record(site, v, lq, scale);
      Node l = r.resume(v, m.rng().fork(forkKey(site, i)));
      Node term = lq.exp().mul(l);
      acc = acc == null ? term : acc.add(term);
    }
    m.finish(acc);
    return tape.constant(values.get(0));
  }

  private Node measureValued(Machine m, SampleSite site, double scale) {
    Distribution d = site.dist();
    requireScalar(site, "MVD");
    Tape tape = m.tape();
    ExpectationFrame e = expectation(m);
    if (d instanceof dev.varia.core.dist.Normal normal) {
      Node mu = normal.mu();
      Node sigma = normal.sigma();
      double s = sigma.get(0);
      Node x = tape.constant(mu.get(0) + s * m.rng().normal());
      // W ~ Weibull(shape 2, scale sqrt 2), by inversion: W = sqrt(-2 log U)
      double w = Math.sqrt(-2 * Math.log(m.rng().uniform()));
      Continuation k = m.capture();
      double plus = valueOnlyRun(m, k, site, mu.get(0) + w * s, 0, scale);
      double minus = valueOnlyRun(m, k, site, mu.get(0) - w * s, 1, scale);
      e.addFixed(mu, tape.constant((plus - minus) / (s * Math.sqrt(2 * Math.PI))));
      record(site, x, d.logDensitySum(x), scale);
      return x;
    }
    Node p;
    double value;
    double alt;
    double sign;
    if (d instanceof dev.varia.core.dist.Bernoulli b) {
      p = b.theta();
    } else if (d instanceof dev.varia.core.dist.BernoulliLogit b) {
      p = b.alpha().sigmoid();
    } else if (d instanceof dev.varia.core.dist.Poisson pd) {
      p = pd.lambda();
    } else {
      p = ((dev.varia.core.dist.PoissonLog) d).alpha().exp();
    }
    Node x = draw(m, site);
    value = x.get(0);
    boolean bernoulli =
        !(d instanceof dev.varia.core.dist.Poisson)
            && !(d instanceof dev.varia.core.dist.PoissonLog);
    if (bernoulli) {
      alt = 1 - value;
      sign = value == 1 ? -1 : 1;
    } else {
      alt = value + 1;
      sign = 1;
    }
    Continuation k = m.capture();
    double lAlt = valueOnlyRun(m, k, site, alt, 0, scale);
    e.addMvd(p, sign, lAlt + e.costValue());
    record(site, x, d.logDensitySum(x), scale);
    return x;
  }

  /** Runs the rest of the expectation value-only with {@code value} at the site. */
  private double valueOnlyRun(
      Machine m, Continuation k, SampleSite site, double value, int branch, double scale) {
    Tape tape = m.tape();
    try (Tape.ValueOnly s = tape.valueOnly()) {
      Continuation.Resumption r = k.instantiate();
      SimHandler h = (SimHandler) r.handler(this);
      Node v = tape.constant(value);
      h.record(site, v, site.dist().logDensitySum(v), scale);
      return r.resume(v, m.rng().fork(forkKey(site, branch))).get(0);
    }
  }

  private static void requireScalar(SampleSite site, String strategy) {
    if (!site.isElement() && site.batch().size() != 1) {
      throw new VariaException(
          site.displayName()
              + ": "
              + strategy
              + " applies to one value at a time; this site draws"
              + " shape "
              + site.batch()
              + " (draw its elements one by one, or use REINFORCE)");
    }
  }

  private static long forkKey(SampleSite site, int branch) {
    return site.elementAddress().toString().hashCode() * 1_000_003L + branch;
  }

  @Override
  public void observe(Machine m, Distribution dist, Node value, Span span) {
    throw new VariaException(
        "a guide cannot observe data (an observation was met while simulating the guide)");
  }

  @Override
  public void factor(Machine m, Node logWeight, Span span) {
    throw new VariaException("a guide cannot add factors (a factor was met while simulating it)");
  }

  @Override
  public Node param(Machine m, ParamSite site) {
    return binding.param(params, site);
  }

  @Override
  public void report(Machine m, Address address, int[] element, Node value, Span span) {}

  @Override
  public int[] subsample(Machine m, PlateSite plate) {
    return subsamples.indices(plate, m.rng());
  }

  @Override
  public void beginMarginal() {
    throw new VariaException("a guide cannot marginalise (marginalize blocks belong in models)");
  }

  @Override
  public Node endMarginal() {
    throw new IllegalStateException("no marginal scope");
  }

  @Override
  public SimHandler copy() {
    SimHandler c = new SimHandler(this);
    c.whole = new LinkedHashMap<>(whole);
    c.elements = new LinkedHashMap<>(elements);
    c.elementIndex = new LinkedHashMap<>();
    for (Map.Entry<Address, List<int[]>> en : elementIndex.entrySet()) {
      c.elementIndex.put(en.getKey(), new ArrayList<>(en.getValue()));
    }
    c.logq = logq;
    return c;
  }
}
