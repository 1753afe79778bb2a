package dev.varia.inference.adev;

import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.exec.ParamSite;
import dev.varia.core.gen.ParamStore;
import dev.varia.inference.objective.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of one evaluation of an objective: each parameter is put on the tape once, as a
 * variable if the objective updates its owner's role, else as a constant. After the backward pass,
 * {@link #trainable()} gives each variable with its storage, to read gradients and step.
 */
public final class ParamBinding {
  /** A parameter on the tape: its key, storage (updated in place by optimisers) and leaf. */
  public record Bound(String key, double[] storage, Shape shape, Node leaf, Node value) {
    /** Copies the gradient of the objective with respect to the storage into {@code dst}. */
    public void gradientInto(double[] dst) {
      leaf.gradInto(dst, 0);
    }
  }

  private final Tape tape;
  private final Map<String, Role> ownerRoles;
  private final Set<Role> updates;
  private final LinkedHashMap<String, Bound> bound = new LinkedHashMap<>();

  ParamBinding(Tape tape, Map<String, Role> ownerRoles, Set<Role> updates) {
    this.tape = tape;
    this.ownerRoles = ownerRoles;
    this.updates = updates;
  }

  /** The constrained value of the parameter declared by {@code site}, stored in {@code store}. */
  Node param(ParamStore store, ParamSite site) {
    Bound b = bound.get(site.key());
    if (b != null) {
      return b.value;
    }
    ParamStore.Entry e = store.entry(site);
    Role role = ownerRoles.get(site.owner());
    boolean train = role != null && updates.contains(role) && tape.isRecording();
    Node leaf =
        train
            ? tape.variable(e.unconstrained(), e.unconstrainedShape())
            : tape.constant(e.unconstrained(), e.unconstrainedShape());
    Node value = store.constrain(tape, e, leaf);
    bound.put(
        site.key(), new Bound(site.key(), e.unconstrained(), e.unconstrainedShape(), leaf, value));
    return value;
  }

  /** A scalar learned baseline as a variable (when guide parameters are updated). */
  Node baseline(String key, double[] storage) {
    String k = "baseline[" + key + "]";
    Bound b = bound.get(k);
    if (b != null) {
      return b.value;
    }
    boolean train = updates.contains(Role.GUIDE) && tape.isRecording();
    Node leaf = train ? tape.variable(storage, Shape.SCALAR) : tape.constant(storage, Shape.SCALAR);
    bound.put(k, new Bound(k, storage, Shape.SCALAR, leaf, leaf));
    return leaf;
  }

  /** The parameters put on the tape as variables, in order. */
  public List<Bound> trainable() {
    List<Bound> out = new ArrayList<>();
    for (Bound b : bound.values()) {
      if (b.leaf.requiresGrad()) {
        out.add(b);
      }
    }
    return out;
  }

  /** Every parameter met in this evaluation. */
  public List<Bound> all() {
    return new ArrayList<>(bound.values());
  }
}
