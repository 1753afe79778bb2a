package dev.varia.core.gen.internal;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.exec.Machine;
import dev.varia.core.exec.ParamSite;
import dev.varia.core.exec.SampleSite;
import dev.varia.core.exec.ScoringHandler;
import dev.varia.core.gen.Address;
import dev.varia.core.gen.ChoiceMap;
import dev.varia.core.gen.ParamStore;
import dev.varia.core.gen.Trace;
import dev.varia.core.ir.Span;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The handler behind the Generative Function Interface: simulate (draw every choice), generate
 * (take constrained choices from a choice map, draw the rest) and assess (every choice must be
 * given). Records the trace: choices, their log densities, reported values.
 */
public final class GfiHandler extends ScoringHandler {
  /** What to do at a random choice. */
  public enum Mode {
    SIMULATE,
    GENERATE,
    ASSESS
  }

  private final Mode mode;
  private final ChoiceMap constraints;
  private final ParamStore params;
  private LinkedHashMap<Address, SiteRecord> sites = new LinkedHashMap<>();
  private LinkedHashMap<Address, SiteRecord> reported = new LinkedHashMap<>();
  private Set<Address> visited = new HashSet<>();
  private Map<Address, Integer> elementsRead = new LinkedHashMap<>();
  private Node latent;
  private Node constrained;

  /** A handler in {@code mode}; constraints are the given choices (empty for simulate). */
  public GfiHandler(Mode mode, ChoiceMap constraints, ParamStore params) {
    this.mode = mode;
    this.constraints = constraints;
    this.params = params;
  }

  @Override
  public Node sample(Machine m, SampleSite site) {
    if (inMarginal()) {
      throw new VariaException(
          "a random choice ("
              + site.displayName()
              + ") inside a marginalize block: only"
              + " observations and factors may depend on the marginalised value");
    }
    Address addr = site.elementAddress();
    Tensor given = mode == Mode.SIMULATE ? null : constraints.get(addr).orElse(null);
    if (given == null && mode == Mode.ASSESS) {
      throw new VariaException("assess: no value is given for " + site.displayName());
    }
    Node value;
    Shape expected = expectedShape(site);
    if (given != null) {
      if (!given.shape().equals(expected) && !(given.size() == 1 && expected.size() == 1)) {
        throw new VariaException(
            "the value given for "
                + site.displayName()
                + " has shape "
                + given.shape()
                + ", the site draws shape "
                + expected);
      }
      value = m.tape().constant(given.size() == 1 ? Tensor.scalar(given.get(0)) : given);
      markVisited(site, addr);
    } else {
      Tensor draw = site.dist().sample(m.rng(), site.isElement() ? Shape.SCALAR : site.batch());
      value = m.tape().constant(draw);
    }
    Node lp = site.dist().logDensitySum(value);
    SiteRecord rec = sites.computeIfAbsent(site.address(), a -> new SiteRecord(a, site.span()));
    if (site.isElement()) {
      rec.addElement(site.element(), value);
    } else {
      rec.setWhole(value, site.span());
    }
    rec.addLogDensity(lp);
    latent = latent == null ? lp : latent.add(lp);
    if (given != null) {
      constrained = constrained == null ? lp : constrained.add(lp);
    }
    return value;
  }

  private static Shape expectedShape(SampleSite site) {
    if (site.isElement()) {
      return site.dist().eventShape();
    }
    Shape b = site.batch();
    Shape e = site.dist().eventShape();
    if (e.isScalar()) {
      return b;
    }
    if (b.isScalar()) {
      return e;
    }
    if (b.isVector() && e.isVector()) {
      return Shape.matrix(b.cols(), e.cols());
    }
    throw new VariaException(
        site.displayName()
            + ": batch shape "
            + b
            + " with event shape "
            + e
            + " needs more than 2 dimensions");
  }

  private void markVisited(SampleSite site, Address addr) {
    visited.add(addr);
    if (site.isElement()) {
      elementsRead.merge(site.address(), 1, Integer::sum);
    }
  }

  @Override
  public Node param(Machine m, ParamSite site) {
    return m.tape().constant(params.constrainedValue(site));
  }

  @Override
  public void report(Machine m, Address address, int[] element, Node value, Span span) {
    SiteRecord rec = reported.computeIfAbsent(address, a -> new SiteRecord(a, span));
    if (element.length == 0) {
      rec.setWhole(value, span);
    } else {
      rec.addElement(element, value);
    }
  }

  @Override
  public GfiHandler copy() {
    GfiHandler c = copyScoresInto(new GfiHandler(mode, constraints, params));
    c.sites = copyRecords(sites);
    c.reported = copyRecords(reported);
    c.visited = new HashSet<>(visited);
    c.elementsRead = new LinkedHashMap<>(elementsRead);
    c.latent = latent;
    c.constrained = constrained;
    return c;
  }

  private static LinkedHashMap<Address, SiteRecord> copyRecords(
      LinkedHashMap<Address, SiteRecord> recs) {
    LinkedHashMap<Address, SiteRecord> out = new LinkedHashMap<>();
    recs.forEach((a, r) -> out.put(a, r.copy()));
    return out;
  }

  /** log p of all choices, observations and factors. */
  public double score() {
    return value(latent) + value(total());
  }

  /** The importance weight of generate: constrained choices, observations and factors. */
  public double weight() {
    return value(constrained) + value(total());
  }

  private static double value(Node n) {
    return n == null ? 0.0 : n.get(0);
  }

  /** Checks that every constraint was used: a constraint the program never visits is an error. */
  public void checkAllConstraintsVisited(String function, Span span) {
    for (Address a : constraints.addresses()) {
      if (visited.contains(a)) {
        continue;
      }
      Integer n = elementsRead.get(a);
      Tensor given = constraints.get(a).orElseThrow();
      if (n != null && n == given.size()) {
        continue;
      }
      String what =
          n == null
              ? "the program never samples it"
              : "it has " + given.size() + " elements but the program draws " + n;
      throw new dev.varia.core.exec.LocatedException(
          span,
          "a value is given for " + a.displayName() + " but " + what + " (in " + function + ")");
    }
  }

  /** The finished trace. */
  public Trace trace(String function, Tensor[] args, Node returnValue) {
    ChoiceMap.Builder b = ChoiceMap.builder();
    Map<Address, Double> lds = new LinkedHashMap<>();
    for (SiteRecord r : sites.values()) {
      b.put(r.address(), r.value());
      lds.put(r.address(), r.logDensityValue());
    }
    Map<Address, Tensor> rep = new LinkedHashMap<>();
    for (SiteRecord r : reported.values()) {
      rep.put(r.address(), r.value());
    }
    return new Trace(
        function,
        args,
        b.build(),
        lds,
        rep,
        returnValue == null ? null : returnValue.detach(),
        score());
  }
}
