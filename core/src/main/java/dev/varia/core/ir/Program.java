package dev.varia.core.ir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A set of generative functions that may call each other by name. */
public record Program(Map<String, GenFn> functions) {
  /** Copies the map, keeping its order. */
  public Program {
    functions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(functions));
  }

  /** A program of the given functions (names must be distinct). */
  public static Program of(List<GenFn> fns) {
    Map<String, GenFn> m = new LinkedHashMap<>();
    for (GenFn f : fns) {
      if (m.put(f.name(), f) != null) {
        throw new IllegalArgumentException("two generative functions are named " + f.name());
      }
    }
    return new Program(m);
  }

  /** A program of one function. */
  public static Program of(GenFn fn) {
    return of(List.of(fn));
  }

  /** The function named {@code name}. */
  public Optional<GenFn> get(String name) {
    return Optional.ofNullable(functions.get(name));
  }
}
