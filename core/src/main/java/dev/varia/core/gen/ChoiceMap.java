package dev.varia.core.gen;

import dev.varia.core.VariaException;
import dev.varia.core.ad.Shape;
import dev.varia.core.ad.Tensor;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable map from addresses to the values of random choices, iterated in a stable order (the
 * order the choices were added, which for traces is program order).
 *
 * <p>A vector or matrix site is one entry; {@link #get(Address)} also answers for its elements
 * ({@code eta/3} is element 3 of the vector {@code eta}; {@code L/1/0} element (1, 0) of a matrix).
 */
public final class ChoiceMap implements Iterable<Map.Entry<Address, Tensor>> {
  private static final ChoiceMap EMPTY = new ChoiceMap(new LinkedHashMap<>());

  private final Map<Address, Tensor> map;

  private ChoiceMap(LinkedHashMap<Address, Tensor> map) {
    this.map = Collections.unmodifiableMap(map);
  }

  /** The empty choice map. */
  public static ChoiceMap empty() {
    return EMPTY;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A map with one choice. */
  public static ChoiceMap of(String address, Tensor value) {
    return builder().put(Address.parse(address), value).build();
  }

  /** A map with two choices. */
  public static ChoiceMap of(String a1, Tensor v1, String a2, Tensor v2) {
    return builder().put(Address.parse(a1), v1).put(Address.parse(a2), v2).build();
  }

  /** Builds choice maps; adding an address twice is an error. */
  public static final class Builder {
    private final LinkedHashMap<Address, Tensor> map = new LinkedHashMap<>();

    private Builder() {}

    /** Adds a choice. */
    public Builder put(Address a, Tensor value) {
      if (map.putIfAbsent(a, value) != null) {
        throw new VariaException("address " + a + " is given twice");
      }
      return this;
    }

    /** Adds a choice at a parsed address. */
    public Builder put(String address, Tensor value) {
      return put(Address.parse(address), value);
    }

    /** Adds a scalar choice. */
    public Builder put(String address, double value) {
      return put(Address.parse(address), Tensor.scalar(value));
    }

    /** The choice map. */
    public ChoiceMap build() {
      return new ChoiceMap(new LinkedHashMap<>(map));
    }
  }

  /** The value at {@code a}: a whole choice, or an element of a vector or matrix choice. */
  public Optional<Tensor> get(Address a) {
    Tensor t = map.get(a);
    if (t != null) {
      return Optional.of(t);
    }
    // element of a vector (one index) or matrix (two indices) site
    if (a.depth() >= 2 && a.last() instanceof Integer i) {
      Address p = a.parent();
      Tensor v = map.get(p);
      if (v != null && v.shape().isVector() && i < v.size()) {
        return Optional.of(Tensor.scalar(v.get(i)));
      }
      if (v != null && v.shape().isMatrix() && i < v.shape().rows()) {
        return Optional.of(row(v, i));
      }
      if (a.depth() >= 3 && p.last() instanceof Integer r) {
        Tensor m = map.get(p.parent());
        if (m != null && m.shape().isMatrix() && r < m.shape().rows() && i < m.shape().cols()) {
          return Optional.of(Tensor.scalar(m.get(r, i)));
        }
      }
    }
    return Optional.empty();
  }

  private static Tensor row(Tensor m, int i) {
    int c = m.shape().cols();
    double[] d = new double[c];
    for (int j = 0; j < c; j++) {
      d[j] = m.get(i, j);
    }
    return Tensor.wrap(d, Shape.vector(c));
  }

  /** The value at a parsed address. */
  public Optional<Tensor> get(String address) {
    return get(Address.parse(address));
  }

  /** True if {@link #get(Address)} finds a value. */
  public boolean has(Address a) {
    return get(a).isPresent();
  }

  /** True if {@code a} is one of the entries (not an element of one). */
  public boolean hasEntry(Address a) {
    return map.containsKey(a);
  }

  /** The addresses of the entries, in order. */
  public Set<Address> addresses() {
    return map.keySet();
  }

  /** Number of entries. */
  public int size() {
    return map.size();
  }

  /** True if there are no entries. */
  public boolean isEmpty() {
    return map.isEmpty();
  }

  /** The entries as a read-only map, in order. */
  public Map<Address, Tensor> asMap() {
    return map;
  }

  /** The union of both maps; an address present in both is an error. */
  public ChoiceMap merge(ChoiceMap other) {
    LinkedHashMap<Address, Tensor> m = new LinkedHashMap<>(map);
    for (Map.Entry<Address, Tensor> e : other.map.entrySet()) {
      if (m.putIfAbsent(e.getKey(), e.getValue()) != null) {
        throw new VariaException("cannot merge choice maps: address " + e.getKey() + " is in both");
      }
    }
    return new ChoiceMap(m);
  }

  /** The entries whose address is selected. */
  public ChoiceMap filter(Selection s) {
    LinkedHashMap<Address, Tensor> m = new LinkedHashMap<>();
    for (Map.Entry<Address, Tensor> e : map.entrySet()) {
      if (s.contains(e.getKey())) {
        m.put(e.getKey(), e.getValue());
      }
    }
    return new ChoiceMap(m);
  }

  @Override
  public Iterator<Map.Entry<Address, Tensor>> iterator() {
    return map.entrySet().iterator();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChoiceMap c && c.map.equals(map);
  }

  @Override
  public int hashCode() {
    return map.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<Address, Tensor> e : map.entrySet()) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(e.getKey()).append(" = ").append(e.getValue());
    }
    return sb.append('}').toString();
  }
}
