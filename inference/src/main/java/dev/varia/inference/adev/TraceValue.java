package dev.varia.inference.adev;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Node;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tape;
import dev.varia.core.gen.Address;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace drawn by {@code sim(q)} inside an objective: its choices as tape values (so the objective
 * differentiates through reparameterised draws), its log density log q and the return value.
 * Choices drawn whole are stored under the site's address; choices drawn element by element under
 * the element's address.
 */
public final class TraceValue {
  private final Map<Address, Node> whole;
  private final Map<Address, Node> elements;
  private final Map<Address, List<int[]>> elementIndex;
  private final Node logq;
  private final Node returned;

  TraceValue(
      Map<Address, Node> whole,
      Map<Address, Node> elements,
      Map<Address, List<int[]>> elementIndex,
      Node logq,
      Node returned) {
    this.whole = Collections.unmodifiableMap(new LinkedHashMap<>(whole));
    this.elements = Collections.unmodifiableMap(new LinkedHashMap<>(elements));
    this.elementIndex = Collections.unmodifiableMap(new LinkedHashMap<>(elementIndex));
    this.logq = logq;
    this.returned = returned;
  }

  /** log q of the choices (0 for a trace without choices). */
  public Node logq(Tape tape) {
    if (logq == null && merged) {
      throw new VariaException("a merged trace has no log q of its own");
    }
    return logq == null ? tape.constant(0.0) : logq;
  }

  private boolean merged;

  /**
   * A trace with this trace's choices at the sites {@code keep} selects and {@code other}'s at the
   * remaining ones; it has no log q.
   */
  TraceValue merge(dev.varia.core.gen.Selection keep, TraceValue other) {
    Map<Address, Node> w = new LinkedHashMap<>();
    Map<Address, Node> el = new LinkedHashMap<>();
    Map<Address, List<int[]>> idx = new LinkedHashMap<>();
    copySites(this, keep, true, w, el, idx);
    copySites(other, keep, false, w, el, idx);
    TraceValue t = new TraceValue(w, el, idx, null, null);
    t.merged = true;
    return t;
  }

  /** The choices at the sites {@code keep} selects, with {@code logq} as their log density. */
  TraceValue restrict(dev.varia.core.gen.Selection keep, Node newLogq) {
    Map<Address, Node> w = new LinkedHashMap<>();
    Map<Address, Node> el = new LinkedHashMap<>();
    Map<Address, List<int[]>> idx = new LinkedHashMap<>();
    copySites(this, keep, true, w, el, idx);
    return new TraceValue(w, el, idx, newLogq, returned);
  }

  private static void copySites(
      TraceValue from,
      dev.varia.core.gen.Selection keep,
      boolean selected,
      Map<Address, Node> w,
      Map<Address, Node> el,
      Map<Address, List<int[]>> idx) {
    from.whole.forEach(
        (a, v) -> {
          if (keep.contains(a) == selected) {
            w.put(a, v);
          }
        });
    from.elementIndex.forEach(
        (a, list) -> {
          if (keep.contains(a) == selected) {
            idx.put(a, list);
            for (int[] ix : list) {
              Address ea = a;
              for (int i : ix) {
                ea = ea.child(i);
              }
              el.put(ea, from.elements.get(ea));
            }
          }
        });
  }

  /** The return value, or null. */
  public Node returned() {
    return returned;
  }

  /** The site addresses of the trace, in the order they were drawn. */
  public java.util.Set<Address> sites() {
    java.util.LinkedHashSet<Address> s = new java.util.LinkedHashSet<>(whole.keySet());
    s.addAll(elementIndex.keySet());
    return s;
  }

  /**
   * The number of values the trace holds for site {@code a}: the size of a whole draw, or the
   * number of elements drawn one by one (a subsampled plate draws only some of them).
   */
  int valueCount(Address a) {
    Node n = whole.get(a);
    if (n != null) {
      return n.size();
    }
    List<int[]> idx = elementIndex.get(a);
    return idx == null ? 0 : idx.size();
  }

  /** True if the trace has site {@code a}. */
  public boolean hasSite(Address a) {
    return whole.containsKey(a) || elementIndex.containsKey(a);
  }

  /** The whole value of site {@code a} (elements drawn one by one are assembled), or null. */
  public Node site(Address a) {
    Node n = whole.get(a);
    if (n != null) {
      return n;
    }
    List<int[]> idx = elementIndex.get(a);
    if (idx == null) {
      return null;
    }
    return assemble(a, idx);
  }

  /** Element {@code index} of site {@code a}, or null. */
  public Node element(Address a, int[] index) {
    Address ea = a;
    for (int i : index) {
      ea = ea.child(i);
    }
    Node n = elements.get(ea);
    if (n != null) {
      return n;
    }
    Node w = whole.get(a);
    if (w == null) {
      return null;
    }
    return index.length == 1 ? w.index(index[0]) : w.index(index[0], index[1]);
  }

  private Node assemble(Address a, List<int[]> idx) {
    int dims = idx.get(0).length;
    int rows = 1;
    int cols = 0;
    for (int[] ix : idx) {
      if (dims == 1) {
        cols = Math.max(cols, ix[0] + 1);
      } else {
        rows = Math.max(rows, ix[0] + 1);
        cols = Math.max(cols, ix[1] + 1);
      }
    }
    Node[] parts = new Node[rows * cols];
    for (int[] ix : idx) {
      Address ea = a;
      for (int i : ix) {
        ea = ea.child(i);
      }
      parts[dims == 1 ? ix[0] : ix[0] * cols + ix[1]] = elements.get(ea);
    }
    for (int k = 0; k < parts.length; k++) {
      if (parts[k] == null) {
        throw new VariaException(
            "the trace has no value for element " + (k + 1) + " of " + a.displayName());
      }
    }
    Node v = Node.concat(parts);
    return dims == 1 ? v : v.reshape(Shape.matrix(rows, cols));
  }
}
