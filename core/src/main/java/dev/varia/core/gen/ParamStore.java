package dev.varia.core.gen;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.ad.Tensor;
import dev.varia.core.constraint.Bijector;
import dev.varia.core.exec.ParamSite;
import dev.varia.core.gen.internal.Domains;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The learned point values of parameters, keyed by generative function and name ({@code guide.m}).
 * Values live unconstrained (what the optimiser moves); users see them constrained through the
 * parameter's domain. A parameter is created from its declared initial value the first time a run
 * that learns parameters meets it.
 */
public final class ParamStore {
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

  /**
   * One parameter: its declaration and its unconstrained value (updated in place by optimisers).
   */
  public static final class Entry {
    private final ParamSite site;
    private final double[] unconstrained;
    private final Shape unconstrainedShape;

    Entry(ParamSite site, double[] unconstrained, Shape unconstrainedShape) {
      this.site = site;
      this.unconstrained = unconstrained;
      this.unconstrainedShape = unconstrainedShape;
    }

    /** The declaration. */
    public ParamSite site() {
      return site;
    }

    /** The unconstrained values: the optimiser's variables, modified in place. */
    public double[] unconstrained() {
      return unconstrained;
    }

    /** Shape of the unconstrained value. */
    public Shape unconstrainedShape() {
      return unconstrainedShape;
    }
  }

  /** The keys ({@code function.name}) in creation order. */
  public Set<String> keys() {
    return Collections.unmodifiableSet(entries.keySet());
  }

  /** The entries in creation order. */
  public Map<String, Entry> entries() {
    return Collections.unmodifiableMap(entries);
  }

  /** The entry for {@code site}, creating it from the initial value if absent. */
  public Entry entry(ParamSite site) {
    Entry e = entries.get(site.key());
    if (e != null) {
      if (!e.site.shape().equals(site.shape())) {
        throw new dev.varia.core.VariaException(
            "parameter "
                + site.key()
                + " was created with shape "
                + e.site.shape()
                + " and is now declared with shape "
                + site.shape());
      }
      return e;
    }
    e = initialise(site);
    entries.put(site.key(), e);
    return e;
  }

  /** The constrained value of {@code key}, if the parameter exists. */
  public Optional<Tensor> get(String key) {
    Entry e = entries.get(key);
    return e == null ? Optional.empty() : Optional.of(constrained(e));
  }

  /**
   * The constrained value of the parameter declared by {@code site}: its stored value, or its
   * initial value if it has none yet (the store is not changed).
   */
  public Tensor constrainedValue(ParamSite site) {
    Entry e = entries.get(site.key());
    return e == null ? fullInit(site) : constrained(e);
  }

  /** Sets the constrained value of an existing or new parameter. */
  public void set(ParamSite site, Tensor constrainedValue) {
    entries.remove(site.key());
    ParamSite s =
        new ParamSite(
            site.owner(), site.name(), site.shape(), site.domain(), constrainedValue, site.span());
    entries.put(site.key(), initialise(s));
  }

  /**
   * The parameter's value on {@code tape}: a variable (gradients flow into the unconstrained value)
   * mapped through the domain's bijector.
   */
  public Node node(Tape tape, Entry e, boolean variable) {
    Node u =
        variable
            ? tape.variable(e.unconstrained, e.unconstrainedShape)
            : tape.constant(e.unconstrained, e.unconstrainedShape);
    return forward(tape, e.site, u);
  }

  /** The constrained value of parameter {@code e} for the unconstrained tape value {@code u}. */
  public Node constrain(Tape tape, Entry e, Node u) {
    return forward(tape, e.site, u);
  }

  private static Node forward(Tape tape, ParamSite site, Node u) {
    Bijector b = Domains.bijector(site.domain(), tape);
    return b == null ? u : b.forward(u);
  }

  private Tensor constrained(Entry e) {
    Tape t = new Tape();
    try (Tape.ValueOnly v = t.valueOnly()) {
      return node(t, e, false).detach();
    }
  }

  private static Tensor fullInit(ParamSite site) {
    Tensor init = site.init();
    if (init.shape().equals(site.shape())) {
      return init;
    }
    return Tensor.full(site.shape(), init.get(0));
  }

  private static Entry initialise(ParamSite site) {
    Tensor init = fullInit(site);
    Tape t = new Tape();
    try (Tape.ValueOnly v = t.valueOnly()) {
      Bijector b = Domains.bijector(site.domain(), t);
      Node x = t.constant(init);
      Node u = b == null ? x : b.inverse(x);
      double[] vals = new double[u.size()];
      u.copyValueInto(vals, 0);
      for (double d : vals) {
        if (!Double.isFinite(d)) {
          throw new dev.varia.core.VariaException(
              "parameter "
                  + site.key()
                  + ": initial value "
                  + init
                  + " is not inside its domain ("
                  + site.domain().kind().name().toLowerCase(java.util.Locale.ROOT)
                  + ")");
        }
      }
      return new Entry(site, vals, u.shape());
    }
  }
}
