package dev.varia.inference.optim;

import dev.varia.core.gen.ParamStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The arrays an optimiser updates in place, keyed by parameter. Made from a {@link ParamStore} (its
 * entries' unconstrained arrays, so steps move the store's parameters directly) or from any map of
 * arrays. The arrays are views, never copies.
 */
public final class ParameterArrays {
  private final Map<String, double[]> arrays;

  private ParameterArrays(Map<String, double[]> arrays) {
    LinkedHashMap<String, double[]> copy = new LinkedHashMap<>();
    arrays.forEach(
        (k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, k)));
    this.arrays = Collections.unmodifiableMap(copy);
  }

  /** The unconstrained arrays of every parameter in {@code store}, in the store's order. */
  public static ParameterArrays of(ParamStore store) {
    LinkedHashMap<String, double[]> m = new LinkedHashMap<>();
    store.entries().forEach((k, e) -> m.put(k, e.unconstrained()));
    return new ParameterArrays(m);
  }

  /** The given arrays (referenced, not copied), in the map's iteration order. */
  public static ParameterArrays of(Map<String, double[]> arraysByKey) {
    return new ParameterArrays(arraysByKey);
  }

  /** The keys in order. */
  public Set<String> keys() {
    return arrays.keySet();
  }

  /** The array of {@code key} (the live array), or null if there is none. */
  public double[] get(String key) {
    return arrays.get(key);
  }

  /** All arrays by key (live arrays). */
  public Map<String, double[]> asMap() {
    return arrays;
  }
}
