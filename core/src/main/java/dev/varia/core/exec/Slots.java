package dev.varia.core.exec;

import dev.varia.core.ir.Span;
import java.util.HashMap;
import java.util.Map;

/**
 * Local-variable slots of one function: each name gets one slot (names are function-scoped; a new
 * binding of a name reuses its slot). Arguments take the first slots.
 */
public final class Slots {
  private final Map<String, Integer> slots = new HashMap<>();
  private final String function;

  /** Slots of the activation named {@code function} (used in messages). */
  public Slots(String function) {
    this.function = function;
  }

  /** The slot of {@code name}, creating it. */
  public int define(String name) {
    return slots.computeIfAbsent(name, n -> slots.size());
  }

  /** The slot of an existing {@code name}. */
  public int lookup(String name, Span span) {
    Integer s = slots.get(name);
    if (s == null) {
      throw new LocatedException(
          span, "unknown variable " + name + " in generative function " + function);
    }
    return s;
  }

  /** Number of slots. */
  public int count() {
    return slots.size();
  }
}
